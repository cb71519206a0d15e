package io.microstructure.transforms;

import io.microstructure.coders.BarInputCoder;
import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.engine.EventBuffer;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.TickerReplay;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.BarInput;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.MarketKey;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
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
 * Groups each (exchange, symbol)'s events once, orders them (reconstructed or arrival order) and
 * replays them through the stateful engines of the requested channels. Emits complete order-book hf
 * rows (structural values joined with the stateful ones, no second shuffle), the time bars' inputs
 * stamped with their capture time, trade rows, volume bars and ticker rows.
 */
public final class ReplayMarkets
    extends PTransform<PCollection<KV<MarketKey, MarketEvent>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<FeatureRow> HF_ROWS = new TupleTag<FeatureRow>("orderbook-hf") {};
  public static final TupleTag<KV<MarketKey, BarInput>> BAR_INPUTS =
      new TupleTag<KV<MarketKey, BarInput>>("bar-inputs") {};
  public static final TupleTag<FeatureRow> TRADE_ROWS = new TupleTag<FeatureRow>("trades-hf") {};
  public static final TupleTag<FeatureRow> VOLUME_BARS = new TupleTag<FeatureRow>("volume-bars") {};
  public static final TupleTag<FeatureRow> TICKER_ROWS = new TupleTag<FeatureRow>("ticker-hf") {};

  private final FeatureParameters params;
  private final EventOrder order;
  private final EnumSet<Channel> outputs;

  /**
   * @param outputs the channels whose feature tables to produce: ORDERBOOK (hf and time bars),
   *     TRADES (trade rows and volume bars), TICKER (ticker rows)
   */
  public ReplayMarkets(FeatureParameters params, EventOrder order, Set<Channel> outputs) {
    this.params = params;
    this.order = order;
    this.outputs = EnumSet.copyOf(outputs);
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
                ParDo.of(new ReplayFn(params, order, outputs))
                    .withOutputTags(
                        HF_ROWS,
                        TupleTagList.of(BAR_INPUTS)
                            .and(TRADE_ROWS)
                            .and(VOLUME_BARS)
                            .and(TICKER_ROWS)));
    out.get(HF_ROWS).setCoder(FeatureRowCoder.of());
    out.get(BAR_INPUTS).setCoder(KvCoder.of(MarketKeyCoder.of(), BarInputCoder.of()));
    out.get(TRADE_ROWS).setCoder(FeatureRowCoder.of());
    out.get(VOLUME_BARS).setCoder(FeatureRowCoder.of());
    out.get(TICKER_ROWS).setCoder(FeatureRowCoder.of());
    return out;
  }

  /** The sorted-buffer DoFn: a market's events are copied once (Flink iterates them only once). */
  static final class ReplayFn extends DoFn<KV<MarketKey, Iterable<MarketEvent>>, FeatureRow> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final EventOrder order;
    private final EnumSet<Channel> outputs;
    private final Counter keys = Metrics.counter("replay", "keys");
    private final Counter snapshots = Metrics.counter("orderbook", "snapshots_replayed");
    private final Counter duplicateSnapshots = Metrics.counter("orderbook", "duplicate_snapshots");
    private final Counter hfRows = Metrics.counter("orderbook", "hf_rows");
    private final Counter trades = Metrics.counter("trades", "trades_replayed");
    private final Counter duplicateTrades = Metrics.counter("trades", "duplicate_trades");
    private final Counter tradeRows = Metrics.counter("trades", "hf_rows");
    private final Counter tickerRows = Metrics.counter("ticker", "hf_rows");
    // min/max of these give the run's time span per channel on every runner.
    private final Distribution[] captureTs = {
      Metrics.distribution(Channel.TRADES.folder(), "capture_ts"),
      Metrics.distribution(Channel.TICKER.folder(), "capture_ts"),
      Metrics.distribution(Channel.ORDERBOOK.folder(), "capture_ts")
    };
    private final StageTimer timer = new StageTimer("replay");
    private transient SnapshotReplay snapshotReplay;
    private transient TradeReplay tradeReplay;
    private transient TickerReplay tickerReplay;

    ReplayFn(FeatureParameters params, EventOrder order, EnumSet<Channel> outputs) {
      this.params = params;
      this.order = order;
      this.outputs = outputs;
    }

    @Setup
    public void setup() {
      snapshotReplay = new SnapshotReplay(params);
      tradeReplay = new TradeReplay(params);
      tickerReplay = new TickerReplay();
    }

    @ProcessElement
    public void process(
        @Element KV<MarketKey, Iterable<MarketEvent>> group, MultiOutputReceiver out) {
      long start = System.nanoTime();
      MarketKey key = group.getKey();
      EventBuffer buffer = new EventBuffer();
      for (MarketEvent e : group.getValue()) {
        buffer.add(e);
      }
      order.sort(buffer);
      keys.inc();
      recordTimeSpan(buffer);
      String exchange = key.exchange();
      String symbol = key.symbol();
      if (outputs.contains(Channel.ORDERBOOK) && buffer.snapshotCount() > 0) {
        ReplayStats stats =
            snapshotReplay.replay(
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
                            KV.of(key, input),
                            new Instant(Math.floorDiv(input.captureTs(), 1000L)));
                  }
                });
        snapshots.inc(stats.snapshots);
        duplicateSnapshots.inc(stats.duplicateSnapshots);
        hfRows.inc(stats.rows);
      }
      if (outputs.contains(Channel.TRADES) && buffer.tradeCount() > 0) {
        ReplayStats stats =
            tradeReplay.replay(
                symbol,
                buffer,
                new TradeReplay.Sink() {
                  @Override
                  public void trade(long captureTs, String id, double[] values) {
                    out.get(TRADE_ROWS)
                        .output(
                            new FeatureRow(exchange, symbol, captureTs, values, new String[] {id}));
                  }

                  @Override
                  public void volumeBar(long barStart, double[] values) {
                    out.get(VOLUME_BARS).output(new FeatureRow(exchange, symbol, barStart, values));
                  }
                });
        tradeRows.inc(stats.rows);
      }
      if (buffer.tradeCount() > 0) {
        trades.inc(buffer.tradeCount());
        duplicateTrades.inc(buffer.duplicateTradeCount());
      }
      if (outputs.contains(Channel.TICKER) && buffer.tickerCount() > 0) {
        tickerRows.inc(
            tickerReplay.replay(
                buffer,
                (captureTs, values) ->
                    out.get(TICKER_ROWS)
                        .output(new FeatureRow(exchange, symbol, captureTs, values))));
      }
      timer.add(start);
    }

    @FinishBundle
    public void finishBundle() {
      timer.flush();
    }

    private void recordTimeSpan(EventBuffer buffer) {
      long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
      long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
      for (int k = 0; k < buffer.size(); k++) {
        int r = buffer.rank(k);
        long t = buffer.captureTs(k);
        min[r] = Math.min(min[r], t);
        max[r] = Math.max(max[r], t);
      }
      for (int r = 0; r < 3; r++) {
        if (min[r] <= max[r]) {
          captureTs[r].update(min[r]);
          captureTs[r].update(max[r]);
        }
      }
    }
  }
}
