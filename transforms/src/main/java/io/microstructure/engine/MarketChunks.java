package io.microstructure.engine;

import java.io.Serializable;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The chunks of one market that have events of their own (the others have no rows to make), which
 * of them have snapshots, and where each one's context starts ({@link ChunkPlan}). Built from small
 * summaries of the market's events: which chunks have any, which have snapshots, the latest
 * snapshot time per slice, and the number of trades.
 *
 * <p>A chunk with snapshots replays the order book, so its context starts at the last snapshot
 * before its warm-up. One without (trades or ticker updates only) needs no book: its context is
 * its warm-up, which covers the trades' rolling windows, and the ticker's carry comes apart.
 */
public final class MarketChunks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ChunkPlan plan;
  // Replayed chunk → the market's last snapshot time before its warm-up start (MIN_VALUE: none).
  private final TreeMap<Long, Long> lastSnapshotBefore = new TreeMap<>();
  private final TreeSet<Long> withSnapshots;
  private final long lastSnapshot;
  private final long trades;
  // Per slice, its latest snapshot time: where the context of any chunk, replayed or not, starts.
  private final TreeMap<Long, Long> latestPerSlice;

  private MarketChunks(
      ChunkPlan plan,
      SortedSet<Long> withSnapshots,
      long lastSnapshot,
      long trades,
      NavigableMap<Long, Long> latestPerSlice) {
    this.plan = plan;
    this.withSnapshots = new TreeSet<>(withSnapshots);
    this.lastSnapshot = lastSnapshot;
    this.trades = trades;
    this.latestPerSlice = new TreeMap<>(latestPerSlice);
  }

  /**
   * @param chunksWithSnapshots the chunks owning at least one snapshot
   * @param chunksWithEvents the chunks owning at least one event of any channel
   * @param latestPerSlice per {@link ChunkPlan#sliceOf slice}, its latest snapshot time
   * @param trades the market's trades, repeats included
   */
  public static MarketChunks of(
      ChunkPlan plan,
      SortedSet<Long> chunksWithSnapshots,
      SortedSet<Long> chunksWithEvents,
      NavigableMap<Long, Long> latestPerSlice,
      long trades) {
    return of(plan, chunksWithSnapshots, chunksWithEvents, latestPerSlice, trades, Long.MIN_VALUE);
  }

  /**
   * As above, for a run that owns only the chunks from {@code firstOwnChunk} on (an incremental
   * run): earlier events are read as warm-up only, and their chunks are not replayed.
   */
  public static MarketChunks of(
      ChunkPlan plan,
      SortedSet<Long> chunksWithSnapshots,
      SortedSet<Long> chunksWithEvents,
      NavigableMap<Long, Long> latestPerSlice,
      long trades,
      long firstOwnChunk) {
    long last = Long.MIN_VALUE;
    for (long t : latestPerSlice.values()) {
      last = Math.max(last, t);
    }
    MarketChunks m =
        new MarketChunks(
            plan,
            chunksWithSnapshots.tailSet(firstOwnChunk),
            last,
            trades,
            latestPerSlice);
    long before = Long.MIN_VALUE;
    var slices = latestPerSlice.entrySet().iterator();
    Map.Entry<Long, Long> slice = slices.hasNext() ? slices.next() : null;
    TreeSet<Long> all = new TreeSet<>(chunksWithEvents.tailSet(firstOwnChunk));
    all.addAll(chunksWithSnapshots.tailSet(firstOwnChunk));
    for (long c : all) {
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

  /** The replayed chunks, those with events of their own, in time order. */
  public SortedSet<Long> chunks() {
    return lastSnapshotBefore.navigableKeySet();
  }

  /** Whether the chunk has events of its own (only those are replayed). */
  public boolean isReplayed(long chunk) {
    return lastSnapshotBefore.containsKey(chunk);
  }

  /** Whether the chunk has snapshots of its own, so that its replay makes order-book rows. */
  public boolean hasSnapshots(long chunk) {
    return withSnapshots.contains(chunk);
  }

  /** The market's trades, repeats included. */
  public long trades() {
    return trades;
  }

  /** The market's last snapshot time: forward labels end there. */
  public long lastSnapshot() {
    return lastSnapshot;
  }

  /** Where a replayed chunk's context starts, inclusive. */
  public long contextStart(long chunk) {
    Long before = lastSnapshotBefore.get(chunk);
    if (before == null) {
      throw new IllegalArgumentException("chunk " + chunk + " has no events");
    }
    return hasSnapshots(chunk) ? plan.contextStart(chunk, before) : plan.warmUpStart(chunk);
  }

  /**
   * Where the context of a chunk with snapshots would start, replayed or not: the last snapshot
   * before its warm-up, {@code Long.MIN_VALUE} when there is none (the market's beginning).
   */
  public long bookContextStart(long chunk) {
    Map.Entry<Long, Long> before = latestPerSlice.lowerEntry(chunk);
    return plan.contextStart(chunk, before == null ? Long.MIN_VALUE : before.getValue());
  }

  /** Where a replayed chunk's context ends, exclusive: only the order book looks ahead. */
  public long contextEnd(long chunk) {
    return hasSnapshots(chunk) ? plan.contextEnd(chunk) : plan.ownTo(chunk);
  }

  /**
   * Hands {@code out} every replayed chunk whose context holds an event of this capture_ts: a
   * snapshot or a trade. The look-ahead is only the order book's: a chunk without snapshots gets
   * no later events.
   */
  public void chunksOf(long ts, LongConsumer out) {
    long own = plan.chunkOf(ts);
    // Earlier chunks whose look-ahead reaches ts, then its own.
    for (long c : lastSnapshotBefore.subMap(own - lookBackChunks(), true, own, true).keySet()) {
      if (c == own || (plan.contextEnd(c) > ts && hasSnapshots(c))) {
        out.accept(c);
      }
    }
    // Later chunks whose context starts at or before ts: those of its warm-up, then, after a
    // capture gap, those with snapshots whose last snapshot before their warm-up is at or before
    // ts.
    for (Map.Entry<Long, Long> e : lastSnapshotBefore.tailMap(own, false).entrySet()) {
      long c = e.getKey();
      if (plan.warmUpStart(c) <= ts || (e.getValue() <= ts && hasSnapshots(c))) {
        out.accept(c);
      } else if (plan.warmUpStart(c) > ts && e.getValue() > ts) {
        break; // both bounds only grow with c
      }
    }
  }

  private long lookBackChunks() {
    return Math.floorDiv(plan.contextEnd(0) - plan.ownFrom(0) - 1, plan.sizeMicros()) + 1;
  }
}
