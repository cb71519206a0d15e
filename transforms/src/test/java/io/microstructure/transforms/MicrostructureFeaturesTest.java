package io.microstructure.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.input.EventTags;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.OutputTable;
import io.microstructure.testing.DuckDb;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite as another team's pipeline applies it: a plain TestPipeline, capture files written
 * by DuckDB (a malformed book row among them), and values worked out by hand from the spec's
 * formulas.
 *
 * <p>Books (one level): t=1 s 100×2 / 101×1; t=2 s 100×3 / 101×1; t=2.5 s a negative bid price
 * (a dead letter); t=3 s 101×1 / 102×2. Trades: buy 0.5 @ 101 at 1.5 s, sell 0.25 @ 100 at 2.200001 s,
 * buy 1.0 @ 101 at 2.8 s.
 *
 * <ul>
 *   <li>ofi (Cont–Kukanov–Stoikov): t=2: 1·3 − 1·2 − 1·1 + 1·1 = 1; t=3: bid up, 1·1; ask up,
 *       +1·1 (the previous ask size) = 2; null at the first snapshot.
 *   <li>tfi: t=2 gets the trade of (1, 2]: 0.5 / 0.5 = 1; t=3 those of (2, 3]: (1.0 − 0.25) / 1.25
 *       = 0.6; null at t=1 (no volume). trade_vwap at t=3: (0.25·100 + 1·101) / 1.25 = 100.8.
 * </ul>
 */
class MicrostructureFeaturesTest {
  private static final long T0 = 1_767_571_200_000_000L; // 2026-01-05T00:00:00Z in µs

  @TempDir Path raw;
  private TestPipeline p;

  @BeforeEach
  void writeCapture() {
    p = TestPipeline.create().enableAbandonedNodeEnforcement(true);
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, make_timestamp(" + T0
              + " + ts)::TIMESTAMP AS capture_ts, seq::BIGINT AS seq,"
              + " [{'price': bp, 'amount': bq}] AS bids, [{'price': ap, 'amount': aq}] AS asks"
              + " FROM (VALUES (1000000, 1, 100.0, 2.0, 101.0, 1.0),"
              + " (2000000, 2, 100.0, 3.0, 101.0, 1.0), (2500000, 3, -1.0, 3.0, 101.0, 1.0),"
              + " (3000000, 4, 101.0, 1.0, 102.0, 2.0)) t(ts, seq, bp, bq, ap, aq)",
          raw.resolve(
              "ready/ccxt/orderbook/segment_20260105T000000_20260105T010000.parquet"));
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, make_timestamp(" + T0
              + " + ts)::TIMESTAMP AS capture_ts, seq::BIGINT AS seq, id, side, price, amount"
              + " FROM (VALUES (1500000, 1, 't1', 'buy', 101.0, 0.5),"
              + " (2200001, 2, 't2', 'sell', 100.0, 0.25), (2800000, 3, 't3', 'buy', 101.0, 1.0))"
              + " t(ts, seq, id, side, price, amount)",
          raw.resolve("ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"));
    }
  }

  @Test
  void computesTheFeaturesOfACaptureAsSchemaRows() {
    FeatureTables tables =
        p.apply(
            MicrostructureFeatures.fromRawRoot(raw.toString())
                .withChannels(Channel.ORDERBOOK, Channel.TRADES));

    PCollection<Row> hf =
        tables
            .rows(OutputTable.ORDERBOOK_HF)
            .apply(Select.fieldNames("symbol", "capture_ts", "mid_price", "ofi", "tfi"));
    PAssert.that(hf.apply("ShowHf", MapElements.into(TypeDescriptors.strings()).via(MicrostructureFeaturesTest::values)))
        .containsInAnyOrder(
            row("BTC/USDT", 1_000_000, 100.5, null, null),
            row("BTC/USDT", 2_000_000, 100.5, 1.0, 1.0),
            row("BTC/USDT", 3_000_000, 101.5, 2.0, 0.6));
    PAssert.that(
            tables
                .rows(OutputTable.ORDERBOOK_HF)
                .apply("Vwap", Select.fieldNames("trade_vwap"))
                .apply("ShowVwap", MapElements.into(TypeDescriptors.strings()).via(MicrostructureFeaturesTest::values)))
        .containsInAnyOrder("[null]", "[101.0]", "[100.8]");

    // The trades table: each trade signed by its side, its time exact to the microsecond.
    PAssert.that(
            tables
                .rows(OutputTable.TRADES_HF)
                .apply("Trades", Select.fieldNames("id", "capture_ts", "signed_amount"))
                .apply("ShowTrades", MapElements.into(TypeDescriptors.strings()).via(MicrostructureFeaturesTest::values)))
        .containsInAnyOrder(
            "[t1, 2026-01-05T00:00:01.500Z, 0.5]",
            "[t2, 2026-01-05T00:00:02.200001Z, -0.25]",
            "[t3, 2026-01-05T00:00:02.800Z, 1.0]");

    // The dead letter names its file, row and column.
    PAssert.that(
            tables
                .rows(OutputTable.REJECTED)
                .apply(
                    "ShowRejected",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.getString("channel")
                                    + " "
                                    + Path.of(r.getString("source_file")).getFileName()
                                    + " row "
                                    + r.getInt64("row")
                                    + " "
                                    + r.getString("column"))))
        .containsInAnyOrder(
            "orderbook segment_20260105T000000_20260105T010000.parquet row 2 bids");

    // The fast form holds the same rows.
    PAssert.thatSingleton(
            tables
                .blocks(OutputTable.ORDERBOOK_HF)
                .apply(
                    "BlockRows",
                    MapElements.into(TypeDescriptors.integers()).via(FeatureBlock::size))
                .apply(Sum.integersGlobally()))
        .isEqualTo(3);
    p.run().waitUntilFinish();
  }

  /** A row of Select(symbol, capture_ts, mid_price, ofi, tfi), as {@link #values} shows it. */
  private static String row(String symbol, long offsetMicros, double mid, Double ofi, Double tfi) {
    Instant t = Instant.EPOCH.plusNanos((T0 + offsetMicros) * 1000L);
    return java.util.Arrays.asList(symbol, t, mid, ofi, tfi).toString();
  }

  private static String values(Row r) {
    return r.getValues().toString();
  }

  @Test
  void theTimeColumnIsAMicrosecondTimestamp() {
    FeatureTables tables =
        p.apply(MicrostructureFeatures.fromRawRoot(raw.toString()).withChannels(Channel.TRADES));
    assertThat(tables.rows(OutputTable.TRADES_HF).getSchema().getField("capture_ts").getType())
        .isEqualTo(org.apache.beam.sdk.schemas.Schema.FieldType.logicalType(SqlTypes.TIMESTAMP));
    assertThat(tables.rows(OutputTable.TRADES_HF).getSchema().getFieldNames())
        .startsWith("exchange", "symbol", "capture_ts", "id", "side");
    assertThatThrownBy(() -> tables.blocks(OutputTable.ORDERBOOK_HF))
        .hasMessageContaining("orderbook_hf is not produced");
    p.run().waitUntilFinish();
  }

  @Test
  void computesFromEventsReadElsewhere() {
    PCollectionTuple events =
        p.apply(
            ReadChannel.channels(
                ReadChannel.RawInput.of(raw.toString(), "ccxt"),
                java.util.EnumSet.of(Channel.ORDERBOOK, Channel.TRADES)));
    FeatureTables tables =
        PCollectionTuple.of(EventTags.SNAPSHOTS, events.get(EventTags.SNAPSHOTS))
            .and(EventTags.TRADES, events.get(EventTags.TRADES))
            .apply(MicrostructureFeatures.fromEvents().withChannels(java.util.Set.of(Channel.ORDERBOOK)));
    PAssert.that(
            tables
                .rows(OutputTable.ORDERBOOK_HF)
                .apply(Select.fieldNames("ofi"))
                .apply("ShowOfi", MapElements.into(TypeDescriptors.strings()).via(MicrostructureFeaturesTest::values)))
        .containsInAnyOrder("[null]", "[1.0]", "[2.0]");
    // No dead letters were handed in: the table is there, and empty.
    PAssert.that(tables.rejected()).empty();
    p.run().waitUntilFinish();
  }
}
