package io.microstructure.input;

import io.microstructure.io.BeamInputFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.testing.DuckDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columnar reader against the record path on files written by DuckDB (a non-Java writer, standard
 * 3-level lists): both book layouts, every kind of bad row, DECIMAL numbers, every capture_ts unit,
 * several row groups read restriction by restriction, and missing columns.
 */
class ColumnarDuckDbParityTest {
  private static final String STRUCT = "STRUCT(price DOUBLE, amount DOUBLE)[]";
  private static final String PAIRS = "DOUBLE[][]";

  @TempDir Path dir;
  private final DuckDb duck = new DuckDb();

  @AfterEach
  void close() {
    duck.close();
  }

  private Path file(String name) {
    return dir.resolve("segment_20260105T000000_20260105T010000_" + name + ".parquet");
  }

  /** One row of the fixture: SQL expressions of each column. */
  private static String row(
      int i, String exchange, String symbol, String ts, String seq, String bids, String asks) {
    return "SELECT "
        + i
        + "::BIGINT AS nonce, "
        + asks
        + " AS asks, "
        + seq
        + " AS seq, "
        + ts
        + " AS capture_ts, "
        + bids
        + " AS bids, "
        + symbol
        + " AS symbol, "
        + exchange
        + " AS exchange";
  }

  /** Writes rows (field order: nonce, asks, seq, capture_ts, bids, symbol, exchange). */
  private Path write(
      String name, List<String> rows, String bookType, String tsType, String seqType) {
    return write(name, rows, bookType, tsType, seqType, "");
  }

  private Path write(
      String name,
      List<String> rows,
      String bookType,
      String tsType,
      String seqType,
      String options) {
    Path f = file(name);
    String union = String.join(" UNION ALL ", rows);
    duck.writeParquet(
        "SELECT nonce, CAST(asks AS "
            + bookType
            + ") AS asks, CAST(seq AS "
            + seqType
            + ") AS seq, CAST(capture_ts AS "
            + tsType
            + ") AS capture_ts, CAST(bids AS "
            + bookType
            + ") AS bids, symbol::VARCHAR AS symbol, exchange::VARCHAR AS exchange FROM ("
            + union
            + ") ORDER BY nonce",
        f);
    if (!options.isEmpty()) {
      // Rewrite with COPY options (row groups).
      Path g = file(name + "_opts");
      duck.execute(
          "COPY (SELECT * FROM read_parquet('"
              + f
              + "') ORDER BY nonce) TO '"
              + g
              + "' (FORMAT PARQUET, "
              + options
              + ")");
      return g;
    }
    return f;
  }

  private static String lvl(String price, String amount) {
    return "{'price': " + price + ", 'amount': " + amount + "}";
  }

  private static String pair(String... values) {
    return "[" + String.join(", ", values) + "]";
  }

  private static String list(String... levels) {
    return "[" + String.join(", ", levels) + "]";
  }

  /** Struct books exercising every rule: each row names what it tests. */
  private static List<String> structRows() {
    String ex = "'binance'";
    String sym = "'BTC/USDT'";
    String ask = list(lvl("101.0", "1.0"));
    String bid = list(lvl("100.0", "2.0"), lvl("99.5", "3.0"));
    List<String> rows = new ArrayList<>();
    int i = 0;
    String ts = "1767571201250000";
    rows.add(row(i++, ex, sym, ts, "1", bid, ask)); // valid
    rows.add(row(i++, ex, sym, ts, "2", "NULL", ask)); // null bids: one-sided
    rows.add(row(i++, ex, sym, ts, "3", "[]", ask)); // empty bids
    rows.add(row(i++, ex, sym, ts, "4", list(lvl("100.0", "2.0"), "NULL"), ask)); // null level
    rows.add(row(i++, ex, sym, ts, "5", list(lvl("NULL", "1.0")), ask)); // null price
    rows.add(row(i++, ex, sym, ts, "6", list(lvl("'nan'::DOUBLE", "1.0")), ask)); // NaN price
    rows.add(row(i++, ex, sym, ts, "7", list(lvl("-1.0", "1.0")), ask)); // negative price
    rows.add(row(i++, ex, sym, ts, "8", list(lvl("0.0", "1.0")), ask)); // zero price
    rows.add(row(i++, ex, sym, ts, "9", list(lvl("'inf'::DOUBLE", "1.0")), ask)); // inf price
    rows.add(row(i++, ex, sym, ts, "10", bid, list(lvl("101.0", "-0.5")))); // negative amount
    rows.add(row(i++, ex, sym, ts, "11", bid, list(lvl("101.0", "'nan'::DOUBLE")))); // NaN amount
    rows.add(row(i++, ex, sym, ts, "12", bid, list(lvl("101.0", "NULL")))); // null amount
    rows.add(row(i++, ex, sym, ts, "13", bid, list(lvl("101.0", "0.0")))); // zero amount: valid
    rows.add(row(i++, "NULL", sym, ts, "14", bid, ask)); // null exchange
    rows.add(row(i++, ex, "NULL", ts, "15", bid, ask)); // null symbol
    rows.add(row(i++, ex, sym, "NULL", "16", bid, ask)); // null capture_ts
    rows.add(row(i++, ex, sym, ts, "NULL", bid, ask)); // null seq: valid
    rows.add(row(i++, "NULL", sym, ts, "18", list(lvl("-1.0", "1.0")), ask)); // exchange first
    rows.add(row(i++, ex, sym, ts, "19", list(lvl("-1.0", "1.0")), list(lvl("-1.0", "1.0"))));
    rows.add(row(i++, ex, sym, ts, "20", list(lvl("100.0", "1.0"), lvl("-2.0", "1.0")), ask));
    rows.add(row(i++, ex, sym, ts, "21", list(lvl("100.0", "-0.0")), ask)); // -0.0 amount: valid
    rows.add(row(i++, ex, sym, ts, "22", "NULL", "NULL")); // both sides null
    rows.add(row(i++, ex, sym, ts, "23", list(lvl("'-inf'::DOUBLE", "'nan'::DOUBLE")), ask));
    rows.add(row(i++, ex, sym, ts, "24", list("NULL"), "[]")); // only a null level
    rows.add(
        row(
            i++,
            "'okx'",
            "'ETH/USDT'",
            ts,
            "25",
            deepBook(25, 3000.0, -0.5),
            deepBook(25, 3001.0, 0.5)));
    rows.add(row(i++, "'bybit'", "'1000PEPE/USDT:USDT'", "1767571201250001", "26", bid, ask));
    // Row 26: bids in reverse (worst first), row 27: an ask level repeated, row 28: asks
    // descending; row 29: a symbol of 201 characters, row 30: an empty exchange; row 31: capture_ts
    // 0 (1970), row 32: capture_ts in the year 2100.
    rows.add(row(i++, ex, sym, ts, "27", list(lvl("99.5", "3.0"), lvl("100.0", "2.0")), ask));
    rows.add(row(i++, ex, sym, ts, "28", bid, list(lvl("101.0", "1.0"), lvl("101.0", "2.0"))));
    rows.add(row(i++, ex, sym, ts, "29", bid, list(lvl("102.0", "1.0"), lvl("101.0", "2.0"))));
    rows.add(row(i++, ex, "repeat('X', 201)", ts, "30", bid, ask));
    rows.add(row(i++, "''", sym, ts, "31", bid, ask));
    rows.add(row(i++, ex, sym, "0", "32", bid, ask));
    rows.add(row(i++, ex, sym, "4102444800000000", "33", bid, ask));
    return rows;
  }

  private static String deepBook(int n, double start, double step) {
    List<String> levels = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      levels.add(lvl(Double.toString(start + k * step), Double.toString(0.1 * (k + 1))));
    }
    return list(levels.toArray(new String[0]));
  }

  private static List<String> pairRows() {
    String ex = "'okx'";
    String sym = "'ETH/USDT'";
    String ask = list(pair("3001.0", "0.5"));
    String bid = list(pair("3000.0", "1.5"), pair("2999.0", "2.5"));
    String ts = "1767571201250000";
    List<String> rows = new ArrayList<>();
    int i = 0;
    rows.add(row(i++, ex, sym, ts, "1", bid, ask)); // valid
    rows.add(row(i++, ex, sym, ts, "2", "NULL", ask)); // null list
    rows.add(row(i++, ex, sym, ts, "3", "[]", ask)); // empty list
    rows.add(row(i++, ex, sym, ts, "4", list(pair("3000.0", "1.5"), "NULL"), ask)); // null pair
    rows.add(row(i++, ex, sym, ts, "5", list("[]"), ask)); // empty pair
    rows.add(row(i++, ex, sym, ts, "6", list(pair("3000.0")), ask)); // one value
    rows.add(row(i++, ex, sym, ts, "7", list(pair("3000.0", "1.0", "9.0")), ask)); // three: valid
    rows.add(row(i++, ex, sym, ts, "8", list(pair("NULL", "1.0")), ask)); // null price
    rows.add(row(i++, ex, sym, ts, "9", list(pair("3000.0", "NULL")), ask)); // null amount
    rows.add(row(i++, ex, sym, ts, "10", list(pair("'nan'::DOUBLE", "1.0")), ask));
    rows.add(row(i++, ex, sym, ts, "11", list(pair("-3.0", "1.0")), ask));
    rows.add(row(i++, ex, sym, ts, "12", bid, list(pair("3001.0", "-1.0"))));
    rows.add(row(i++, ex, sym, ts, "13", bid, list(pair("3001.0", "'inf'::DOUBLE"))));
    rows.add(row(i++, "NULL", sym, ts, "14", bid, ask));
    rows.add(row(i++, ex, "NULL", ts, "15", bid, ask));
    rows.add(row(i++, ex, sym, "NULL", "16", bid, ask));
    rows.add(row(i++, ex, sym, ts, "NULL", "NULL", "NULL"));
    rows.add(row(i++, ex, sym, ts, "18", list(pair("3000.0", "1.0"), "[]", "NULL"), ask));
    rows.add(row(i++, ex, sym, ts, "19", list(pair("3000.0", "1.0", "NULL", "NULL")), ask));
    rows.add(row(i++, ex, sym, ts, "20", list("NULL", pair("-1.0")), ask));
    // Row 20: bids worst first; row 21: an ask level repeated (same price, other amount).
    rows.add(row(i++, ex, sym, ts, "21", list(pair("2999.0", "2.5"), pair("3000.0", "1.5")), ask));
    rows.add(row(i++, ex, sym, ts, "22", bid, list(pair("3001.0", "0.5"), pair("3001.0", "1.0"))));
    return rows;
  }

  @Test
  void structBooksAgreeRowForRow() throws Exception {
    Path f = write("struct", structRows(), STRUCT, "BIGINT", "BIGINT");
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
    assertThat(out.snapshots).hasSize(9);
    assertThat(out.rejections)
        .contains(
            "3|bids|level 2: level is null",
            "4|bids|level 1: price is null or NaN",
            "5|bids|level 1: price is null or NaN",
            "6|bids|level 1: price -1.0 is not finite and > 0",
            "7|bids|level 1: price 0.0 is not finite and > 0",
            "8|bids|level 1: price Infinity is not finite and > 0",
            "9|asks|level 1: amount -0.5 is not finite and >= 0",
            "10|asks|level 1: amount is null or NaN",
            "11|asks|level 1: amount is null or NaN",
            "13|exchange|required column is null",
            "14|symbol|required column is null",
            "15|capture_ts|required column is null",
            "17|exchange|required column is null",
            "18|bids|level 1: price -1.0 is not finite and > 0",
            "19|bids|level 2: price -2.0 is not finite and > 0",
            "22|bids|level 1: price -Infinity is not finite and > 0",
            "23|bids|level 1: level is null",
            "26|bids|bids not strictly descending: level 2 price 100.0 >= level 1 price 99.5",
            "27|asks|asks not strictly ascending: level 2 price 101.0 <= level 1 price 101.0",
            "28|asks|asks not strictly ascending: level 2 price 101.0 <= level 1 price 102.0",
            "29|symbol|symbol cannot name a partition folder: 201 bytes once escaped,"
                + " more than 200",
            "30|exchange|exchange cannot name a partition folder: empty",
            "31|capture_ts|capture_ts 1970-01-01T00:00:00Z before 2009-01-01T00:00:00Z",
            "32|capture_ts|capture_ts 2100-01-01T00:00:00Z more than 24 h after the run's wall"
                + " clock");
  }

  @Test
  void pairBooksAgreeRowForRow() throws Exception {
    Path f = write("pairs", pairRows(), PAIRS, "BIGINT", "BIGINT");
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
    assertThat(out.rejections)
        .contains(
            "3|bids|level 2: level is null",
            "4|bids|level 1: expected [price, amount], got 0 values",
            "5|bids|level 1: expected [price, amount], got 1 values",
            "7|bids|level 1: price is null or NaN",
            "8|bids|level 1: amount is null or NaN",
            "17|bids|level 2: expected [price, amount], got 0 values",
            "19|bids|level 1: level is null",
            "20|bids|bids not strictly descending: level 2 price 3000.0 >= level 1 price 2999.0",
            "21|asks|asks not strictly ascending: level 2 price 3001.0 <= level 1 price 3001.0");
    // A pair of more than two values is read as its first two.
    assertThat(out.snapshots).anySatisfy(s -> assertThat(s).contains("|6|[3000.0][1.0]"));
    assertThat(out.snapshots).anySatisfy(s -> assertThat(s).contains("|18|[3000.0][1.0]"));
  }

  @Test
  void decimalNumbersAreReadAtTheirScale() throws Exception {
    // DECIMAL(9,2) is int32-backed, DECIMAL(18,8) int64-backed, DECIMAL(38,12) fixed-backed.
    for (String type :
        List.of(
            "STRUCT(price DECIMAL(9,2), amount DECIMAL(18,8))[]",
            "STRUCT(price DECIMAL(18,8), amount DECIMAL(38,12))[]",
            "STRUCT(amount DECIMAL(38,12), price DOUBLE)[]")) {
      List<String> rows = new ArrayList<>();
      rows.add(
          row(
              0,
              "'binance'",
              "'BTC/USDT'",
              "1767571201250000",
              "1",
              list(lvl("100.25", "2.12345678"), lvl("99.5", "0")),
              list(lvl("100.75", "1.5"))));
      rows.add(
          row(
              1,
              "'binance'",
              "'BTC/USDT'",
              "1767571201250001",
              "2",
              list(lvl("-100.25", "2")),
              list(lvl("100.75", "-1.5"))));
      Path f = write("decimal" + rows.size() + type.hashCode(), rows, type, "BIGINT", "BIGINT");
      ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
      if (type.startsWith("STRUCT(price")) {
        assertThat(out.snapshots).singleElement().asString().contains("[100.25, 99.5]");
        assertThat(out.rejections)
            .containsExactly("1|bids|level 1: price -100.25 is not finite and > 0");
      }
    }
    List<String> pairs = new ArrayList<>();
    pairs.add(
        row(
            0,
            "'okx'",
            "'ETH/USDT'",
            "1767571201250000",
            "1",
            list(pair("3000.1234", "1.5")),
            list(pair("3001", "0.0001"))));
    Path f = write("decimal_pairs", pairs, "DECIMAL(12,4)[][]", "BIGINT", "BIGINT");
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
    assertThat(out.snapshots)
        .singleElement()
        .asString()
        .contains("[3000.1234][1.5][3001.0][1.0E-4]");
  }

  @Test
  void everyCaptureTsUnitAndSeqType() throws Exception {
    List<String> rows = new ArrayList<>();
    String bid = list(lvl("100.0", "2.0"));
    String ask = list(lvl("101.0", "1.0"));
    rows.add(
        row(0, "'binance'", "'BTC/USDT'", "TIMESTAMP '2026-01-05 00:00:01.250'", "7", bid, ask));
    rows.add(
        row(1, "'binance'", "'BTC/USDT'", "TIMESTAMP '2026-01-05 00:00:01.251'", "8", bid, ask));
    rows.add(row(2, "'binance'", "'BTC/USDT'", "NULL", "9", bid, ask));
    for (String ts : List.of("TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS")) {
      for (String seq : List.of("BIGINT", "INTEGER", "DOUBLE", "FLOAT")) {
        Path f = write(ts + "_" + seq, rows, STRUCT, ts, seq);
        ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
        assertThat(out.snapshots).hasSize(2);
        assertThat(out.snapshots.get(0)).contains("|1767571201250000|7|");
      }
    }
    // Plain int64 in milliseconds by configuration.
    List<String> ms = new ArrayList<>();
    ms.add(row(0, "'binance'", "'BTC/USDT'", "1767571201250", "NULL", bid, ask));
    Path f = write("plain_ms", ms, STRUCT, "BIGINT", "BIGINT");
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MILLIS);
    assertThat(out.snapshots).singleElement().asString().contains("|1767571201250000|");
    // Read as nanoseconds the same value is 1,767,571,201 µs after the epoch: 1970-01-01T00:29:27
    // and a bit, before 2009, so a dead letter rather than a snapshot dated 1970.
    ColumnarParity.Outcome nanos = ColumnarParity.assertParity(f, CaptureTsUnit.NANOS);
    assertThat(nanos.snapshots).isEmpty();
    assertThat(nanos.rejections)
        .containsExactly(
            "0|capture_ts|capture_ts 1970-01-01T00:29:27.571201Z before 2009-01-01T00:00:00Z");
  }

  @Test
  void severalRowGroupsReadRestrictionByRestriction() throws Exception {
    // 10,000 generated rows with a bad one every 97 rows, in row groups of 2,048 rows.
    for (String type : List.of(STRUCT, PAIRS)) {
      boolean pairs = type.equals(PAIRS);
      String level =
          pairs
              ? "[[100.0 + (i % 7), 1.0 + (i % 3)], [99.0, CASE WHEN i % 97 = 5 THEN -1 ELSE 2"
                  + " END]]"
              : "[{'price': 100.0 + (i % 7), 'amount': 1.0 + (i % 3)}, {'price': 99.0, 'amount':"
                  + " CASE WHEN i % 97 = 5 THEN -1 ELSE 2 END}]";
      // Asks ascending: the best (lowest) first.
      String askLevel =
          pairs
              ? "[[107.0 + (i % 7), 1.0 + (i % 3)], [120.0, 2.0]]"
              : "[{'price': 107.0 + (i % 7), 'amount': 1.0 + (i % 3)}, {'price': 120.0, 'amount':"
                  + " 2.0}]";
      Path f = file("groups_" + (pairs ? "pairs" : "struct"));
      duck.writeParquet(
          "SELECT CASE WHEN i % 101 = 3 THEN NULL ELSE 'binance' END AS exchange,"
              + " 'BTC/USDT' AS symbol, 1767571201250000 + i AS capture_ts, i AS seq,"
              + " CAST(CASE WHEN i % 13 = 0 THEN NULL ELSE "
              + level
              + " END AS "
              + type
              + ") AS bids, CAST(CASE WHEN i % 17 = 0 THEN [] ELSE "
              + askLevel
              + " END AS "
              + type
              + ") AS asks FROM range(10000) t(i) ORDER BY i",
          f);
      Path g = file("groups_rg_" + (pairs ? "pairs" : "struct"));
      duck.execute(
          "COPY (SELECT * FROM read_parquet('"
              + f
              + "') ORDER BY seq) TO '"
              + g
              + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
      ColumnarParity.Outcome out = ColumnarParity.assertParity(g, CaptureTsUnit.MICROS);
      assertThat(out.rowGroups).isGreaterThan(1);
      assertThat(out.rows).isEqualTo(10000);
      assertThat(out.rejections).hasSizeGreaterThan(100);
      assertThat(out.snapshots.get(out.snapshots.size() - 1)).contains("|9999|");
    }
  }

  @Test
  void missingOrMistypedColumnsFailWithTheSameMessage() {
    String valid =
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, 1767571201250000 AS capture_ts,"
            + " [{'price': 1.0, 'amount': 1.0}] AS bids";
    Path noAsks = file("no_asks");
    duck.writeParquet(valid, noAsks);
    Path noExchange = file("no_exchange");
    duck.writeParquet(
        "SELECT 'BTC/USDT' AS symbol, 1767571201250000 AS capture_ts, [] AS bids, [] AS asks",
        noExchange);
    Path textTs = file("text_ts");
    duck.writeParquet(
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, 'x' AS capture_ts,"
            + " [{'price': 1.0, 'amount': 1.0}] AS bids, [{'price': 1.0, 'amount': 1.0}] AS asks",
        textTs);
    for (Path f : List.of(noAsks, noExchange, textTs)) {
      Throwable avro = catchThrowable(() -> ColumnarParity.avro(f, CaptureTsUnit.MICROS));
      assertThat(avro).isInstanceOf(MissingColumnException.class);
      assertThatThrownBy(() -> ColumnarParity.columnar(f, CaptureTsUnit.MICROS))
          .isInstanceOf(MissingColumnException.class)
          .hasMessage(avro.getMessage());
    }
    assertThatThrownBy(() -> ColumnarParity.columnar(noAsks, CaptureTsUnit.MICROS))
        .hasMessageEndingWith("_no_asks.parquet: column 'asks' is missing");
    assertThatThrownBy(() -> ColumnarParity.columnar(textTs, CaptureTsUnit.MICROS))
        .hasMessageContaining(
            "column 'capture_ts' has type string, expected an int64 or TIMESTAMP");
  }

  @Test
  void rejectedRowRecordIsCompactJsonOfTheRebuiltRow() throws Exception {
    Path f = write("records", structRows(), STRUCT, "BIGINT", "BIGINT");
    ColumnarParity.Outcome out = ColumnarParity.columnar(f, CaptureTsUnit.MICROS);
    assertThat(out.records)
        .contains(
            "{\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571201250000,"
                + "\"seq\":4,\"bids\":[[100.0,2.0],null],\"asks\":[[101.0,1.0]]}",
            "{\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571201250000,"
                + "\"seq\":5,\"bids\":[[null,1.0]],\"asks\":[[101.0,1.0]]}",
            "{\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571201250000,"
                + "\"seq\":6,\"bids\":[[\"NaN\",1.0]],\"asks\":[[101.0,1.0]]}",
            "{\"exchange\":null,\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571201250000,"
                + "\"seq\":14,\"bids\":[[100.0,2.0],[99.5,3.0]],\"asks\":[[101.0,1.0]]}");
    Path p = write("records_pairs", pairRows(), PAIRS, "BIGINT", "BIGINT");
    assertThat(ColumnarParity.columnar(p, CaptureTsUnit.MICROS).records)
        .contains(
            "{\"exchange\":\"okx\",\"symbol\":\"ETH/USDT\",\"capture_ts\":1767571201250000,"
                + "\"seq\":18,\"bids\":[[3000.0,1.0],[],null],\"asks\":[[3001.0,0.5]]}",
            "{\"exchange\":\"okx\",\"symbol\":\"ETH/USDT\",\"capture_ts\":null,"
                + "\"seq\":16,\"bids\":[[3000.0,1.5],[2999.0,2.5]],\"asks\":[[3001.0,0.5]]}");
  }

  @Test
  void standaloneReaderOpensAndReadsAWholeFile() throws Exception {
    Path f = write("standalone", structRows(), STRUCT, "BIGINT", "BIGINT");
    ColumnarParity.Outcome expected = ColumnarParity.avro(f, CaptureTsUnit.MICROS);
    List<String> snapshots = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    try (ColumnarOrderBookReader reader =
        ColumnarOrderBookReader.open(
            f.toString(),
            new BeamInputFile(
                f.toString(),
                java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ)),
            CaptureTsUnit.MICROS,
            CaptureTsRange.defaults())) {
      assertThat(reader.rowGroupCount()).isEqualTo(1);
      reader.readAll(
          new RowSink<>() {
            @Override
            public void accept(io.microstructure.model.OrderBookSnapshot value) {
              snapshots.add(ColumnarParity.render(value));
            }

            @Override
            public void reject(long row, String column, String reason, String record) {
              rejections.add(ColumnarParity.render(row, column, reason));
            }
          });
    }
    assertThat(snapshots).containsExactlyElementsOf(expected.snapshots);
    assertThat(rejections).containsExactlyElementsOf(expected.rejections);
  }
}
