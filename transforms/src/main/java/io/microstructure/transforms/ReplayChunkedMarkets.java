package io.microstructure.transforms;

import io.microstructure.coders.BlockRowsCoder;
import io.microstructure.coders.ChunkKeyCoder;
import io.microstructure.coders.EventBlockCoder;
import io.microstructure.coders.FeatureBlockCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.ShuffleElements;
import io.microstructure.coders.SideValueCoder;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.engine.ChunkContext;
import io.microstructure.engine.ChunkPlan;
import io.microstructure.engine.KeptTradeSpill;
import io.microstructure.engine.KeptTrades;
import io.microstructure.engine.LastTickers;
import io.microstructure.engine.MarketCarry;
import io.microstructure.engine.MarketChunks;
import io.microstructure.engine.MarketEvents;
import io.microstructure.engine.ReplayStats;
import io.microstructure.engine.Resume;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.SpreadDigests;
import io.microstructure.engine.TickerReplay;
import io.microstructure.engine.TradeCarries;
import io.microstructure.engine.TradeIds;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.RegimeMap;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.VolumeBars;
import io.microstructure.features.Vpin;
import io.microstructure.input.EventTags;
import io.microstructure.model.BlockRows;
import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.ChunkKey;
import io.microstructure.model.EventBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import io.microstructure.output.WrittenFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
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
 * worker holds more of a market than a chunk's context: its order book, trades and ticker updates
 * are replayed per (market, chunk).
 *
 * <p>Before any chunk is replayed, small side computations make its carries: the chunks with
 * events and where their contexts start (a summary per market, {@link MarketChunks}); the spread
 * regime each chunk enters with (the chunks' {@link RegimeMap}s from their snapshots' digests,
 * composed along the market); the trades that repeat an earlier id anywhere in the market (a
 * grouping of the trades' ids by hash, {@link TradeIds}); VPIN's state at each chunk start and the
 * volume bars, from one pass over the market's kept trades reduced to a few numbers each ({@link
 * KeptTrades}); and the last ticker update before each chunk ({@link LastTickers}). Every value
 * equals one pass over the whole market; its output is that of {@link ReplayMarkets}.
 */
public final class ReplayChunkedMarkets extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final FeatureParameters params;
  private final EnumSet<Channel> outputs;
  private final ChunkPlan plan;
  private final ReplayTables tables;
  private final Resume resume;

  /**
   * @param resume where an incremental run starts and what it carries in; null: a plain run
   */
  ReplayChunkedMarkets(
      FeatureParameters params,
      Set<Channel> outputs,
      long chunkMicros,
      ReplayTables tables,
      Resume resume) {
    this.params = params;
    this.outputs = EnumSet.copyOf(outputs);
    this.plan = ChunkPlan.of(chunkMicros, params);
    this.tables = tables;
    this.resume = resume;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<BookBlock> books = input.get(EventTags.SNAPSHOTS);
    PCollection<TradeBlock> trades =
        input.has(EventTags.TRADES)
            ? input.get(EventTags.TRADES)
            : input.getPipeline().apply("NoTrades", Create.empty(EventBlockCoder.trades()));
    PCollection<TickerBlock> tickers =
        input.has(EventTags.TICKERS) && outputs.contains(Channel.TICKER)
            ? input.get(EventTags.TICKERS)
            : input.getPipeline().apply("NoTickers", Create.empty(EventBlockCoder.tickers()));
    PCollection<KV<MarketKey, MarketChunks>> chunkList = marketChunks(books, trades, tickers);
    PCollectionView<Map<MarketKey, MarketChunks>> chunks =
        chunkList.apply("MarketChunksView", View.asMap());
    PCollectionTuple regimeEntries = regimes(books, chunks);
    PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes =
        regimeEntries.get(REGIME_ENTRIES).apply("RegimesView", View.asMap());
    PCollectionView<Map<ChunkKey, Iterable<ChunkContext.TradePosition>>> repeats =
        repeatedTrades(trades, chunks);
    PCollectionTuple marketLong = marketLongTrades(trades, chunks, repeats);
    PCollectionView<Map<ChunkKey, Vpin>> vpins =
        marketLong.get(VPIN_AT_CHUNK_START).apply("VpinView", View.asMap());
    PCollection<KV<MarketKey, LastTickers>> tickerList = lastTickers(tickers);
    PCollectionView<Map<MarketKey, LastTickers>> lastTickers =
        tickerList.apply("LastTickersView", View.asMap());
    Carries carries = new Carries(chunks, regimes, repeats, vpins, lastTickers);
    PCollectionTuple perChunk = replayChunks(books, trades, tickers, carries);
    PCollectionList<WrittenFile> written =
        PCollectionList.of(perChunk.get(ComputeMarketFeatures.WRITTEN))
            .and(marketLong.get(ComputeMarketFeatures.WRITTEN));
    if (resume != null) {
      written = written.and(recordCarries(regimeEntries, marketLong, tickerList, chunkList, chunks));
    }
    return merged(perChunk, marketLong, written);
  }

  /** The carries at this run's resume points, as a staged file to commit with the run. */
  private PCollection<WrittenFile> recordCarries(
      PCollectionTuple regimeEntries,
      PCollectionTuple marketLong,
      PCollection<KV<MarketKey, LastTickers>> tickerList,
      PCollection<KV<MarketKey, MarketChunks>> chunkList,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    return PCollectionList.of(regimeEntries.get(CARRY_PARTS))
            .and(marketLong.get(CARRY_PARTS))
            .and(RecordCarries.tickerParts(tickerList, chunks, resume, plan, lookAhead()))
            .and(RecordCarries.contextParts(chunkList, chunks, resume, plan, lookAhead()))
            .apply("AllCarryParts", Flatten.pCollections())
            .apply("RecordCarries", new RecordCarries(resume, tables, chunks, lookAhead()));
  }

  private long lookAhead() {
    return ChunkContext.lookAheadMicros(params);
  }

  /** The first chunk this run replays: all of them, or an incremental run's own. */
  private long firstOwnChunk() {
    return resume == null ? Long.MIN_VALUE : resume.firstOwnChunk(plan);
  }

  // ---- What an incremental run records at its resume points ----------------------------------

  /** Parts of the carries at a resume point, by (market, point) ({@link RecordCarries}). */
  static final TupleTag<KV<KV<MarketKey, Long>, MarketCarry>> CARRY_PARTS =
      new TupleTag<KV<KV<MarketKey, Long>, MarketCarry>>("carry-parts") {};

  /** The side inputs of a chunk replay. */
  private record Carries(
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      PCollectionView<Map<ChunkKey, KV<Byte, RegimeMap>>> regimes,
      PCollectionView<Map<ChunkKey, Iterable<ChunkContext.TradePosition>>> repeats,
      PCollectionView<Map<ChunkKey, Vpin>> vpins,
      PCollectionView<Map<MarketKey, LastTickers>> lastTickers)
      implements Serializable {
    List<PCollectionView<?>> all() {
      return List.of(chunks, regimes, repeats, vpins, lastTickers);
    }
  }

  /** Every block's events routed to (market, chunk), grouped and replayed. */
  private PCollectionTuple replayChunks(
      PCollection<BookBlock> books,
      PCollection<TradeBlock> trades,
      PCollection<TickerBlock> tickers,
      Carries carries) {
    TupleTagList sideOutputs =
        TupleTagList.of(ComputeMarketFeatures.WRITTEN)
            .and(ComputeMarketFeatures.TRADES_HF)
            .and(ComputeMarketFeatures.TICKER_HF);
    for (long d : params.barDurationsSeconds()) {
      sideOutputs = sideOutputs.and(ReplayMarkets.barPartials(d));
    }
    PCollectionTuple replayed =
        PCollectionList.of(route(books, carries.chunks(), "RouteBooks"))
            .and(route(trades, carries.chunks(), "RouteTrades"))
            .and(route(tickers, carries.chunks(), "RouteTickers"))
            .apply("AllRouted", Flatten.pCollections())
            .setCoder(KvCoder.of(ChunkKeyCoder.of(), BlockRowsCoder.of()))
            .apply("GroupByChunk", GroupLargeKeys.create())
            .apply(
                "ReplayChunks",
                ParDo.of(new ChunkReplayFn(params, outputs, plan, tables, carries, resume))
                    .withSideInputs(carries.all())
                    .withOutputTags(ComputeMarketFeatures.HF, sideOutputs));
    for (TupleTag<FeatureBlock> tag :
        List.of(
            ComputeMarketFeatures.HF,
            ComputeMarketFeatures.TRADES_HF,
            ComputeMarketFeatures.TICKER_HF)) {
      replayed.get(tag).setCoder(FeatureBlockCoder.of());
    }
    replayed.get(ComputeMarketFeatures.WRITTEN).setCoder(WrittenFileCoder.of());
    for (long d : params.barDurationsSeconds()) {
      replayed
          .get(ReplayMarkets.barPartials(d))
          .setCoder(KvCoder.of(MarketKeyCoder.of(), TimeBarAccumulatorCoder.of()));
    }
    return replayed;
  }

  /** The outputs of {@link ReplayMarkets}: the chunks' and the markets' parts together. */
  private PCollectionTuple merged(
      PCollectionTuple perChunk, PCollectionTuple marketLong, PCollectionList<WrittenFile> written) {
    PCollectionTuple out =
        PCollectionTuple.of(ComputeMarketFeatures.HF, perChunk.get(ComputeMarketFeatures.HF))
            .and(ComputeMarketFeatures.TRADES_HF, perChunk.get(ComputeMarketFeatures.TRADES_HF))
            .and(ComputeMarketFeatures.TICKER_HF, perChunk.get(ComputeMarketFeatures.TICKER_HF))
            .and(
                ComputeMarketFeatures.VOLUME_BARS,
                marketLong.get(ComputeMarketFeatures.VOLUME_BARS))
            .and(ComputeMarketFeatures.WRITTEN, written.apply("AllWritten", Flatten.pCollections()));
    for (long d : params.barDurationsSeconds()) {
      out = out.and(ReplayMarkets.barPartials(d), perChunk.get(ReplayMarkets.barPartials(d)));
    }
    return out;
  }

  // ---- The trades' carries across the whole market -------------------------------------------

  /** Per (market, chunk with snapshots): VPIN as of the chunk's start. */
  private static final TupleTag<KV<ChunkKey, Vpin>> VPIN_AT_CHUNK_START =
      new TupleTag<KV<ChunkKey, Vpin>>("vpin-at-chunk-start") {};

  /**
   * The trades repeating an earlier id of their market, by (market, own chunk): the trades' ids
   * grouped by (market, hash group), each group searched on its own.
   */
  private PCollectionView<Map<ChunkKey, Iterable<ChunkContext.TradePosition>>> repeatedTrades(
      PCollection<TradeBlock> trades, PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    ChunkPlan p = plan;
    return trades
        .apply(
            "TradeIds",
            ParDo.of(
                    new DoFn<TradeBlock, KV<KV<MarketKey, Integer>, TradeIds>>() {
                      @ProcessElement
                      public void process(
                          @Element TradeBlock b,
                          OutputReceiver<KV<KV<MarketKey, Integer>, TradeIds>> o,
                          ProcessContext c) {
                        int groups = TradeIds.groups(c.sideInput(chunks).get(b.key()).trades());
                        TradeIds.byGroup(
                            b, groups, (g, ids) -> o.output(KV.of(KV.of(b.key(), g), ids)));
                      }
                    })
                .withSideInputs(chunks))
        .setCoder(
            KvCoder.of(
                KvCoder.of(MarketKeyCoder.of(), VarIntCoder.of()),
                SideValueCoder.of(TradeIds.class)))
        .apply("GroupIdsByHash", GroupLargeKeys.create())
        .apply(
            "RepeatedIds",
            ParDo.of(
                new DoFn<
                    KV<KV<MarketKey, Integer>, Iterable<TradeIds>>,
                    KV<ChunkKey, ChunkContext.TradePosition>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<KV<MarketKey, Integer>, Iterable<TradeIds>> e,
                      OutputReceiver<KV<ChunkKey, ChunkContext.TradePosition>> o) {
                    MarketKey market = e.getKey().getKey();
                    TradeIds.repeats(
                        e.getValue(),
                        (t, at) -> o.output(KV.of(new ChunkKey(market, p.chunkOf(t)), at)));
                  }
                }))
        .setCoder(
            KvCoder.of(
                ChunkKeyCoder.of(), SideValueCoder.of(ChunkContext.TradePosition.class)))
        .apply("RepeatsView", View.asMultimap());
  }

  /** The repeated trades of a market whose own chunks are {@code first..last}. */
  private static Set<ChunkContext.TradePosition> repeatsBetween(
      Map<ChunkKey, Iterable<ChunkContext.TradePosition>> repeats,
      MarketKey market,
      long first,
      long last) {
    Set<ChunkContext.TradePosition> in = new HashSet<>();
    for (long k = first; k <= last; k++) {
      repeats.getOrDefault(new ChunkKey(market, k), List.of()).forEach(in::add);
    }
    return in;
  }

  /**
   * One pass over each market's kept trades, in order: VPIN at each chunk start ({@link
   * #VPIN_AT_CHUNK_START}) and the volume bars, written or as blocks.
   */
  private PCollectionTuple marketLongTrades(
      PCollection<TradeBlock> trades,
      PCollectionView<Map<MarketKey, MarketChunks>> chunks,
      PCollectionView<Map<ChunkKey, Iterable<ChunkContext.TradePosition>>> repeats) {
    ChunkPlan p = plan;
    long firstOwn = firstOwnChunk();
    PCollectionTuple out =
        trades
            .apply(
                "KeptTrades",
                ParDo.of(
                        new DoFn<TradeBlock, KV<MarketKey, KV<Long, KeptTrades>>>() {
                          @ProcessElement
                          public void process(
                              @Element TradeBlock b,
                              OutputReceiver<KV<MarketKey, KV<Long, KeptTrades>>> o,
                              ProcessContext c) {
                            Set<ChunkContext.TradePosition> dropped =
                                repeatsBetween(
                                    c.sideInput(repeats),
                                    b.key(),
                                    p.chunkOf(b.captureTs(0)),
                                    p.chunkOf(b.captureTs(b.size() - 1)));
                            KeptTrades.byChunk(
                                b,
                                dropped,
                                p,
                                (k, t) -> {
                                  if (k >= firstOwn) { // earlier ones are carried in
                                    o.output(KV.of(b.key(), KV.of(k, t)));
                                  }
                                });
                          }
                        })
                    .withSideInputs(repeats))
            .setCoder(
                KvCoder.of(
                    MarketKeyCoder.of(),
                    KvCoder.of(VarLongCoder.of(), SideValueCoder.of(KeptTrades.class))))
            .apply("GroupKeptTrades", GroupLargeKeys.create())
            .apply(
                "VpinAndVolumeBars",
                ParDo.of(new MarketLongTradesFn(params, outputs, tables, chunks, resume))
                    .withSideInputs(chunks)
                    .withOutputTags(
                        ComputeMarketFeatures.VOLUME_BARS,
                        TupleTagList.of(ComputeMarketFeatures.WRITTEN)
                            .and(VPIN_AT_CHUNK_START)
                            .and(CARRY_PARTS)));
    out.get(CARRY_PARTS).setCoder(RecordCarries.partCoder());
    out.get(ComputeMarketFeatures.VOLUME_BARS).setCoder(FeatureBlockCoder.of());
    out.get(ComputeMarketFeatures.WRITTEN).setCoder(WrittenFileCoder.of());
    out.get(VPIN_AT_CHUNK_START)
        .setCoder(KvCoder.of(ChunkKeyCoder.of(), SideValueCoder.of(Vpin.class)));
    return out;
  }

  /**
   * A market's kept trades, chunk after chunk in order ({@link KeptTradeSpill}: one chunk in
   * memory): its VPIN at each chunk start and its volume bars.
   */
  private static final class MarketLongTradesFn
      extends ReplayDoFn<KV<MarketKey, Iterable<KV<Long, KeptTrades>>>> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final boolean volumeBars;
    private final PCollectionView<Map<MarketKey, MarketChunks>> chunks;
    private final Resume resume;
    private transient TradeReplay tradeReplay;

    MarketLongTradesFn(
        FeatureParameters params,
        Set<Channel> outputs,
        ReplayTables tables,
        PCollectionView<Map<MarketKey, MarketChunks>> chunks,
        Resume resume) {
      super(params.barDurationsSeconds(), tables);
      this.params = params;
      this.volumeBars = outputs.contains(Channel.TRADES);
      this.chunks = chunks;
      this.resume = resume;
    }

    @Setup
    public void setup() {
      tradeReplay = new TradeReplay(params);
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) throws IOException {
      MarketKey market = c.element().getKey();
      MarketCarry carried = resume == null ? new MarketCarry() : resume.carry(market);
      try (KeptTradeSpill trades = KeptTradeSpill.of(c.element().getValue())) {
        // Sizes derived from this run's trades unless an earlier run pinned them.
        TradeCarries.Totals totals =
            carried.vpin != null && carried.volumeBars != null
                ? null
                : TradeCarries.Totals.of(trades);
        Vpin vpin =
            carried.vpin != null
                ? carried.vpinCopy()
                : new Vpin(
                    TradeCarries.bucketVolume(params, market.symbol(), totals),
                    params.vpinWindow());
        VolumeBars bars =
            carried.volumeBars != null
                ? carried.volumeBarsCopy()
                : new VolumeBars(tradeReplay.barSize(market.symbol(), totals));
        TreeSet<Long> points =
            resume == null
                ? new TreeSet<>()
                : resume.recordedPoints(
                    c.sideInput(chunks).values(), ChunkContext.lookAheadMicros(params));
        if (resume != null) {
          TradeCarries.atPoints(trades, points, vpin.copy(), bars.copy())
              .forEach(
                  (p, carry) ->
                      out.get(CARRY_PARTS).output(KV.of(KV.of(market, p), carry)));
        }
        TradeCarries.vpinAtChunkStarts(trades, c.sideInput(chunks).get(market), vpin)
            .forEach(
                (k, v) -> out.get(VPIN_AT_CHUNK_START).output(KV.of(new ChunkKey(market, k), v)));
        if (volumeBars) {
          try (Outputs sink = outputs(market, out)) {
            if (resume == null) {
              tradeReplay.volumeBars(
                  market.exchange(), market.symbol(), trades, bars, null, WrittenFile.NO_KEY, sink);
            } else {
              long from = resume.from();
              tradeReplay.volumeBars(
                  market.exchange(),
                  market.symbol(),
                  trades,
                  bars,
                  end -> Resume.pointAtOrBefore(points, from, end),
                  points.isEmpty() ? from : points.last(),
                  sink);
            }
            sink.commit();
          }
        }
      }
    }
  }

  /** Per market, the last ticker update of each chunk. */
  private PCollection<KV<MarketKey, LastTickers>> lastTickers(PCollection<TickerBlock> tickers) {
    ChunkPlan p = plan;
    return tickers
        .apply(
            "LastTickerPerChunk",
            ParDo.of(
                new DoFn<TickerBlock, KV<MarketKey, LastTickers>>() {
                  @ProcessElement
                  public void process(
                      @Element TickerBlock b, OutputReceiver<KV<MarketKey, LastTickers>> o) {
                    o.output(KV.of(b.key(), LastTickers.of(b, p)));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), SideValueCoder.of(LastTickers.class)))
        .apply(
            "LastTickersPerMarket",
            Combine.perKey(
                (SerializableFunction<Iterable<LastTickers>, LastTickers>)
                    all -> {
                      LastTickers m = new LastTickers();
                      all.forEach(m::merge);
                      return m;
                    }));
  }

  // ---- The chunks of each market -------------------------------------------------------------

  /**
   * Per market: the chunks with snapshots, those with events of any channel, the latest snapshot
   * time per slice, and the number of trades.
   */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final TreeSet<Long> withSnapshots = new TreeSet<>();
    final TreeSet<Long> withEvents = new TreeSet<>();
    final TreeMap<Long, Long> latest = new TreeMap<>();
    long trades;

    Summary merge(Summary o) {
      withSnapshots.addAll(o.withSnapshots);
      withEvents.addAll(o.withEvents);
      o.latest.forEach((s, t) -> latest.merge(s, t, Math::max));
      trades += o.trades;
      return this;
    }

    static Summary of(EventBlock b, ChunkPlan p) {
      Summary s = new Summary();
      boolean book = b.channel() == Channel.ORDERBOOK;
      for (int r = 0; r < b.size(); r++) {
        long t = b.captureTs(r);
        s.withEvents.add(p.chunkOf(t));
        if (book) {
          s.withSnapshots.add(p.chunkOf(t));
          s.latest.merge(p.sliceOf(t), t, Math::max);
        }
      }
      s.trades = b.channel() == Channel.TRADES ? b.size() : 0;
      return s;
    }
  }

  private PCollection<KV<MarketKey, MarketChunks>> marketChunks(
      PCollection<BookBlock> books,
      PCollection<TradeBlock> trades,
      PCollection<TickerBlock> tickers) {
    ChunkPlan p = plan;
    long firstOwn = firstOwnChunk();
    return PCollectionList.of(summaries(books, p, "SummarizeSnapshots"))
        .and(summaries(trades, p, "SummarizeTrades"))
        .and(summaries(tickers, p, "SummarizeTickers"))
        .apply("AllSummaries", Flatten.pCollections())
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
                  // The markets replayed, as the whole-market replay counts them.
                  private final Counter keys = Metrics.counter("replay", "keys");

                  @ProcessElement
                  public void process(
                      @Element KV<MarketKey, Summary> e,
                      OutputReceiver<KV<MarketKey, MarketChunks>> o) {
                    keys.inc();
                    Summary s = e.getValue();
                    o.output(
                        KV.of(
                            e.getKey(),
                            MarketChunks.of(
                                p, s.withSnapshots, s.withEvents, s.latest, s.trades, firstOwn)));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), SideValueCoder.of(MarketChunks.class)));
  }

  private static <B extends EventBlock> PCollection<KV<MarketKey, Summary>> summaries(
      PCollection<B> blocks, ChunkPlan p, String name) {
    return blocks
        .apply(
            name,
            ParDo.of(
                new DoFn<B, KV<MarketKey, Summary>>() {
                  @ProcessElement
                  public void process(@Element B b, OutputReceiver<KV<MarketKey, Summary>> o) {
                    o.output(KV.of(b.key(), Summary.of(b, p)));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), SideValueCoder.of(Summary.class)));
  }

  // ---- The regime each chunk enters with ------------------------------------------------------

  /** Per (market, chunk with snapshots): the regime it enters with, and the chunk's own map. */
  private static final TupleTag<KV<ChunkKey, KV<Byte, RegimeMap>>> REGIME_ENTRIES =
      new TupleTag<KV<ChunkKey, KV<Byte, RegimeMap>>>("regime-entries") {};

  private PCollectionTuple regimes(
      PCollection<BookBlock> books, PCollectionView<Map<MarketKey, MarketChunks>> chunks) {
    ChunkPlan p = plan;
    Resume r = resume;
    long lookAhead = ChunkContext.lookAheadMicros(params);
    long warmUp = SpreadDigests.warmUpMicros(params);
    long maxGap = params.maxGapMicros();
    long window = params.spreadRegimeWindowMicros();
    PCollectionTuple out =
        books
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
                              if (m.hasSnapshots(k)) {
                                o.output(KV.of(new ChunkKey(b.key(), k), d));
                              }
                            });
                      }
                    })
                .withSideInputs(chunks))
        .setCoder(KvCoder.of(ChunkKeyCoder.of(), SideValueCoder.of(SpreadDigests.class)))
        .apply("DigestsPerChunk", GroupLargeKeys.create())
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
                KvCoder.of(VarLongCoder.of(), SideValueCoder.of(RegimeMap.class))))
        .apply("MapsPerMarket", GroupByKey.create())
        .apply(
            "RegimeEntries",
            ParDo.of(
                    new DoFn<
                        KV<MarketKey, Iterable<KV<Long, RegimeMap>>>,
                        KV<ChunkKey, KV<Byte, RegimeMap>>>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        KV<MarketKey, Iterable<KV<Long, RegimeMap>>> e = c.element();
                        TreeMap<Long, RegimeMap> maps = new TreeMap<>();
                        e.getValue().forEach(kv -> maps.put(kv.getKey(), kv.getValue()));
                        // A run starts normal; an incremental one where the last one left off.
                        byte state =
                            r == null ? SpreadRegime.NORMAL : r.carry(e.getKey()).regimeOrNormal();
                        TreeMap<Long, Byte> entering = new TreeMap<>();
                        for (Map.Entry<Long, RegimeMap> m : maps.entrySet()) {
                          entering.put(m.getKey(), state);
                          c.output(
                              KV.of(new ChunkKey(e.getKey(), m.getKey()), KV.of(state, m.getValue())));
                          state = m.getValue().apply(state);
                        }
                        if (r != null) {
                          byte end = state;
                          for (long point : r.recordedPoints(c.sideInput(chunks).values(), lookAhead)) {
                            // The state after every chunk before the point.
                            Map.Entry<Long, Byte> next = entering.ceilingEntry(p.chunkOf(point));
                            byte at = next != null ? next.getValue() : end;
                            c.output(
                                CARRY_PARTS,
                                KV.of(KV.of(e.getKey(), point), MarketCarry.ofRegime(at)));
                          }
                        }
                      }
                    })
                .withSideInputs(chunks)
                .withOutputTags(REGIME_ENTRIES, TupleTagList.of(CARRY_PARTS)));
    out.get(REGIME_ENTRIES)
        .setCoder(
            KvCoder.of(
                ChunkKeyCoder.of(),
                KvCoder.of(ByteCoder.of(), SideValueCoder.of(RegimeMap.class))));
    out.get(CARRY_PARTS).setCoder(RecordCarries.partCoder());
    return out;
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
      Map<Long, IntList> rows = new TreeMap<>();
      Channel channel = b.channel();
      for (int r = 0; r < b.size(); r++) {
        int row = r;
        long t = b.captureTs(r);
        LongConsumer to = k -> rows.computeIfAbsent(k, x -> new IntList()).add(row);
        if (channel == Channel.TICKER) {
          long own = m.plan().chunkOf(t);
          if (m.isReplayed(own)) {
            to.accept(own); // the carry brings the previous update
          }
        } else if (channel == Channel.ORDERBOOK) {
          m.chunksOf(t, k -> {
            if (m.hasSnapshots(k)) {
              to.accept(k); // only an order-book replay reads snapshots
            }
          });
        } else {
          m.chunksOf(t, to);
        }
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

  /**
   * One chunk of a market from its context: order-book rows when it has snapshots of its own, trade
   * and ticker rows, and the time-bar partials of its own events.
   */
  private static final class ChunkReplayFn
      extends ReplayDoFn<KV<ChunkKey, Iterable<BlockRows>>> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final boolean tradeRows;
    private final boolean tickerRows;
    private final ChunkPlan plan;
    private final Carries carries;
    private final Resume resume;
    private final Counter chunksReplayed = Metrics.counter("replay", "chunks");
    private final Counter snapshots = Metrics.counter("orderbook", "snapshots_replayed");
    private final Counter duplicateSnapshots = Metrics.counter("orderbook", "duplicate_snapshots");
    private final Counter hfRows = Metrics.counter("orderbook", "hf_rows");
    private final Counter trades = Metrics.counter("trades", "trades_replayed");
    private final Counter duplicateTrades = Metrics.counter("trades", "duplicate_trades");
    private final Counter tradeHfRows = Metrics.counter("trades", "hf_rows");
    private final Counter tickerHfRows = Metrics.counter("ticker", "hf_rows");
    private transient SnapshotReplay snapshotReplay;
    private transient TradeReplay tradeReplay;
    private transient TickerReplay tickerReplay;

    ChunkReplayFn(
        FeatureParameters params,
        Set<Channel> outputs,
        ChunkPlan plan,
        ReplayTables tables,
        Carries carries,
        Resume resume) {
      super(params.barDurationsSeconds(), tables);
      this.params = params;
      this.tradeRows = outputs.contains(Channel.TRADES);
      this.tickerRows = outputs.contains(Channel.TICKER);
      this.plan = plan;
      this.carries = carries;
      this.resume = resume;
    }

    @Setup
    public void setup() {
      snapshotReplay = new SnapshotReplay(params);
      tradeReplay = new TradeReplay(params);
      tickerReplay = new TickerReplay();
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) throws IOException {
      ChunkKey key = c.element().getKey();
      MarketKey market = key.market();
      long k = key.chunk();
      long from = plan.ownFrom(k);
      long to = plan.ownTo(k);
      MarketChunks m = c.sideInput(carries.chunks()).get(market);
      if (!m.isReplayed(k)) {
        return; // warm-up of an incremental run, not its own
      }
      MarketEvents events = MarketEvents.ofRows(c.element().getValue());
      events.sortByReconstructedOrder();
      Set<ChunkContext.TradePosition> repeats = repeatsIn(c, m, key);
      events.alsoRepeating(repeats);
      recordTimeSpan(events, from, to);
      try (Outputs sink = outputs(market, out)) {
        if (m.hasSnapshots(k)) {
          ReplayStats stats =
              snapshotReplay.replay(
                  market.exchange(), market.symbol(), events, context(c, m, key, repeats), sink);
          snapshots.inc(stats.snapshots);
          duplicateSnapshots.inc(stats.duplicateSnapshots);
          hfRows.inc(stats.rows);
        }
        if (events.tradeCount() > 0) {
          TradeCarries.timeBars(events, from, to, params.barDurationsSeconds(), sink);
          ReplayStats stats =
              tradeRows
                  ? tradeReplay.rows(market.exchange(), market.symbol(), events, from, to, sink)
                  : TradeReplay.count(events, from, to);
          trades.inc(stats.trades);
          duplicateTrades.inc(stats.duplicateTrades);
          if (tradeRows) {
            tradeHfRows.inc(stats.rows);
          }
        }
        if (tickerRows && events.tickerCount() > 0) {
          LastTickers.Update last =
              LastTickers.Update.later(
                  c.sideInput(carries.lastTickers()).get(market).updateBefore(k),
                  resume == null ? null : resume.carry(market).lastTicker);
          tickerHfRows.inc(
              tickerReplay.replay(
                  market.exchange(),
                  market.symbol(),
                  events,
                  from,
                  to,
                  last == null ? Double.NaN : last.last(),
                  sink));
        }
        sink.commit();
      }
      chunksReplayed.inc();
    }

    /** The trades of the chunk's context that repeat an earlier id of the market. */
    private Set<ChunkContext.TradePosition> repeatsIn(ProcessContext c, MarketChunks m, ChunkKey key) {
      long k = key.chunk();
      return repeatsBetween(
          c.sideInput(carries.repeats()),
          key.market(),
          Math.max(m.chunks().first(), plan.chunkOf(m.contextStart(k))),
          plan.chunkOf(m.contextEnd(k) - 1));
    }

    private ChunkContext context(
        ProcessContext c, MarketChunks m, ChunkKey key, Set<ChunkContext.TradePosition> repeats) {
      long k = key.chunk();
      KV<Byte, RegimeMap> regime = c.sideInput(carries.regimes()).get(key);
      Vpin vpin = c.sideInput(carries.vpins()).get(key);
      return new ChunkContext(
          plan.ownFrom(k),
          plan.ownTo(k),
          // A market without trades has no VPIN carry: its VPIN is null throughout, as in one pass.
          vpin != null ? vpin : new Vpin(Double.NaN, params.vpinWindow()),
          regime.getKey(),
          regime.getValue(),
          repeats,
          m.lastSnapshot(),
          k << 32);
    }
  }
}
