package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.RegimeMap;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.Vpin;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A market replayed chunk by chunk, each chunk from its context (warm-up and look-ahead) and the
 * carries of {@link ChunkContext}, gives the rows and time bars of one pass over the whole market.
 * The carries come from what the pipeline has before any chunk is replayed: the market's chunk
 * summaries ({@link MarketChunks}), one pass over its kept trades ({@link KeptTrades}, {@link
 * TradeCarries}), the trades repeating an earlier id ({@link TradeIds}) and the regime maps of its
 * chunks' spread digests ({@link SpreadDigests}). The generated market puts run gaps,
 * book outages, duplicate snapshots, repeated trade ids, trades at a snapshot's time, regime
 * changes and VPIN bucket edges at and around the chunk edges.
 */
class ChunkedReplayTest {
  private static final String EX = "binance";
  private static final String SYM = "BTC/USDT";
  private static final long S = 1_000_000L;
  private static final long FILE_BOOK = 7L << 20;
  private static final long FILE_TRADES = 9L << 20;

  // Short windows, so that a few minutes of events cross many chunks with every carry in play.
  private static final FeatureParameters PARAMS =
      FeatureParameters.builder()
          .horizonsSeconds(2, 5)
          .barDurationsSeconds(1, 3)
          .maxGapSeconds(1.5)
          .spreadRegimeWindowSeconds(3)
          .ofiHalfLifeSeconds(0.05)
          .vpinWindow(3)
          .vpinBucketVolume(SYM, 1.25)
          .build();

  @Property(tries = 25)
  void chunksGiveTheRowsAndBarsOfOnePass(
      @ForAll long seed, @ForAll @LongRange(min = 700_000, max = 6_000_000) long chunkMicros) {
    Market market = Market.generate(new SplittableRandom(seed));
    Output whole = new Output();
    new SnapshotReplay(PARAMS).replay(EX, SYM, market.events(Long.MIN_VALUE, Long.MAX_VALUE), whole);

    Output chunked = new Output();
    SnapshotReplay replay = new SnapshotReplay(PARAMS);
    MarketChunks chunks = market.chunks(ChunkPlan.of(chunkMicros, PARAMS));
    Set<ChunkContext.TradePosition> repeats = market.repeats();
    Map<Long, Vpin> vpins =
        TradeCarries.vpinAtChunkStarts(
            List.of(market.keptTrades(repeats)), chunks, new Vpin(1.25, PARAMS.vpinWindow()));
    ChunkPlan plan = chunks.plan();
    RegimeMap before = RegimeMap.identity();
    for (long c : chunks.chunks()) {
      MarketEvents events = market.events(chunks.contextStart(c), plan.contextEnd(c));
      events.alsoRepeating(repeats);
      TradeCarries.timeBars(
          events, plan.ownFrom(c), plan.ownTo(c), PARAMS.barDurationsSeconds(), chunked);
      if (!chunks.hasSnapshots(c)) {
        continue; // trades only: no order-book rows
      }
      // The regime carry: the maps of the chunks before, from their snapshots' digests alone.
      byte entry = before.apply(SpreadRegime.NORMAL);
      assertThat(entry)
          .as("regime entering chunk %d", c)
          .isEqualTo(whole.regimeBefore(plan.ownFrom(c)));
      RegimeMap map =
          market
              .digests(plan, c)
              .regimeMap(
                  plan.ownFrom(c),
                  plan.ownTo(c),
                  PARAMS.maxGapMicros(),
                  PARAMS.spreadRegimeWindowMicros());
      before = before.then(map);
      ChunkContext context =
          new ChunkContext(
              plan.ownFrom(c),
              plan.ownTo(c),
              vpins.get(c),
              entry,
              map,
              repeats,
              chunks.lastSnapshot(),
              c << 32);
      replay.replay(EX, SYM, events, context, chunked);
    }

    assertThat(chunked.times).isEqualTo(whole.times);
    for (int i = 0; i < whole.rows.size(); i++) {
      assertClose(chunked.rows.get(i), whole.rows.get(i), "row " + i + " at " + whole.times.get(i));
    }
    assertThat(chunked.bars.keySet()).isEqualTo(whole.bars.keySet());
    for (Map.Entry<String, TimeBarAccumulator> e : whole.bars.entrySet()) {
      long end = Long.parseLong(e.getKey().split("@")[2]);
      assertClose(chunked.bars.get(e.getKey()).values(end), e.getValue().values(end), e.getKey());
    }
  }

  @Property(tries = 10)
  void oneChunkOverEverythingIsTheWholeReplay(@ForAll long seed) {
    Market market = Market.generate(new SplittableRandom(seed));
    Output whole = new Output();
    new SnapshotReplay(PARAMS).replay(EX, SYM, market.events(Long.MIN_VALUE, Long.MAX_VALUE), whole);
    Output one = new Output();
    ChunkContext all =
        new ChunkContext(
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            new Vpin(1.25, PARAMS.vpinWindow()),
            SpreadRegime.NORMAL,
            null,
            Set.of(),
            market.books().get(market.books().size() - 1).captureTs(),
            0);
    new SnapshotReplay(PARAMS)
        .replay(EX, SYM, market.events(Long.MIN_VALUE, Long.MAX_VALUE), all, one);
    assertThat(one.times).isEqualTo(whole.times);
    for (int i = 0; i < whole.rows.size(); i++) {
      assertThat(one.rows.get(i)).as("row %d", i).isEqualTo(whole.rows.get(i));
    }
  }

  @Property(tries = 5)
  void aChunkWhoseRegimeCarryDisagreesWithItsBooksFails(@ForAll long seed) {
    Market market = Market.generate(new SplittableRandom(seed));
    Output whole = new Output();
    new SnapshotReplay(PARAMS).replay(EX, SYM, market.events(Long.MIN_VALUE, Long.MAX_VALUE), whole);
    // The first snapshot starts a run, so the true map sends every state to the last regime.
    byte other = (byte) ((whole.regimes.get(whole.regimes.size() - 1) + 1) % 3);
    MarketEvents all = market.events(Long.MIN_VALUE, Long.MAX_VALUE);
    ChunkContext wrong =
        new ChunkContext(
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            new Vpin(1.25, PARAMS.vpinWindow()),
            SpreadRegime.NORMAL,
            RegimeMap.of(other, other, other),
            Set.of(),
            market.books().get(market.books().size() - 1).captureTs(),
            0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SnapshotReplay(PARAMS).replay(EX, SYM, all, wrong, new Output()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("spread regime's carry");
  }

  /** features.md's tolerance: |x − y| ≤ 1e-9·max(1, |x|, |y|), and nulls coincide. */
  private static void assertClose(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int c = 0; c < expected.length; c++) {
      double x = actual[c];
      double y = expected[c];
      if (Double.isNaN(y) || Double.isNaN(x)) {
        assertThat(x).as("%s column %s (%s vs %s)", what, name(actual.length, c), x, y).isNaN();
        assertThat(y).as("%s column %s (%s vs %s)", what, name(actual.length, c), x, y).isNaN();
        continue;
      }
      double bound = 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
      assertThat(Math.abs(x - y))
          .as("%s column %s: %s vs %s", what, name(actual.length, c), x, y)
          .isLessThanOrEqualTo(bound);
    }
  }

  private static final List<String> HF_COLUMNS = new SnapshotReplay(PARAMS).columns().names();

  /** An hf column's name, or a bar column's. */
  private static String name(int width, int c) {
    return width == HF_COLUMNS.size() ? HF_COLUMNS.get(c) : TimeBarAccumulator.COLUMNS.get(c);
  }

  /** Rows and merged bar partials as a replay hands them on. */
  private static final class Output implements SnapshotReplay.Sink {
    final List<Long> times = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();
    final List<Byte> regimes = new ArrayList<>();
    final Map<String, TimeBarAccumulator> bars = new TreeMap<>();
    private int regimeColumn = -1;

    @Override
    public void rows(FeatureBlock block) {
      if (regimeColumn < 0) {
        regimeColumn = HF_COLUMNS.indexOf("spread_regime");
      }
      for (int i = 0; i < block.size(); i++) {
        times.add(block.time()[i]);
        double[] values = block.row(i).values();
        rows.add(values);
        regimes.add((byte) values[regimeColumn]);
      }
    }

    /** The regime one pass has before the first snapshot at or after t (normal before any). */
    byte regimeBefore(long t) {
      byte regime = SpreadRegime.NORMAL;
      for (int i = 0; i < times.size() && times.get(i) < t; i++) {
        regime = regimes.get(i);
      }
      return regime;
    }

    @Override
    public void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {
      String key = durationSeconds + "@" + barStartMicros + "@" + (barStartMicros + durationSeconds * S);
      TimeBarAccumulator copy = new TimeBarAccumulator();
      copy.merge(partial);
      bars.merge(key, copy, (a, b) -> {
        a.merge(b);
        return a;
      });
    }
  }

  /** A generated market: its raw rows, with every carry's hard case in it. */
  private record Market(List<OrderBookSnapshot> books, List<Trade> trades) {
    static Market generate(SplittableRandom rnd) {
      List<OrderBookSnapshot> books = new ArrayList<>();
      List<Trade> trades = new ArrayList<>();
      long t = 1_767_571_200L * S + rnd.nextLong(3 * S);
      double mid = 100;
      double spread = 0.02;
      int ids = 0;
      // Trades before the first snapshot: all of them are its trades.
      for (int j = 0; j < 3; j++) {
        trades.add(new Trade(EX, SYM, t - 4 * S + j * S, j, FILE_TRADES, trades.size(),
            "t" + ids++, j % 2 == 0, mid, 0.3));
      }
      int n = 300 + rnd.nextInt(300);
      for (int i = 0; i < n; i++) {
        if (rnd.nextDouble() < 0.004) {
          // A book outage of 8 to 20 s, longer than any warm-up, while trades go on: they all
          // belong to the first snapshot after it.
          long end = t + 8 * S + rnd.nextLong(12 * S);
          while (t < end) {
            t += 300_000 + rnd.nextLong(600_000);
            trades.add(new Trade(EX, SYM, t, 7, FILE_TRADES, trades.size(), "t" + ids++,
                rnd.nextBoolean(), mid, 0.05 + rnd.nextDouble() * 0.6));
          }
        }
        // Mostly 50 to 250 ms apart; now and then a gap longer than max_gap (a new run), or the
        // same capture_ts again.
        double u = rnd.nextDouble();
        t += u < 0.03 ? 2 * S + rnd.nextLong(2 * S) : u < 0.08 ? 0 : 50_000 + rnd.nextLong(200_000);
        mid *= Math.exp(0.0005 * (rnd.nextDouble() - 0.5));
        double r = rnd.nextDouble();
        spread = r < 0.05 ? 0.08 : r < 0.1 ? 0.005 : r < 0.4 ? 0.02 : spread;
        OrderBookSnapshot s = book(t, i, mid, spread, rnd, books.size());
        books.add(s);
        if (rnd.nextDouble() < 0.05) {
          // A duplicate: same capture_ts and book, another seq.
          books.add(
              new OrderBookSnapshot(EX, SYM, t, i + 100_000, FILE_BOOK, books.size(),
                  s.bidPrice(), s.bidAmount(), s.askPrice(), s.askAmount()));
        }
        int k = rnd.nextInt(4);
        for (int j = 0; j < k; j++) {
          // Trades up to the next snapshot, some at this snapshot's capture_ts.
          long tt = t + (rnd.nextDouble() < 0.2 ? 0 : rnd.nextLong(50_000));
          String id = rnd.nextDouble() < 0.06 && ids > 0 ? "t" + rnd.nextInt(ids) : "t" + ids++;
          trades.add(
              new Trade(EX, SYM, tt, ids * 10L + j, FILE_TRADES, trades.size(), id,
                  rnd.nextBoolean(), mid + (rnd.nextDouble() - 0.5) * spread,
                  0.05 + rnd.nextDouble() * 0.6));
        }
      }
      return new Market(books, trades);
    }

    private static OrderBookSnapshot book(
        long t, long seq, double mid, double spread, SplittableRandom rnd, long row) {
      int levels = 3;
      double[] bp = new double[levels];
      double[] ba = new double[levels];
      double[] ap = new double[levels];
      double[] aa = new double[levels];
      for (int l = 0; l < levels; l++) {
        bp[l] = Math.round((mid - spread / 2 - l * 0.01) * 1e4) / 1e4;
        ap[l] = Math.round((mid + spread / 2 + l * 0.01) * 1e4) / 1e4;
        ba[l] = 0.1 + rnd.nextInt(40) / 10.0;
        aa[l] = 0.1 + rnd.nextInt(40) / 10.0;
      }
      return new OrderBookSnapshot(EX, SYM, t, seq, FILE_BOOK, row, bp, ba, ap, aa);
    }

    /**
     * The trades whose id an earlier trade in reconstructed order has, found here by sorting the
     * generated trades, apart from the pipeline's grouping by hash.
     */
    Set<ChunkContext.TradePosition> repeats() {
      List<Trade> sorted = new ArrayList<>(trades);
      sorted.sort(
          java.util.Comparator.comparingLong(Trade::captureTs)
              .thenComparingLong(Trade::seq)
              .thenComparingLong(Trade::fileKey)
              .thenComparingLong(Trade::row));
      Set<String> seen = new java.util.HashSet<>();
      Set<ChunkContext.TradePosition> repeats = new java.util.HashSet<>();
      for (Trade x : sorted) {
        if (!seen.add(x.id())) {
          repeats.add(new ChunkContext.TradePosition(x.fileKey(), x.row()));
        }
      }
      return repeats;
    }

    /** The kept trades, as the pipeline reduces them. */
    KeptTrades keptTrades(Set<ChunkContext.TradePosition> repeats) {
      TestEvents e = new TestEvents();
      trades.forEach(e::add);
      List<KeptTrades> parts = new ArrayList<>();
      ChunkPlan onePiece = new ChunkPlan(Long.MAX_VALUE / 4, 0, 0);
      for (var b : e.blocks()) {
        KeptTrades.byChunk(
            (io.microstructure.model.TradeBlock) b, repeats, onePiece, (k, t) -> parts.add(t));
      }
      return KeptTrades.sorted(parts);
    }

    /** The events with capture_ts in [from, to), sorted as the replay takes them. */
    MarketEvents events(long from, long to) {
      TestEvents e = new TestEvents();
      books.stream().filter(b -> b.captureTs() >= from && b.captureTs() < to).forEach(e::add);
      trades.stream().filter(x -> x.captureTs() >= from && x.captureTs() < to).forEach(e::add);
      return e.sorted();
    }

    /** The digests of a chunk's snapshots and of its regime warm-up. */
    SpreadDigests digests(ChunkPlan plan, long c) {
      long from = plan.ownFrom(c) - SpreadDigests.warmUpMicros(PARAMS);
      SpreadDigests d = new SpreadDigests();
      var e = events(from, plan.ownTo(c));
      for (int k = 0; k < e.size(); k++) {
        if (e.isSnapshot(k)) {
          d.add(e.book(k), e.rowInBlock(k));
        }
      }
      return d;
    }

    /** The market's chunks, from the summaries the pipeline makes. */
    MarketChunks chunks(ChunkPlan plan) {
      java.util.TreeSet<Long> withSnapshots = new java.util.TreeSet<>();
      java.util.TreeSet<Long> withEvents = new java.util.TreeSet<>();
      java.util.TreeMap<Long, Long> latest = new java.util.TreeMap<>();
      for (OrderBookSnapshot b : books) {
        withSnapshots.add(plan.chunkOf(b.captureTs()));
        latest.merge(plan.sliceOf(b.captureTs()), b.captureTs(), Math::max);
      }
      trades.forEach(t -> withEvents.add(plan.chunkOf(t.captureTs())));
      return MarketChunks.of(plan, withSnapshots, withEvents, latest, trades.size());
    }
  }
}
