package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The carries that reach across a whole market, made from pieces in any grouping and order, equal
 * one sequential pass: the repeated trade ids ({@link TradeIds}), the kept trades' order ({@link
 * KeptTrades}) and the last ticker update before each chunk ({@link LastTickers}).
 */
class TradeCarriesAlgebraTest {
  private static final String EX = "binance";
  private static final String SYM = "BTC/USDT";
  private static final Comparator<Trade> ORDER =
      Comparator.comparingLong(Trade::captureTs)
          .thenComparingLong(Trade::seq)
          .thenComparingLong(Trade::fileKey)
          .thenComparingLong(Trade::row);

  /** Trades from a few files, ids from a small pool (many repeats), ties in capture_ts. */
  private static List<Trade> trades(SplittableRandom rnd) {
    List<Trade> out = new ArrayList<>();
    int files = 1 + rnd.nextInt(4);
    for (int f = 0; f < files; f++) {
      long t = rnd.nextLong(1_000);
      int n = rnd.nextInt(60);
      for (int r = 0; r < n; r++) {
        t += rnd.nextInt(3); // equal capture_ts now and then
        String id = rnd.nextDouble() < 0.1 ? null : "t" + rnd.nextInt(40);
        out.add(
            new Trade(EX, SYM, t, rnd.nextInt(3), 100 + f, r, id, rnd.nextBoolean(), 100, 1 + r));
      }
    }
    return out;
  }

  /** The trades cut into blocks of one file each, at random rows. */
  private static List<TradeBlock> blocks(List<Trade> trades, SplittableRandom rnd) {
    List<TradeBlock> out = new ArrayList<>();
    Map<Long, TradeBlock.Builder> open = new HashMap<>();
    for (Trade t : trades) {
      open.computeIfAbsent(t.fileKey(), k -> TradeBlock.builder(EX, SYM, k)).add(t);
      if (rnd.nextDouble() < 0.2) {
        out.add(open.remove(t.fileKey()).build());
      }
    }
    open.values().forEach(b -> out.add(b.build()));
    return out;
  }

  @Property(tries = 200)
  void repeatsAreTheTradesAfterTheFirstOfTheirIdInAnyGrouping(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int groups) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Trade> trades = trades(rnd);
    // The sequential pass: in reconstructed order, every id after its first.
    List<Trade> sorted = new ArrayList<>(trades);
    sorted.sort(ORDER);
    Set<String> seen = new HashSet<>();
    Set<ChunkContext.TradePosition> expected = new HashSet<>();
    Map<ChunkContext.TradePosition, Long> expectedTs = new HashMap<>();
    for (Trade t : sorted) {
      if (t.id() != null && !seen.add(t.id())) {
        ChunkContext.TradePosition at = new ChunkContext.TradePosition(t.fileKey(), t.row());
        expected.add(at);
        expectedTs.put(at, t.captureTs());
      }
    }
    // The pipeline's: blocks in any order, ids by hash group, each group on its own.
    List<TradeBlock> blocks = blocks(trades, rnd);
    Collections.shuffle(blocks, new java.util.Random(seed));
    Map<Integer, List<TradeIds>> byGroup = new HashMap<>();
    for (TradeBlock b : blocks) {
      TradeIds.byGroup(b, groups, (g, ids) -> byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(ids));
    }
    Set<ChunkContext.TradePosition> found = new HashSet<>();
    Map<ChunkContext.TradePosition, Long> foundTs = new HashMap<>();
    for (List<TradeIds> group : byGroup.values()) {
      TradeIds.repeats(
          group,
          (t, at) -> {
            assertThat(found.add(at)).as("%s reported once", at).isTrue();
            foundTs.put(at, t);
          });
    }
    assertThat(found).isEqualTo(expected);
    assertThat(foundTs).isEqualTo(expectedTs);
    assertThat(byGroup.size()).isLessThanOrEqualTo(groups);
  }

  @Property(tries = 100)
  void keptTradesAreTheTradesLessRepeatsInReconstructedOrder(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Trade> trades = trades(rnd);
    Set<ChunkContext.TradePosition> repeats = new HashSet<>();
    for (Trade t : trades) {
      if (rnd.nextDouble() < 0.2) {
        repeats.add(new ChunkContext.TradePosition(t.fileKey(), t.row()));
      }
    }
    List<Trade> expected = new ArrayList<>();
    for (Trade t : trades) {
      if (!repeats.contains(new ChunkContext.TradePosition(t.fileKey(), t.row()))) {
        expected.add(t);
      }
    }
    expected.sort(ORDER);
    List<TradeBlock> blocks = blocks(trades, rnd);
    Collections.shuffle(blocks, new java.util.Random(seed));
    List<KeptTrades> parts = new ArrayList<>();
    ChunkPlan plan = new ChunkPlan(1 + rnd.nextInt(50), 0, 0);
    for (TradeBlock b : blocks) {
      KeptTrades.byChunk(b, repeats, plan, (k, t) -> parts.add(t));
    }
    KeptTrades kept = KeptTrades.sorted(parts);
    assertThat(kept.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Trade t = expected.get(i);
      assertThat(kept.ts()[i]).as("ts %d", i).isEqualTo(t.captureTs());
      assertThat(kept.amount()[i]).as("amount %d", i).isEqualTo(t.amount());
      assertThat(kept.buy()[i]).as("side %d", i).isEqualTo(t.buy());
    }
  }

  @Property(tries = 100)
  void theSpillHandsBackEveryChunkInOrderOneAtATime(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int chunkSize) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Trade> trades = trades(rnd);
    ChunkPlan plan = new ChunkPlan(chunkSize, 0, 0);
    List<Trade> expected = new ArrayList<>(trades);
    expected.sort(ORDER);
    // Pieces per (block, chunk), in any order, as the grouping hands them over.
    List<org.apache.beam.sdk.values.KV<Long, KeptTrades>> pieces = new ArrayList<>();
    for (TradeBlock b : blocks(trades, rnd)) {
      KeptTrades.byChunk(b, Set.of(), plan, (k, t) -> pieces.add(org.apache.beam.sdk.values.KV.of(k, t)));
    }
    Collections.shuffle(pieces, new java.util.Random(seed));
    Path spilled;
    try (KeptTradeSpill spill = KeptTradeSpill.of(pieces)) {
      spilled = spill.file();
      for (int pass = 0; pass < 2; pass++) {
        int i = 0;
        long lastChunk = Long.MIN_VALUE;
        for (KeptTrades chunk : spill) {
          assertThat(chunk.size()).isPositive();
          long c = plan.chunkOf(chunk.ts()[0]);
          assertThat(c).as("chunks in order").isGreaterThan(lastChunk);
          lastChunk = c;
          for (int j = 0; j < chunk.size(); j++, i++) {
            Trade t = expected.get(i);
            assertThat(plan.chunkOf(chunk.ts()[j])).as("one chunk at a time").isEqualTo(c);
            assertThat(chunk.ts()[j]).as("ts %d", i).isEqualTo(t.captureTs());
            assertThat(chunk.amount()[j]).as("amount %d", i).isEqualTo(t.amount());
          }
        }
        assertThat(i).as("every trade, pass %d", pass).isEqualTo(expected.size());
      }
      TradeCarries.Totals totals = TradeCarries.Totals.of(spill);
      double volume = 0;
      for (Trade t : expected) {
        volume += t.amount();
      }
      assertThat(totals.volume()).isEqualTo(volume); // the same sum in the same order
      assertThat(totals.count()).isEqualTo(expected.size());
    }
    assertThat(spilled).doesNotExist();
  }

  @Property(tries = 200)
  void lastTickersMergeInAnyOrderToTheSequentialLastBeforeEachChunk(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ChunkPlan plan = new ChunkPlan(10, 0, 0);
    List<TickerUpdate> updates = new ArrayList<>();
    for (int f = 0; f < 1 + rnd.nextInt(3); f++) {
      long t = rnd.nextLong(50);
      for (int r = 0; r < rnd.nextInt(30); r++) {
        t += rnd.nextInt(4);
        double last = rnd.nextDouble() < 0.1 ? Double.NaN : 100 + rnd.nextInt(1000);
        updates.add(
            new TickerUpdate(EX, SYM, t, rnd.nextInt(2), 200 + f, r, 99, 101, last, 1, 1, 0));
      }
    }
    // Pieces of one file each, merged in a random tree.
    List<LastTickers> pieces = new ArrayList<>();
    Map<Long, TickerBlock.Builder> open = new HashMap<>();
    for (TickerUpdate u : updates) {
      open.computeIfAbsent(u.fileKey(), k -> TickerBlock.builder(EX, SYM, k)).add(u);
      if (rnd.nextDouble() < 0.3) {
        pieces.add(LastTickers.of(open.remove(u.fileKey()).build(), plan));
      }
    }
    open.values().forEach(b -> pieces.add(LastTickers.of(b.build(), plan)));
    while (pieces.size() > 1) {
      LastTickers a = pieces.remove(rnd.nextInt(pieces.size()));
      LastTickers b = pieces.remove(rnd.nextInt(pieces.size()));
      pieces.add(a.merge(b));
    }
    LastTickers merged = pieces.isEmpty() ? new LastTickers() : pieces.get(0);

    List<TickerUpdate> sorted = new ArrayList<>(updates);
    sorted.sort(
        Comparator.comparingLong(TickerUpdate::captureTs)
            .thenComparingLong(TickerUpdate::seq)
            .thenComparingLong(TickerUpdate::fileKey)
            .thenComparingLong(TickerUpdate::row));
    for (long chunk = 0; chunk < 20; chunk++) {
      double expected = Double.NaN;
      for (TickerUpdate u : sorted) {
        if (u.captureTs() < plan.ownFrom(chunk)) {
          expected = u.last();
        }
      }
      assertThat(Double.valueOf(merged.lastBefore(chunk)))
          .as("before chunk %d", chunk)
          .isEqualTo(Double.valueOf(expected));
    }
  }
}
