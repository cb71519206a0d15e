package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Routing events to chunk contexts, against the contexts' definition applied to every chunk. */
class MarketChunksTest {
  private static final long S = 1_000_000L;

  @Test
  void contextsStartAtTheLastSnapshotBeforeTheWarmUp() {
    // Chunks of 10 s, warm-up 3 s, look-ahead 2 s; snapshots at 1, 5, 9, 31 and 45 s.
    ChunkPlan plan = new ChunkPlan(10 * S, 3 * S, 2 * S);
    MarketChunks m = chunks(plan, 1 * S, 5 * S, 9 * S, 31 * S, 45 * S);
    assertThat(m.chunks()).containsExactly(0L, 3L, 4L);
    // Chunk 0: nothing before it, so the market's beginning (earlier trades are the first
    // snapshot's). Chunk 3 ([30, 40)): warm-up from 27 s, last snapshot before that at 9 s.
    // Chunk 4: warm-up from 37 s, last snapshot before at 31 s.
    assertThat(m.contextStart(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(m.contextStart(3)).isEqualTo(9 * S);
    assertThat(m.contextStart(4)).isEqualTo(31 * S);
    assertThat(m.lastSnapshot()).isEqualTo(45 * S);
    assertThat(routed(m, 20 * S)).containsExactly(3L); // in the gap: the next chunk's context
    assertThat(routed(m, 11 * S)).containsExactly(0L, 3L); // chunk 0's look-ahead, then chunk 3
    assertThat(routed(m, -50 * S)).containsExactly(0L); // a trade before everything
    assertThat(routed(m, 38 * S)).containsExactly(3L, 4L);
  }

  @Test
  void aChunkWithoutSnapshotsReadsOnlyItsWarmUpAndItself() {
    // As above, with trades alone in chunks 1 ([10, 20)) and 6 ([60, 70)), after the last
    // snapshot: neither reaches back to the market's beginning or to a snapshot, nor ahead.
    ChunkPlan plan = new ChunkPlan(10 * S, 3 * S, 2 * S);
    MarketChunks m = chunks(plan, new TreeSet<>(List.of(1L, 6L)), 1 * S, 5 * S, 9 * S, 31 * S, 45 * S);
    assertThat(m.chunks()).containsExactly(0L, 1L, 3L, 4L, 6L);
    assertThat(m.hasSnapshots(1)).isFalse();
    assertThat(m.contextStart(1)).isEqualTo(7 * S);
    assertThat(m.contextEnd(1)).isEqualTo(20 * S);
    assertThat(m.contextStart(6)).isEqualTo(57 * S);
    assertThat(routed(m, 8 * S)).containsExactly(0L, 1L); // chunk 1's warm-up
    assertThat(routed(m, 21 * S)).containsExactly(3L); // past chunk 1: no look-ahead
    assertThat(routed(m, 56 * S)).isEmpty(); // before chunk 6's warm-up, after chunk 4's end
    assertThat(routed(m, -50 * S)).containsExactly(0L);
  }

  @Property(tries = 300)
  void routingHandsEachEventToExactlyTheContextsHoldingIt(
      @ForAll long seed,
      @ForAll @LongRange(min = 1, max = 20) long sizeS,
      @ForAll @LongRange(min = 0, max = 30) long warmUpS,
      @ForAll @LongRange(min = 0, max = 15) long lookAheadS) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ChunkPlan plan = new ChunkPlan(sizeS * S, warmUpS * S, lookAheadS * S);
    long[] snapshots = new long[1 + rnd.nextInt(40)];
    long t = rnd.nextLong(-100 * S, 100 * S);
    for (int i = 0; i < snapshots.length; i++) {
      t += rnd.nextDouble() < 0.1 ? rnd.nextLong(60 * S) : rnd.nextLong(3 * S);
      snapshots[i] = t;
    }
    // Trades or ticker updates alone in some chunks, before, between and after the snapshots.
    TreeSet<Long> others = new TreeSet<>();
    for (int i = rnd.nextInt(10); i > 0; i--) {
      others.add(plan.chunkOf(rnd.nextLong(snapshots[0] - 80 * S, t + 80 * S)));
    }
    MarketChunks m = chunks(plan, others, snapshots);
    for (int e = 0; e < 200; e++) {
      long ts = rnd.nextLong(snapshots[0] - 80 * S, t + 80 * S);
      List<Long> expected = new ArrayList<>();
      for (long c : m.chunks()) {
        // A chunk with snapshots reads from the last one before its warm-up to its look-ahead's
        // end; one without, its warm-up and itself.
        boolean book = m.hasSnapshots(c);
        long start = book ? plan.contextStart(c, lastBefore(snapshots, plan.warmUpStart(c)))
            : plan.warmUpStart(c);
        long end = book ? plan.contextEnd(c) : plan.ownTo(c);
        if (start <= ts && ts < end) {
          expected.add(c);
        }
      }
      assertThat(routed(m, ts)).as("event at %d", ts).isEqualTo(expected);
    }
  }

  private static List<Long> routed(MarketChunks m, long ts) {
    List<Long> out = new ArrayList<>();
    m.chunksOf(ts, out::add);
    return out;
  }

  /** The last of these times before {@code t}; MIN_VALUE when none is. */
  private static long lastBefore(long[] times, long t) {
    long last = Long.MIN_VALUE;
    for (long x : times) {
      if (x < t) {
        last = Math.max(last, x);
      }
    }
    return last;
  }

  /** The market's chunks from its snapshot times, as the pipeline's two summaries give them. */
  private static MarketChunks chunks(ChunkPlan plan, long... snapshots) {
    return chunks(plan, new TreeSet<>(), snapshots);
  }

  /** The same with chunks that have other events only. */
  private static MarketChunks chunks(ChunkPlan plan, TreeSet<Long> others, long... snapshots) {
    TreeSet<Long> withSnapshots = new TreeSet<>();
    TreeMap<Long, Long> latest = new TreeMap<>();
    for (long ts : snapshots) {
      withSnapshots.add(plan.chunkOf(ts));
      latest.merge(plan.sliceOf(ts), ts, Math::max);
    }
    TreeSet<Long> withEvents = new TreeSet<>(others);
    withEvents.addAll(withSnapshots);
    return MarketChunks.of(plan, withSnapshots, withEvents, latest, 0);
  }
}
