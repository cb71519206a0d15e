package io.microstructure.transforms;

import io.microstructure.coders.FeatureBlockCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.MarketEvents;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.TickerReplay;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.metrics.StageTimer;
import io.microstructure.model.BlockRows;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Groups each (exchange, symbol)'s event blocks once, orders the events (reconstructed or arrival
 * order) and replays them through the engines of the requested channels. Emits the partial
 * aggregates of the time bars, stamped with their bar's start, and the per-event tables: order-book
 * hf rows, trade rows, volume bars and ticker rows.
 *
 * <p>The per-event tables leave in one of two ways. By default as {@link FeatureBlock}s under their
 * tags, for pipelines that go on with them. With {@link #writingTo} the replay writes them itself,
 * market by market as the blocks come, into staged Parquet files, and emits only the files ({@link
 * ComputeMarketFeatures#WRITTEN}) for {@link CommitRun} to commit: a market's rows then never exist as a
 * collection, which is what keeps a run's memory to its input plus one market being replayed (the
 * DirectRunner holds every output of a bundle until the bundle ends).
 */
public final class ReplayMarkets
    extends PTransform<PCollection<KV<MarketKey, BlockRows>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** Partial time-bar aggregates of one duration, stamped with their bar's start. */
  public static TupleTag<KV<MarketKey, TimeBarAccumulator>> barPartials(long durationSeconds) {
    return new TupleTag<KV<MarketKey, TimeBarAccumulator>>("bars-" + durationSeconds + "s") {};
  }

  private final FeatureParameters params;
  private final EventOrder order;
  private final EnumSet<Channel> outputs;
  private final ReplayTables tables;

  /**
   * @param outputs the channels whose feature tables to produce: ORDERBOOK (hf and time bars),
   *     TRADES (trade rows and volume bars), TICKER (ticker rows)
   */
  public ReplayMarkets(FeatureParameters params, EventOrder order, Set<Channel> outputs) {
    this(params, order, EnumSet.copyOf(outputs), null);
  }

  private ReplayMarkets(
      FeatureParameters params, EventOrder order, EnumSet<Channel> outputs, ReplayTables tables) {
    this.params = params;
    this.order = order;
    this.outputs = outputs;
    this.tables = tables;
  }

  /** This transform writing the per-event tables itself, where {@code tables} says. */
  public ReplayMarkets writingTo(ReplayTables tables) {
    return new ReplayMarkets(params, order, outputs, tables);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<MarketKey, BlockRows>> events) {
    TupleTagList others =
        TupleTagList.of(ComputeMarketFeatures.TRADES_HF)
            .and(ComputeMarketFeatures.VOLUME_BARS)
            .and(ComputeMarketFeatures.TICKER_HF)
            .and(ComputeMarketFeatures.WRITTEN);
    for (long d : params.barDurationsSeconds()) {
      others = others.and(barPartials(d));
    }
    PCollectionTuple out =
        events
            .apply("GroupByMarket", GroupLargeKeys.create())
            .apply(
                "SortAndReplay",
                ParDo.of(new ReplayFn(params, order, outputs, tables))
                    .withOutputTags(ComputeMarketFeatures.HF, others));
    out.get(ComputeMarketFeatures.HF).setCoder(FeatureBlockCoder.of());
    out.get(ComputeMarketFeatures.TRADES_HF).setCoder(FeatureBlockCoder.of());
    out.get(ComputeMarketFeatures.VOLUME_BARS).setCoder(FeatureBlockCoder.of());
    out.get(ComputeMarketFeatures.TICKER_HF).setCoder(FeatureBlockCoder.of());
    out.get(ComputeMarketFeatures.WRITTEN).setCoder(WrittenFileCoder.of());
    for (long d : params.barDurationsSeconds()) {
      out.get(barPartials(d))
          .setCoder(KvCoder.of(MarketKeyCoder.of(), TimeBarAccumulatorCoder.of()));
    }
    return out;
  }

  /** The sorted-buffer DoFn: a market's blocks are read once (Flink iterates them only once). */
  static final class ReplayFn extends ReplayDoFn<KV<MarketKey, Iterable<BlockRows>>> {
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
    private final StageTimer timer = new StageTimer("replay");
    // The per-event tables' writing, apart from the replay's own time.
    private final StageTimer writeTimer = new StageTimer("write");
    private transient SnapshotReplay snapshotReplay;
    private transient TradeReplay tradeReplay;
    private transient TickerReplay tickerReplay;

    ReplayFn(
        FeatureParameters params, EventOrder order, EnumSet<Channel> outputs, ReplayTables tables) {
      super(params.barDurationsSeconds(), tables);
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
    public void process(ProcessContext c, MultiOutputReceiver out) {
      KV<MarketKey, Iterable<BlockRows>> group = c.element();
      long start = System.nanoTime();
      MarketKey key = group.getKey();
      MarketEvents events = MarketEvents.ofRows(group.getValue());
      order.sort(events);
      keys.inc();
      recordTimeSpan(events, Long.MIN_VALUE, Long.MAX_VALUE);
      String exchange = key.exchange();
      String symbol = key.symbol();
      try (Outputs sink = outputs(key, out)) {
        if (outputs.contains(Channel.ORDERBOOK) && events.snapshotCount() > 0) {
          ReplayStats stats = snapshotReplay.replay(exchange, symbol, events, sink);
          snapshots.inc(stats.snapshots);
          duplicateSnapshots.inc(stats.duplicateSnapshots);
          hfRows.inc(stats.rows);
        }
        if (outputs.contains(Channel.TRADES) && events.tradeCount() > 0) {
          tradeRows.inc(tradeReplay.replay(exchange, symbol, events, sink).rows);
        }
        if (events.tradeCount() > 0) {
          trades.inc(events.tradeCount());
          duplicateTrades.inc(events.duplicateTradeCount());
        }
        if (outputs.contains(Channel.TICKER) && events.tickerCount() > 0) {
          tickerRows.inc(tickerReplay.replay(exchange, symbol, events, sink));
        }
        sink.commit();
        timer.addNanos(System.nanoTime() - start - sink.writeNanos());
        writeTimer.addNanos(sink.writeNanos());
      } catch (IOException e) {
        throw new UncheckedIOException(key + ": cannot write its tables: " + e.getMessage(), e);
      }
    }

    @FinishBundle
    public void finishBundle() {
      timer.flush();
      writeTimer.flush();
    }
  }
}
