package io.microstructure.transforms;

import io.microstructure.coders.BlockRowsCoder;
import io.microstructure.coders.ChunkKeyCoder;
import io.microstructure.coders.EventBlockCoder;
import io.microstructure.coders.FeatureBlockCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.ShuffleElements;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.engine.ChunkContext;
import io.microstructure.engine.ChunkPlan;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.MarketChunks;
import io.microstructure.engine.MarketEvents;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.SpreadDigests;
import io.microstructure.engine.TradeCarries;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.RegimeMap;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.Vpin;
import io.microstructure.input.EventTags;
import io.microstructure.model.BlockRows;
import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.ChunkKey;
import io.microstructure.model.EventBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import io.microstructure.model.TradeBlock;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The replay with each market cut into fixed UTC chunks of time ({@link ChunkPlan}), so that no
 * worker holds more of a market than a chunk's context: the order book, the bulk of the input, is
 * replayed per (market, chunk); trades and ticker updates, small next to it, per market.
 *
 * <p>Before any chunk is replayed, small side computations make its carries ({@link ChunkContext}):
 * the chunks that have snapshots and where their contexts start (a summary per market), the
 * spread regime each chunk enters with (the chunks' {@link RegimeMap}s from their snapshots'
 * digests, composed along the market), and from one pass over each market's trades, VPIN's state
 * at each chunk start, the trades repeating an earlier id, and the trade part of the time bars.
 * Every value equals one pass over the whole market; its output is that of {@link ReplayMarkets}.
 */
public final class ReplayChunkedMarkets extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final FeatureParameters params;
  private final EnumSet<Channel> outputs;
  private final ChunkPlan plan;
  private final ReplayTables tables;

  ReplayChunkedMarkets(
      FeatureParameters params, Set<Channel> outputs, long chunkMicros, ReplayTables tables) {
    this.params = params;
    this.outputs = EnumSet.copyOf(outputs);
    this.plan = ChunkPlan.of(chunkMicros, params);
    this.tables = tables;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<BookBlock> books = input.get(EventTags.SNAPSHOTS);
    PCollectionView<Map<MarketKey, MarketChunks>> chunks = marketChunks(books);
    PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes = regimes(books, chunks);
    // Trades and ticker updates: the whole-market replay without the order book, which also
    // makes the chunks' carries from the trades and the trades' part of the time bars.
    PCollectionTuple perMarket = perMarket(input, chunks);
    PCollectionView<Map<ChunkKey, TradeCarries.Carry>> carries =
        perMarket.get(ReplayMarkets.TRADE_CARRIES).apply("CarriesView", View.asMap());
    PCollectionTuple perChunk = replayChunks(books, tradesOf(input), chunks, regimes, carries);
    return merged(perChunk, perMarket);
  }

  private static PCollection<TradeBlock> tradesOf(PCollectionTuple input) {
    return input.has(EventTags.TRADES)
        ? input.get(EventTags.TRADES)
        : input.getPipeline().apply("NoTrades", Create.empty(EventBlockCoder.trades()));
  }

  /** The order book with its trades, routed to (market, chunk), grouped and replayed. */
  private PCollectionTuple replayChunks(
      PCollection<BookBlock> books,
      PCollection<TradeBlock> trades,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes,
      PCollectionView<Map<ChunkKey, TradeCarries.Carry>> carries) {
    TupleTagList sideOutputs = TupleTagList.of(ComputeMarketFeatures.WRITTEN);
    for (long d : params.barDurationsSeconds()) {
      sideOutputs = sideOutputs.and(ReplayMarkets.barPartials(d));
    }
    PCollectionTuple replayed =
        PCollectionList.of(route(books, chunks, "RouteBooks"))
            .and(route(trades, chunks, "RouteTrades"))
            .apply("AllRouted", Flatten.pCollections())
            .setCoder(KvCoder.of(ChunkKeyCoder.of(), BlockRowsCoder.of()))
            .apply("GroupByChunk", GroupByKey.create())
            .apply(
                "ReplayChunks",
                ParDo.of(new ChunkReplayFn(params, plan, tables, chunks, regimes, carries))
                    .withSideInputs(chunks, regimes, carries)
                    .withOutputTags(ComputeMarketFeatures.HF, sideOutputs));
    replayed.get(ComputeMarketFeatures.HF).setCoder(FeatureBlockCoder.of());
    replayed.get(ComputeMarketFeatures.WRITTEN).setCoder(WrittenFileCoder.of());
    for (long d : params.barDurationsSeconds()) {
      replayed
          .get(ReplayMarkets.barPartials(d))
          .setCoder(KvCoder.of(MarketKeyCoder.of(), TimeBarAccumulatorCoder.of()));
    }
    return replayed;
  }

  /** The outputs of {@link ReplayMarkets}: the chunks' and the markets' parts together. */
  private PCollectionTuple merged(PCollectionTuple perChunk, PCollectionTuple perMarket) {
    PCollectionTuple out =
        PCollectionTuple.of(ComputeMarketFeatures.HF, perChunk.get(ComputeMarketFeatures.HF))
            .and(
                ComputeMarketFeatures.WRITTEN,
                PCollectionList.of(perChunk.get(ComputeMarketFeatures.WRITTEN))
                    .and(perMarket.get(ComputeMarketFeatures.WRITTEN))
                    .apply("AllWritten", Flatten.pCollections()));
    for (TupleTag<FeatureBlock> tag :
        List.of(
            ComputeMarketFeatures.TRADES_HF,
            ComputeMarketFeatures.VOLUME_BARS,
            ComputeMarketFeatures.TICKER_HF)) {
      out = out.and(tag, perMarket.get(tag));
    }
    for (long d : params.barDurationsSeconds()) {
      TupleTag<KV<MarketKey, TimeBarAccumulator>> tag = ReplayMarkets.barPartials(d);
      out =
          out.and(
              tag,
              PCollectionList.of(perChunk.get(tag))
                  .and(perMarket.get(tag))
                  .apply("AllBarPartials" + d + "s", Flatten.pCollections()));
    }
    return out;
  }

  private PCollectionTuple perMarket(
      PCollectionTuple input, PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    EnumSet<Channel> channels = EnumSet.copyOf(outputs);
    channels.remove(Channel.ORDERBOOK);
    PCollectionList<KV<MarketKey, BlockRows>> events = PCollectionList.empty(input.getPipeline());
    if (input.has(EventTags.TRADES)) {
      events = events.and(ComputeMarketFeatures.keyed(input.get(EventTags.TRADES), "KeyTrades"));
    }
    if (input.has(EventTags.TICKERS)) {
      events = events.and(ComputeMarketFeatures.keyed(input.get(EventTags.TICKERS), "KeyTickers"));
    }
    // With the order book alone asked for, this replay only counts the trades.
    ReplayMarkets replay =
        new ReplayMarkets(params, EventOrder.RECONSTRUCTED, channels).withTradeCarriesFor(chunks);
    return events
        .apply("TradesAndTickers", Flatten.pCollections())
        .setCoder(KvCoder.of(MarketKeyCoder.of(), BlockRowsCoder.of()))
        .apply("PerMarket", tables == null ? replay : replay.writingTo(tables));
  }

  // ---- The chunks of each market -------------------------------------------------------------

  /** Per market: the chunks with snapshots, and the latest snapshot time per slice. */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final TreeSet<Long> chunks = new TreeSet<>();
    final TreeMap<Long, Long> latest = new TreeMap<>();

    Summary merge(Summary o) {
      chunks.addAll(o.chunks);
      o.latest.forEach((s, t) -> latest.merge(s, t, Math::max));
      return this;
    }
  }

  private PCollectionView<Map<MarketKey, MarketChunks>> marketChunks(PCollection<BookBlock> books) {
    ChunkPlan p = plan;
    return books
        .apply(
            "SummarizeSnapshots",
            ParDo.of(
                new DoFn<BookBlock, KV<MarketKey, Summary>>() {
                  @ProcessElement
                  public void process(@Element BookBlock b, OutputReceiver<KV<MarketKey, Summary>> o) {
                    Summary s = new Summary();
                    for (int r = 0; r < b.size(); r++) {
                      long t = b.captureTs(r);
                      s.chunks.add(p.chunkOf(t));
                      s.latest.merge(p.sliceOf(t), t, Math::max);
                    }
                    o.output(KV.of(b.key(), s));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), SerializableCoder.of(Summary.class)))
        .apply(
            "SummaryPerMarket",
            Combine.perKey((SerializableFunction<Iterable<Summary>, Summary>) all -> {
              Summary m = new Summary();
              all.forEach(m::merge);
              return m;
            }))
        .apply(
            "MarketChunks",
            ParDo.of(
                new DoFn<KV<MarketKey, Summary>, KV<MarketKey, MarketChunks>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<MarketKey, Summary> s,
                      OutputReceiver<KV<MarketKey, MarketChunks>> o) {
                    o.output(
                        KV.of(
                            s.getKey(),
                            MarketChunks.of(p, s.getValue().chunks, s.getValue().latest)));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), SerializableCoder.of(MarketChunks.class)))
        .apply("MarketChunksView", View.asMap());
  }

  // ---- The regime each chunk enters with ------------------------------------------------------

  private PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes(
      PCollection<BookBlock> books, PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    ChunkPlan p = plan;
    long warmUp = SpreadDigests.warmUpMicros(params);
    long maxGap = params.maxGapMicros();
    long window = params.spreadRegimeWindowMicros();
    return books
        .apply(
            "Digests",
            ParDo.of(
                    new DoFn<BookBlock, KV<ChunkKey, SpreadDigests>>() {
                      @ProcessElement
                      public void process(
                          @Element BookBlock b,
                          OutputReceiver<KV<ChunkKey, SpreadDigests>> o,
                          ProcessContext c) {
                        Map<Long, SpreadDigests> per = new HashMap<>();
                        for (int r = 0; r < b.size(); r++) {
                          long t = b.captureTs(r);
                          // Its own chunk and the later ones whose regime warm-up holds it.
                          for (long k = p.chunkOf(t); p.ownFrom(k) - warmUp <= t; k++) {
                            per.computeIfAbsent(k, x -> new SpreadDigests()).add(b, r);
                          }
                        }
                        MarketChunks m = c.sideInput(chunks).get(b.key());
                        per.forEach(
                            (k, d) -> {
                              if (m.isReplayed(k)) {
                                o.output(KV.of(new ChunkKey(b.key(), k), d));
                              }
                            });
                      }
                    })
                .withSideInputs(chunks))
        .setCoder(KvCoder.of(ChunkKeyCoder.of(), SerializableCoder.of(SpreadDigests.class)))
        .apply("DigestsPerChunk", GroupByKey.create())
        .apply(
            "RegimeMaps",
            ParDo.of(
                new DoFn<KV<ChunkKey, Iterable<SpreadDigests>>, KV<MarketKey, KV<Long, RegimeMap>>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<ChunkKey, Iterable<SpreadDigests>> e,
                      OutputReceiver<KV<MarketKey, KV<Long, RegimeMap>>> o) {
                    SpreadDigests all = new SpreadDigests();
                    e.getValue().forEach(all::addAll);
                    long k = e.getKey().chunk();
                    o.output(
                        KV.of(
                            e.getKey().market(),
                            KV.of(k, all.regimeMap(p.ownFrom(k), p.ownTo(k), maxGap, window))));
                  }
                }))
        .setCoder(
            KvCoder.of(
                MarketKeyCoder.of(),
                KvCoder.of(VarLongCoder.of(), SerializableCoder.of(RegimeMap.class))))
        .apply("MapsPerMarket", GroupByKey.create())
        .apply(
            "RegimeEntries",
            ParDo.of(
                new DoFn<KV<MarketKey, Iterable<KV<Long, RegimeMap>>>, KV<ChunkKey, KV<Byte, RegimeMap>>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<MarketKey, Iterable<KV<Long, RegimeMap>>> e,
                      OutputReceiver<KV<ChunkKey, KV<Byte, RegimeMap>>> o) {
                    TreeMap<Long, RegimeMap> maps = new TreeMap<>();
                    e.getValue().forEach(kv -> maps.put(kv.getKey(), kv.getValue()));
                    RegimeMap before = RegimeMap.identity();
                    for (Map.Entry<Long, RegimeMap> m : maps.entrySet()) {
                      o.output(
                          KV.of(
                              new ChunkKey(e.getKey(), m.getKey()),
                              KV.of(before.apply(SpreadRegime.NORMAL), m.getValue())));
                      before = before.then(m.getValue());
                    }
                  }
                }))
        .setCoder(
            KvCoder.of(
                ChunkKeyCoder.of(),
                KvCoder.of(ByteCoder.of(), SerializableCoder.of(RegimeMap.class))))
        .apply("RegimesView", View.asMap());
  }

  // ---- The chunk replay ----------------------------------------------------------------------

  private <B extends EventBlock> PCollection<KV<ChunkKey, BlockRows>> route(
      PCollection<B> blocks, PCollectionView<Map<MarketKey, MarketChunks>> chunks, String name) {
    return blocks
        .apply(
            name,
            ParDo.of(new RouteFn<B>(chunks, ShuffleElements.apply(blocks.getPipeline())))
                .withSideInputs(chunks))
        .setCoder(KvCoder.of(ChunkKeyCoder.of(), BlockRowsCoder.of()));
  }

  /**
   * Each block's rows to the contexts of the chunks that need them, by reference: a runner that
   * keeps its shuffle in memory holds each block once, and one that writes it writes only the
   * rows.
   */
  private static final class RouteFn<B extends EventBlock> extends DoFn<B, KV<ChunkKey, BlockRows>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
    private final boolean cut;

    RouteFn(PCollectionView<Map<MarketKey, MarketChunks>> chunks, boolean cut) {
      this.chunks = chunks;
      this.cut = cut;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      B b = c.element();
      MarketChunks m = c.sideInput(chunks).get(b.key());
      if (m == null) {
        return; // a market without snapshots has no order-book rows
      }
      Map<Long, IntList> rows = new TreeMap<>();
      for (int r = 0; r < b.size(); r++) {
        int row = r;
        m.chunksOf(b.captureTs(r), k -> rows.computeIfAbsent(k, x -> new IntList()).add(row));
      }
      int per = ShuffleElements.rowsPerElement(b, cut);
      rows.forEach(
          (k, rs) -> {
            ChunkKey key = new ChunkKey(b.key(), k);
            BlockRows.pieces(b, rs.values, rs.size, per, piece -> c.output(KV.of(key, piece)));
          });
    }
  }

  /** A growable list of row indices. */
  private static final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
      }
      values[size++] = v;
    }

  }

  private static final class ChunkReplayFn
      extends BarStampingFn<KV<ChunkKey, Iterable<BlockRows>>> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final ChunkPlan plan;
    private final ReplayTables tables;
    private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
    private final PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes;
    private final PCollectionView<Map<ChunkKey, TradeCarries.Carry>> carries;
    private final Counter chunksReplayed = Metrics.counter("replay", "chunks");
    private final Counter snapshots = Metrics.counter("orderbook", "snapshots_replayed");
    private final Counter duplicateSnapshots = Metrics.counter("orderbook", "duplicate_snapshots");
    private final Counter hfRows = Metrics.counter("orderbook", "hf_rows");
    private final Counter written = Metrics.counter(OutputTable.ORDERBOOK_HF.tableName(), "rows_written");
    private final org.apache.beam.sdk.metrics.Distribution captureTs =
        Metrics.distribution(Channel.ORDERBOOK.folder(), "capture_ts");
    private transient SnapshotReplay replay;
    private transient Map<OutputTable, org.apache.avro.Schema> schemas;

    ChunkReplayFn(
        FeatureParameters params,
        ChunkPlan plan,
        ReplayTables tables,
        PCollectionView<Map<MarketKey, MarketChunks>> chunks,
        PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes,
        PCollectionView<Map<ChunkKey, TradeCarries.Carry>> carries) {
      super(params.barDurationsSeconds());
      this.params = params;
      this.plan = plan;
      this.tables = tables;
      this.chunks = chunks;
      this.regimes = regimes;
      this.carries = carries;
    }

    @Setup
    public void setup() {
      replay = new SnapshotReplay(params);
      if (tables != null) {
        schemas = tables.schemas();
      }
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) throws IOException {
      ChunkKey key = c.element().getKey();
      MarketKey market = key.market();
      long k = key.chunk();
      MarketEvents events = MarketEvents.ofRows(c.element().getValue());
      events.sortByReconstructedOrder();
      MarketChunks m = c.sideInput(chunks).get(market);
      KV<Byte, RegimeMap> regime = c.sideInput(regimes).get(key);
      TradeCarries.Carry carry = c.sideInput(carries).get(key);
      // A market without trades has no carry: its VPIN is null throughout, as in one pass.
      Vpin vpin =
          carry != null ? carry.vpinAtOwnFrom() : new Vpin(Double.NaN, params.vpinWindow());
      ChunkContext context =
          new ChunkContext(
              plan.ownFrom(k),
              plan.ownTo(k),
              vpin,
              regime.getKey(),
              regime.getValue(),
              carry != null ? carry.repeats() : Set.of(),
              m.lastSnapshot(),
              k << 32);
      try (StagedTables staged = tables == null ? null : new StagedTables(tables, schemas)) {
        ReplayStats stats =
            replay.replay(
                market.exchange(),
                market.symbol(),
                events,
                context,
                new SnapshotReplay.Sink() {
                  @Override
                  public void rows(FeatureBlock block) {
                    long[] t = block.time();
                    captureTs.update(t[0]);
                    captureTs.update(t[block.size() - 1]);
                    if (staged == null) {
                      out.get(ComputeMarketFeatures.HF).output(block.copy());
                      return;
                    }
                    try {
                      staged.write(OutputTable.ORDERBOOK_HF, block);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }

                  @Override
                  public void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {
                    outputBar(out, market, durationSeconds, barStartMicros, partial);
                  }
                });
        chunksReplayed.inc();
        snapshots.inc(stats.snapshots);
        duplicateSnapshots.inc(stats.duplicateSnapshots);
        hfRows.inc(stats.rows);
        if (staged != null) {
          staged.finish(
              (table, f) -> {
                written.inc(f.rows());
                out.get(ComputeMarketFeatures.WRITTEN).output(f);
              });
        }
      }
    }
  }
}
