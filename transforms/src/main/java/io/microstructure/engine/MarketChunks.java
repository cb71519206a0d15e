package io.microstructure.engine;

import java.io.Serializable;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The chunks of one market that have snapshots of their own (the others have no rows to make), and
 * where each one's context starts ({@link ChunkPlan}). Built from two small summaries of the
 * market's snapshots: which chunks have any, and the latest snapshot time per slice.
 */
public final class MarketChunks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ChunkPlan plan;
  // Replayed chunk → the market's last snapshot time before its warm-up start (MIN_VALUE: none).
  private final TreeMap<Long, Long> lastSnapshotBefore = new TreeMap<>();
  private final long lastSnapshot;

  private MarketChunks(ChunkPlan plan, long lastSnapshot) {
    this.plan = plan;
    this.lastSnapshot = lastSnapshot;
  }

  /**
   * @param chunksWithSnapshots the chunks owning at least one snapshot
   * @param latestPerSlice per {@link ChunkPlan#sliceOf slice}, its latest snapshot time
   */
  public static MarketChunks of(
      ChunkPlan plan, SortedSet<Long> chunksWithSnapshots, NavigableMap<Long, Long> latestPerSlice) {
    long last = Long.MIN_VALUE;
    for (long t : latestPerSlice.values()) {
      last = Math.max(last, t);
    }
    MarketChunks m = new MarketChunks(plan, last);
    long before = Long.MIN_VALUE;
    var slices = latestPerSlice.entrySet().iterator();
    Map.Entry<Long, Long> slice = slices.hasNext() ? slices.next() : null;
    for (long c : chunksWithSnapshots) {
      // Slices before c end before c's warm-up start.
      while (slice != null && slice.getKey() < c) {
        before = Math.max(before, slice.getValue());
        slice = slices.hasNext() ? slices.next() : null;
      }
      m.lastSnapshotBefore.put(c, before);
    }
    return m;
  }

  public ChunkPlan plan() {
    return plan;
  }

  /** The replayed chunks, in time order. */
  public Iterable<Long> chunks() {
    return lastSnapshotBefore.keySet();
  }

  /** Whether the chunk has snapshots of its own (only those are replayed). */
  public boolean isReplayed(long chunk) {
    return lastSnapshotBefore.containsKey(chunk);
  }

  /** The market's last snapshot time: forward labels end there. */
  public long lastSnapshot() {
    return lastSnapshot;
  }

  /** Where a replayed chunk's context starts, inclusive. */
  public long contextStart(long chunk) {
    Long before = lastSnapshotBefore.get(chunk);
    if (before == null) {
      throw new IllegalArgumentException("chunk " + chunk + " has no snapshots");
    }
    return plan.contextStart(chunk, before);
  }

  /** Hands {@code out} every replayed chunk whose context holds an event of this capture_ts. */
  public void chunksOf(long ts, LongConsumer out) {
    long own = plan.chunkOf(ts);
    // Earlier chunks whose look-ahead reaches ts, then its own.
    for (long c : lastSnapshotBefore.subMap(own - lookBackChunks(), true, own, true).keySet()) {
      if (c == own || plan.contextEnd(c) > ts) {
        out.accept(c);
      }
    }
    // Later chunks whose context starts at or before ts: those of its warm-up, then, after a
    // capture gap, those whose last snapshot before their warm-up is at or before ts.
    for (Map.Entry<Long, Long> e : lastSnapshotBefore.tailMap(own, false).entrySet()) {
      long c = e.getKey();
      if (plan.warmUpStart(c) <= ts || e.getValue() <= ts) {
        out.accept(c);
      } else {
        break; // both bounds only grow with c
      }
    }
  }

  private long lookBackChunks() {
    return Math.floorDiv(plan.contextEnd(0) - plan.ownFrom(0) - 1, plan.sizeMicros()) + 1;
  }
}
