package io.microstructure.transforms;

import io.microstructure.coders.ChunkKeyCoder;
import io.microstructure.coders.FeatureBlockCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.MarketChunks;
import io.microstructure.engine.MarketEvents;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.TickerReplay;
import io.microstructure.engine.TradeCarries;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.Vpin;
import io.microstructure.metrics.StageTimer;
import io.microstructure.model.BlockRows;
import io.microstructure.model.Channel;
import io.microstructure.model.ChunkKey;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
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

  /** Per (market, chunk): what a chunk replay carries in from the market's trades. */
  static final TupleTag<KV<ChunkKey, TradeCarries.Carry>> TRADE_CARRIES =
      new TupleTag<KV<ChunkKey, TradeCarries.Carry>>("trade-carries") {};

  private final FeatureParameters params;
  private final EventOrder order;
  private final EnumSet<Channel> outputs;
  private final ReplayTables tables;
  private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;

  /**
   * @param outputs the channels whose feature tables to produce: ORDERBOOK (hf and time bars),
   *     TRADES (trade rows and volume bars), TICKER (ticker rows)
   */
  public ReplayMarkets(FeatureParameters params, EventOrder order, Set<Channel> outputs) {
    this(params, order, EnumSet.copyOf(outputs), null, null);
  }

  private ReplayMarkets(
      FeatureParameters params,
      EventOrder order,
      EnumSet<Channel> outputs,
      ReplayTables tables,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    this.params = params;
    this.order = order;
    this.outputs = outputs;
    this.tables = tables;
    this.chunks = chunks;
  }

  /** This transform writing the per-event tables itself, where {@code tables} says. */
  public ReplayMarkets writingTo(ReplayTables tables) {
    return new ReplayMarkets(params, order, outputs, tables, chunks);
  }

  /**
   * This transform also making, from each market's trades as it replays them, what the chunk
   * replays of its order book carry in ({@link #TRADE_CARRIES}), and the trades' part of the time
   * bars: one grouping of a market's trades serves both.
   */
  ReplayMarkets withTradeCarriesFor(PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    return new ReplayMarkets(params, order, outputs, tables, chunks);
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
    ParDo.SingleOutput<KV<MarketKey, Iterable<BlockRows>>, FeatureBlock> replay =
        ParDo.of(new ReplayFn(params, order, outputs, tables, chunks));
    if (chunks != null) {
      replay = replay.withSideInputs(chunks);
      others = others.and(TRADE_CARRIES);
    }
    PCollectionTuple out =
        events
            .apply("GroupByMarket", GroupByKey.create())
            .apply("SortAndReplay", replay.withOutputTags(ComputeMarketFeatures.HF, others));
    if (chunks != null) {
      out.get(TRADE_CARRIES)
          .setCoder(KvCoder.of(ChunkKeyCoder.of(), SerializableCoder.of(TradeCarries.Carry.class)));
    }
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
  static final class ReplayFn extends BarStampingFn<KV<MarketKey, Iterable<BlockRows>>> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final EventOrder order;
    private final EnumSet<Channel> outputs;
    private final ReplayTables tables;
    private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
    private final Counter keys = Metrics.counter("replay", "keys");
    private final Counter snapshots = Metrics.counter("orderbook", "snapshots_replayed");
    private final Counter duplicateSnapshots = Metrics.counter("orderbook", "duplicate_snapshots");
    private final Counter hfRows = Metrics.counter("orderbook", "hf_rows");
    private final Counter trades = Metrics.counter("trades", "trades_replayed");
    private final Counter duplicateTrades = Metrics.counter("trades", "duplicate_trades");
    private final Counter tradeRows = Metrics.counter("trades", "hf_rows");
    private final Counter tickerRows = Metrics.counter("ticker", "hf_rows");
    private final EnumMap<OutputTable, Counter> written =
        new EnumMap<>(OutputTable.class);
    // min/max of these give the run's time span per channel on every runner.
    private final Distribution[] captureTs = {
      Metrics.distribution(Channel.TRADES.folder(), "capture_ts"),
      Metrics.distribution(Channel.TICKER.folder(), "capture_ts"),
      Metrics.distribution(Channel.ORDERBOOK.folder(), "capture_ts")
    };
    private final StageTimer timer = new StageTimer("replay");
    // The per-event tables' writing, apart from the replay's own time.
    private final StageTimer writeTimer = new StageTimer("write");
    private transient SnapshotReplay snapshotReplay;
    private transient TradeReplay tradeReplay;
    private transient TickerReplay tickerReplay;
    private transient EnumMap<OutputTable, Schema> schemas;

    ReplayFn(
        FeatureParameters params,
        EventOrder order,
        EnumSet<Channel> outputs,
        ReplayTables tables,
        PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
      super(params.barDurationsSeconds());
      this.params = params;
      this.order = order;
      this.outputs = outputs;
      this.tables = tables;
      this.chunks = chunks;
      for (OutputTable t : OutputTable.perEventTables()) {
        written.put(t, Metrics.counter(t.tableName(), "rows_written"));
      }
    }

    @Setup
    public void setup() {
      snapshotReplay = new SnapshotReplay(params);
      tradeReplay = new TradeReplay(params);
      tickerReplay = new TickerReplay();
      if (tables != null) {
        schemas = tables.schemas();
      }
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      KV<MarketKey, Iterable<BlockRows>> group = c.element();
      long start = System.nanoTime();
      MarketKey key = group.getKey();
      MarketEvents events = MarketEvents.ofRows(group.getValue());
      order.sort(events);
      keys.inc();
      recordTimeSpan(events);
      String exchange = key.exchange();
      String symbol = key.symbol();
      try (Tables sink = new Tables(key, out)) {
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
        if (chunks != null) {
          carryTrades(key, events, c.sideInput(chunks).get(key), sink, out);
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

    /** The trades' part of the time bars, and each chunk's carries from the trades. */
    private void carryTrades(
        MarketKey key,
        MarketEvents events,
        MarketChunks marketChunks,
        Tables sink,
        MultiOutputReceiver out) {
      TradeCarries.timeBars(events, params.barDurationsSeconds(), sink);
      if (marketChunks == null) {
        return; // no snapshots: no chunk to carry into
      }
      Vpin vpin =
          new Vpin(TradeCarries.bucketVolume(params, key.symbol(), events), params.vpinWindow());
      TradeCarries.of(events, marketChunks, vpin)
          .forEach((chunk, carry) -> out.get(TRADE_CARRIES).output(KV.of(new ChunkKey(key, chunk), carry)));
    }

    private void recordTimeSpan(MarketEvents events) {
      long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
      long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
      for (int k = 0; k < events.size(); k++) {
        int r = events.rank(k);
        long t = events.captureTs(k);
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

    /** Where one market's tables go: staged files, or copies of the blocks as outputs. */
    private final class Tables
        implements SnapshotReplay.Sink, TradeReplay.Sink, TickerReplay.Sink, AutoCloseable {
      private final MarketKey key;
      private final MultiOutputReceiver out;
      private final StagedTables staged = tables == null ? null : new StagedTables(tables, schemas);

      Tables(MarketKey key, MultiOutputReceiver out) {
        this.key = key;
        this.out = out;
      }

      long writeNanos() {
        return staged == null ? 0 : staged.writeNanos();
      }

      @Override
      public void rows(FeatureBlock block) {
        put(OutputTable.ORDERBOOK_HF, ComputeMarketFeatures.HF, block);
      }

      @Override
      public void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {
        outputBar(out, key, durationSeconds, barStartMicros, partial);
      }

      @Override
      public void trades(FeatureBlock block) {
        put(OutputTable.TRADES_HF, ComputeMarketFeatures.TRADES_HF, block);
      }

      @Override
      public void volumeBars(FeatureBlock block) {
        put(OutputTable.TRADES_VOLUME_BARS, ComputeMarketFeatures.VOLUME_BARS, block);
      }

      @Override
      public void tickers(FeatureBlock block) {
        put(OutputTable.TICKER_HF, ComputeMarketFeatures.TICKER_HF, block);
      }

      private void put(OutputTable table, TupleTag<FeatureBlock> tag, FeatureBlock block) {
        if (staged == null) {
          out.get(tag).output(block.copy());
          return;
        }
        try {
          staged.write(table, block);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      /** Finishes the staged files and emits them. */
      void commit() throws IOException {
        if (staged != null) {
          staged.finish(
              (table, f) -> {
                written.get(table).inc(f.rows());
                out.get(ComputeMarketFeatures.WRITTEN).output(f);
              });
        }
      }

      @Override
      public void close() {
        if (staged != null) {
          staged.close();
        }
      }
    }
  }
}
