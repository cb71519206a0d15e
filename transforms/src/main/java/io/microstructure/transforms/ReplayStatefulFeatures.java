package io.microstructure.transforms;

import io.microstructure.coders.BarInputCoder;
import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.engine.EventBuffer;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.BarInput;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.MarketKey;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Groups each (exchange, symbol)'s featured snapshots and trades, sorts them into the contract's
 * reconstructed order and replays them through {@link SnapshotReplay}. Emits complete hf rows
 * (structural values joined with the stateful ones, no second shuffle) and, stamped with their
 * capture time, the inputs of the time bars.
 */
public final class ReplayStatefulFeatures
    extends PTransform<PCollection<KV<MarketKey, MarketEvent>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<FeatureRow> HF_ROWS = new TupleTag<FeatureRow>("hf") {};
  public static final TupleTag<KV<MarketKey, BarInput>> BAR_INPUTS =
      new TupleTag<KV<MarketKey, BarInput>>("bar-inputs") {};

  private final FeatureParameters params;

  public ReplayStatefulFeatures(FeatureParameters params) {
    this.params = params;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<MarketKey, MarketEvent>> events) {
    PCollectionTuple out =
        events
            // Grouped output keeps its inputs' earliest timestamp, so the replay may stamp bar
            // inputs with their (later) capture times.
            .apply(
                "EarliestTimestamps",
                Window.<KV<MarketKey, MarketEvent>>into(new GlobalWindows())
                    .withTimestampCombiner(TimestampCombiner.EARLIEST))
            .apply("GroupByMarket", GroupByKey.create())
            .apply(
                "SortAndReplay",
                ParDo.of(new ReplayFn(params))
                    .withOutputTags(HF_ROWS, TupleTagList.of(BAR_INPUTS)));
    out.get(HF_ROWS).setCoder(FeatureRowCoder.of());
    out.get(BAR_INPUTS).setCoder(KvCoder.of(MarketKeyCoder.of(), BarInputCoder.of()));
    return out;
  }

  /** The sorted-buffer DoFn: one key's events are copied once (Flink iterates them only once). */
  static final class ReplayFn extends DoFn<KV<MarketKey, Iterable<MarketEvent>>, FeatureRow> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final Counter snapshots = Metrics.counter("orderbook", "snapshots_replayed");
    private final Counter duplicateSnapshots = Metrics.counter("orderbook", "duplicate_snapshots");
    private final Counter trades = Metrics.counter("trades", "trades_replayed");
    private final Counter duplicateTrades = Metrics.counter("trades", "duplicate_trades");
    private final Counter rows = Metrics.counter("orderbook", "hf_rows");
    private final Counter keys = Metrics.counter("orderbook", "keys");
    private transient SnapshotReplay replay;

    ReplayFn(FeatureParameters params) {
      this.params = params;
    }

    @Setup
    public void setup() {
      replay = new SnapshotReplay(params);
    }

    @ProcessElement
    public void process(
        @Element KV<MarketKey, Iterable<MarketEvent>> group, MultiOutputReceiver out) {
      MarketKey key = group.getKey();
      EventBuffer buffer = new EventBuffer();
      for (MarketEvent e : group.getValue()) {
        buffer.add(e);
      }
      buffer.sortByReconstructedOrder();
      String exchange = key.exchange();
      String symbol = key.symbol();
      ReplayStats stats =
          replay.replay(
              symbol,
              buffer,
              new SnapshotReplay.Sink() {
                @Override
                public void row(long captureTs, double[] values) {
                  out.get(HF_ROWS).output(new FeatureRow(exchange, symbol, captureTs, values));
                }

                @Override
                public void bar(BarInput input) {
                  out.get(BAR_INPUTS)
                      .outputWithTimestamp(
                          KV.of(key, input), new Instant(Math.floorDiv(input.captureTs(), 1000L)));
                }
              });
      keys.inc();
      snapshots.inc(stats.snapshots);
      duplicateSnapshots.inc(stats.duplicateSnapshots);
      trades.inc(stats.trades);
      duplicateTrades.inc(stats.duplicateTrades);
      rows.inc(stats.rows);
    }
  }
}
