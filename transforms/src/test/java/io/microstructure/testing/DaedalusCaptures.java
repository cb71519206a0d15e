package io.microstructure.testing;

import java.nio.file.Path;

/**
 * A raw root as jp-quant/daedalus' capture writer (ingestion/writers/parquet_writer.py) lands it,
 * written by DuckDB with that writer's schema:
 *
 * <pre>
 * ready/&lt;source&gt;/&lt;channel&gt;/exchange=&lt;ex&gt;/symbol=&lt;SYM&gt;/year=&lt;y&gt;/month=&lt;m&gt;/day=&lt;d&gt;/hour=&lt;h&gt;/segment_&lt;YYYYMMDDTHH&gt;_&lt;NNNNN&gt;.parquet
 * </pre>
 *
 * Partition columns are stored in the files too (symbol sanitised, {@code BTC-USDT}), book levels
 * are {@code list<struct<price, size>>}, trades carry {@code trade_id}, ticker fields are snake
 * case, {@code capture_ts} is TIMESTAMP(MICROS, UTC), {@code collected_at} an int64 of ms, zstd, a
 * row group every 1,000 rows.
 *
 * <p>Contents (binance BTC-USDT, hour 2026-01-05 00, two order-book files of 60 rows each, one
 * snapshot every 30 s; okx ETH-USDT, hour 01, 20 snapshots):
 *
 * <ul>
 *   <li>order book row 7 of the first file has a null level size (rejected: {@code bids}, {@code
 *       level 1: amount is null or NaN}); row 8 a negative ask price at level 2;
 *   <li>trades: 40 per market-hour, row 9 repeats row 8's trade_id in both (a duplicate); binance's
 *       row 5 has side {@code foo} (rejected);
 *   <li>ticker: 30 rows, all valid.
 * </ul>
 */
public final class DaedalusCaptures {
  /** 2026-01-05T00:00:00Z, epoch seconds. */
  public static final long HOUR0 = 1767571200L;

  private DaedalusCaptures() {}

  /** The folder of one market-hour of a channel. */
  public static Path hourDir(Path root, String source, String channel, String ex, String sym, int hour) {
    return root.resolve(
        "ready/"
            + source
            + "/"
            + channel
            + "/exchange="
            + ex
            + "/symbol="
            + sym
            + "/year=2026/month=01/day=05/hour="
            + String.format("%02d", hour));
  }

  /** The daedalus name of a segment. */
  public static String segmentName(int hour, int counter) {
    return String.format("segment_20260105T%02d_%05d.parquet", hour, counter);
  }

  private static String partitionColumns(String ex, String sym, int hour) {
    return "'"
        + ex
        + "' AS exchange, '"
        + sym
        + "' AS symbol, 2026 AS year, 1 AS month, 5 AS day, "
        + hour
        + " AS hour, ";
  }

  private static String captureTs(int hour, String step) {
    return "to_timestamp("
        + (HOUR0 + hour * 3600L)
        + " + "
        + step
        + ") AS capture_ts, (("
        + (HOUR0 + hour * 3600L)
        + " + "
        + step
        + ") * 1000 + 7)::BIGINT AS collected_at, ";
  }

  /** Copies a query to a daedalus segment file (zstd, 1,000-row row groups). */
  public static void copy(DuckDb duck, String select, Path file) {
    file.getParent().toFile().mkdirs();
    duck.execute(
        "COPY ("
            + select
            + ") TO '"
            + file
            + "' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 1000)");
  }

  /** Order-book rows {@code from} (inclusive) to {@code to} (exclusive) of a market-hour. */
  public static String books(String ex, String sym, int hour, int from, int to, boolean malformed) {
    String level = "STRUCT(price DOUBLE, size DOUBLE)[]";
    return "SELECT "
        + partitionColumns(ex, sym, hour)
        + captureTs(hour, "i * 30")
        + "((" + (HOUR0 + hour * 3600L) + " + i * 30) * 1000 - 3)::BIGINT AS timestamp, "
        + "CAST([{'price': 100.0 + (i % 5) * 0.5, 'size': "
        + (malformed ? "CASE WHEN i = 7 THEN NULL ELSE 1.0 + i % 3 END" : "1.0 + i % 3")
        + "}, {'price': 99.0 + (i % 5) * 0.5, 'size': 2.0}] AS "
        + level
        + ") AS bids, CAST([{'price': 100.5 + (i % 5) * 0.5, 'size': 0.5 + i % 2}, {'price': "
        + (malformed ? "CASE WHEN i = 8 THEN -1.0 ELSE 101.5 + (i % 5) * 0.5 END" : "101.5 + (i % 5) * 0.5")
        + ", 'size': 3.0}] AS "
        + level
        + ") AS asks, NULL::BIGINT AS nonce FROM range("
        + from
        + ", "
        + to
        + ") t(i) ORDER BY i";
  }

  /** Trades of a market-hour (40 rows; row 5 malformed when asked; row 9 repeats row 8's id). */
  public static String trades(String ex, String sym, int hour, boolean malformed) {
    return "SELECT "
        + partitionColumns(ex, sym, hour)
        + captureTs(hour, "i * 45 + 1")
        + "((" + (HOUR0 + hour * 3600L) + " + i * 45 + 1) * 1000 - 5)::BIGINT AS timestamp, "
        + "'t' || CASE WHEN i = 9 THEN 8 ELSE i END AS trade_id, "
        + (malformed
            ? "CASE WHEN i = 5 THEN 'foo' WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END"
            : "CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END")
        + " AS side, 100.0 + (i % 5) * 0.5 AS price, 0.1 * (1 + i % 4) AS amount,"
        + " (100.0 + (i % 5) * 0.5) * 0.1 * (1 + i % 4) AS cost,"
        + " CASE WHEN i % 3 = 0 THEN 'maker' ELSE 'taker' END AS taker_or_maker"
        + " FROM range(40) t(i) ORDER BY i";
  }

  /** Ticker rows of a market-hour (30 rows, all valid), daedalus' snake-case names. */
  public static String tickers(String ex, String sym, int hour) {
    return "SELECT "
        + partitionColumns(ex, sym, hour)
        + captureTs(hour, "i * 60 + 2")
        + "((" + (HOUR0 + hour * 3600L) + " + i * 60 + 2) * 1000)::BIGINT AS timestamp, "
        + "100.0 + (i % 5) * 0.5 AS bid, 1.5 + i % 2 AS bid_volume,"
        + " 100.5 + (i % 5) * 0.5 AS ask, 2.5 AS ask_volume, 100.25 + (i % 5) * 0.5 AS last,"
        + " 99.0 AS open, 102.0 AS high, 98.0 AS low, 100.25 + (i % 5) * 0.5 AS close,"
        + " 100.1 AS vwap, 1000.0 + i AS base_volume, 100000.0 + i * 10 AS quote_volume,"
        + " 1.25 AS change, 0.5 + i * 0.01 AS percentage FROM range(30) t(i) ORDER BY i";
  }

  /** Writes the whole root described in the class comment; returns the channel folder root. */
  public static Path write(DuckDb duck, Path root, String source) {
    copy(
        duck,
        books("binance", "BTC-USDT", 0, 0, 60, true),
        hourDir(root, source, "orderbook", "binance", "BTC-USDT", 0).resolve(segmentName(0, 0)));
    copy(
        duck,
        books("binance", "BTC-USDT", 0, 60, 120, false),
        hourDir(root, source, "orderbook", "binance", "BTC-USDT", 0).resolve(segmentName(0, 1)));
    copy(
        duck,
        books("okx", "ETH-USDT", 1, 0, 20, false),
        hourDir(root, source, "orderbook", "okx", "ETH-USDT", 1).resolve(segmentName(1, 0)));
    copy(
        duck,
        trades("binance", "BTC-USDT", 0, true),
        hourDir(root, source, "trades", "binance", "BTC-USDT", 0).resolve(segmentName(0, 0)));
    copy(
        duck,
        trades("okx", "ETH-USDT", 1, false),
        hourDir(root, source, "trades", "okx", "ETH-USDT", 1).resolve(segmentName(1, 0)));
    copy(
        duck,
        tickers("binance", "BTC-USDT", 0),
        hourDir(root, source, "ticker", "binance", "BTC-USDT", 0).resolve(segmentName(0, 0)));
    return root.resolve("ready/" + source);
  }
}
