package io.microstructure.transforms;

import io.microstructure.engine.EventOrder;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.HfColumns;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.input.EventTags;
import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw files (with malformed rows) through reading, the hybrid feature computation and the time
 * bars, checked with PAssert against values worked out by hand.
 */
class ComputeMarketFeaturesTest {
  // 2026-01-05T00:00:00Z in epoch seconds.
  private static final long T0 = 1767571200L;

  @TempDir Path raw;

  @Test
  void hfRowsAndMinuteBarsFromRawFiles() {
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, capture_ts, bids, asks FROM (VALUES "
              + "("
              + micros(59_500)
              + ", [[100.0, 1.0]], [[102.0, 1.0]]),"
              + "("
              + micros(60_200)
              + ", [[101.0, 1.0]], [[103.0, 1.0]]),"
              + "("
              + micros(60_700)
              + ", [[0.0, 1.0]], [[103.0, 1.0]])," // bid price 0: rejected
              + "("
              + micros(61_000)
              + ", [[99.0, 2.0]], [[101.0, 2.0]])"
              + ") t(capture_ts, bids, asks)",
          raw.resolve("ready/ccxt/orderbook/segment_20260105T000000_20260105T010000.parquet"));
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, capture_ts, id, side, price, amount"
              + " FROM (VALUES "
              + "("
              + micros(59_000)
              + ", 'a', 'buy', 101.0, 2.0),"
              + "("
              + micros(60_200)
              + ", 'b', 'sell', 101.5, 1.0)," // at a snapshot's capture_ts
              + "("
              + micros(60_300)
              + ", 'c', 'hold', 101.5, 1.0)," // bad side: rejected
              + "("
              + micros(62_000)
              + ", 'd', 'buy', 100.0, 4.0)" // after the last snapshot
              + ") t(capture_ts, id, side, price, amount)",
          raw.resolve("ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"));
    }
    TestPipeline p = Pipelines.create();
    ReadChannel.RawInput input = ReadChannel.RawInput.of(raw.toString(), "ccxt");
    ReadChannel<OrderBookSnapshot, BookBlock> books = ReadChannel.orderBook(input);
    ReadChannel<Trade, TradeBlock> trades = ReadChannel.trades(input);
    PCollectionTuple b = p.apply("Books", books);
    PCollectionTuple t = p.apply("Trades", trades);
    FeatureParameters params = FeatureParameters.builder().barDurationsSeconds(60).build();
    PCollectionTuple out =
        PCollectionTuple.of(EventTags.SNAPSHOTS, b.get(books.validTag()))
            .and(EventTags.TRADES, t.get(trades.validTag()))
            .apply(
                new ComputeMarketFeatures(
                    params, EventOrder.RECONSTRUCTED, EnumSet.of(Channel.ORDERBOOK)));

    // mid, trade_count, buy/sell volume: 59.5 s gets trade a (all earlier trades), 60.2 s gets
    // trade b (same capture_ts, trades sort first), 61.0 s none; trade d has no snapshot.
    PCollection<FeatureRow> hf = out.get(ComputeMarketFeatures.HF).apply("HfRows", Rows.features());
    HfColumns cols = new HfColumns(params);
    int mid = cols.indexOf("mid_price");
    int n = cols.indexOf("trade_count");
    int buy = cols.indexOf("buy_volume");
    int sell = cols.indexOf("sell_volume");
    PAssert.that(
            hf.apply(
                "ShowHf",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            (r.timestamp() / 1000 - T0 * 1000)
                                + " mid="
                                + r.value(mid)
                                + " n="
                                + r.value(n)
                                + " buy="
                                + r.value(buy)
                                + " sell="
                                + r.value(sell))))
        .containsInAnyOrder(
            "59500 mid=101.0 n=1.0 buy=2.0 sell=0.0",
            "60200 mid=102.0 n=1.0 buy=0.0 sell=1.0",
            "61000 mid=100.0 n=0.0 buy=0.0 sell=0.0");

    // Bar [0:00, 0:01): snapshot 59.5 (mid 101), trade a. Bar [0:01, 0:02): snapshots 60.2
    // (mid 102) and 61.0 (mid 100), trades b and d. open/high/low/close, ticks, trades, vwap.
    List<String> barCols = TimeBarAccumulator.COLUMNS;
    int end = barCols.indexOf("bar_end");
    int open = barCols.indexOf("open");
    int high = barCols.indexOf("high");
    int low = barCols.indexOf("low");
    int close = barCols.indexOf("close");
    int ticks = barCols.indexOf("tick_count");
    int count = barCols.indexOf("trade_count");
    int vwap = barCols.indexOf("vwap");
    PAssert.that(
            out.get(ComputeMarketFeatures.bars(60))
                .apply(
                    "ShowBars",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                (r.timestamp() / 1_000_000 - T0)
                                    + "-"
                                    + (long) (r.value(end) / 1_000_000 - T0)
                                    + " o="
                                    + r.value(open)
                                    + " h="
                                    + r.value(high)
                                    + " l="
                                    + r.value(low)
                                    + " c="
                                    + r.value(close)
                                    + " ticks="
                                    + r.value(ticks)
                                    + " trades="
                                    + r.value(count)
                                    + " vwap="
                                    + r.value(vwap))))
        .containsInAnyOrder(
            "0-60 o=101.0 h=101.0 l=101.0 c=101.0 ticks=1.0 trades=1.0 vwap=101.0",
            // vwap = (101.5·1 + 100·4) / 5 = 501.5 / 5 = 100.3
            "60-120 o=102.0 h=102.0 l=100.0 c=100.0 ticks=2.0 trades=2.0 vwap=100.3");

    // One bad book row and one bad trade reach the dead letters.
    PAssert.that(
            PCollectionList.of(b.get(EventTags.REJECTED))
                .and(t.get(EventTags.REJECTED))
                .apply("AllRejected", Flatten.pCollections())
                .apply("CountRejected", Count.globally()))
        .containsInAnyOrder(2L);
    p.run().waitUntilFinish();
  }

  private static String micros(long millisAfterT0) {
    return "make_timestamp(" + (T0 * 1_000_000L + millisAfterT0 * 1000L) + "::BIGINT)";
  }
}
