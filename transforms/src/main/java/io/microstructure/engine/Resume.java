package io.microstructure.engine;

import io.microstructure.model.MarketKey;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where an incremental run starts computing, and what each market carries in from before that
 * point ({@link MarketCarry}). The run owns the chunks from {@link #from()} on: it reads earlier
 * events only as warm-up and writes no row before it. At its end it records the carries at its
 * resume points: the next run's ({@link #next}), where rows may still change once later data
 * comes (the longest forward horizon before the last snapshot), and every UTC midnight up to it,
 * where a later correction of old input can restart.
 *
 * <p>Resume points are multiples of {@link #alignMicros()}: whole chunks and whole time bars of
 * every duration, so no chunk and no bar straddles one.
 */
public final class Resume implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY = 86_400_000_000L;

  private final long from;
  private final long alignMicros;
  private final TreeMap<MarketKey, MarketCarry> carries;

  private Resume(long from, long alignMicros, Map<MarketKey, MarketCarry> carries) {
    if (!dividesADay(alignMicros)) {
      throw new IllegalArgumentException(
          "resume points must divide a day, got " + alignMicros + " µs");
    }
    if (from != Long.MIN_VALUE && Math.floorMod(from, alignMicros) != 0) {
      throw new IllegalArgumentException("resume point " + from + " is not aligned");
    }
    this.from = from;
    this.alignMicros = alignMicros;
    this.carries = new TreeMap<>(carries);
  }

  /** A first run: everything computed, nothing carried in. */
  public static Resume fromScratch(long alignMicros) {
    return new Resume(Long.MIN_VALUE, alignMicros, Map.of());
  }

  /** A run resuming at {@code from} with these carries. */
  public static Resume at(long from, long alignMicros, Map<MarketKey, MarketCarry> carries) {
    return new Resume(from, alignMicros, carries);
  }

  /** Whether resume points this far apart fall on every UTC midnight, as runs record them. */
  public static boolean dividesADay(long alignMicros) {
    return alignMicros > 0 && DAY % alignMicros == 0;
  }

  /** The alignment of resume points for chunks of this size and bars of these durations. */
  public static long alignment(long chunkMicros, long[] barDurationsSeconds) {
    long a = chunkMicros;
    for (long d : barDurationsSeconds) {
      a = lcm(a, d * 1_000_000L);
    }
    return a;
  }

  private static long lcm(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }

  /** The first instant the run computes; {@code Long.MIN_VALUE}: from the beginning. */
  public long from() {
    return from;
  }

  public boolean fromScratch() {
    return from == Long.MIN_VALUE;
  }

  public long alignMicros() {
    return alignMicros;
  }

  /** The first chunk the run replays and writes. */
  public long firstOwnChunk(ChunkPlan plan) {
    return fromScratch() ? Long.MIN_VALUE : plan.chunkOf(from);
  }

  /** The carry of a market at {@link #from()}; an empty one when none was recorded. */
  public MarketCarry carry(MarketKey market) {
    MarketCarry c = carries.get(market);
    return c != null ? c.copy() : new MarketCarry();
  }

  public Map<MarketKey, MarketCarry> carries() {
    return carries;
  }

  /**
   * The next run's resume point: the longest look-ahead before the input's last snapshot, aligned
   * down; never before this run's own start (rows before it were complete already).
   */
  public long next(long lastSnapshot, long lookAheadMicros) {
    if (lastSnapshot == Long.MIN_VALUE) {
      return from;
    }
    long p = Math.floorDiv(lastSnapshot - lookAheadMicros, alignMicros) * alignMicros;
    return fromScratch() ? p : Math.max(from, p);
  }

  /**
   * The points at which this run records carries: every UTC midnight after its start (or after
   * {@code firstEvent} on a first run) up to {@code next}, every aligned point of the last day
   * before {@code next} (where late data usually lands), and {@code next}.
   */
  public TreeSet<Long> recordedPoints(long firstEvent, long lastSnapshot, long lookAheadMicros) {
    TreeSet<Long> points = new TreeSet<>();
    long next = next(lastSnapshot, lookAheadMicros);
    if (next == Long.MIN_VALUE) {
      return points;
    }
    long start = fromScratch() ? firstEvent : from;
    for (long d = Math.floorDiv(start, DAY) * DAY + DAY; d <= next; d += DAY) {
      points.add(d);
    }
    for (long p = Math.max(next - DAY, start - Math.floorMod(start, alignMicros) + alignMicros);
        p < next;
        p += alignMicros) {
      points.add(p);
    }
    points.add(next);
    return points;
  }

  /**
   * The points this run records carries at, from what it found of every market: the first
   * chunk it replays and the last snapshot ({@link #recordedPoints(long, long, long)}).
   */
  public TreeSet<Long> recordedPoints(
      java.util.Collection<MarketChunks> markets, long lookAheadMicros) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (MarketChunks m : markets) {
      if (!m.chunks().isEmpty()) {
        first = Math.min(first, m.plan().ownFrom(m.chunks().first()));
      }
      last = Math.max(last, m.lastSnapshot());
    }
    return recordedPoints(first, last, lookAheadMicros);
  }

  /** The largest of {@code points} and {@link #from()} at or before {@code t}. */
  public static long pointAtOrBefore(TreeSet<Long> points, long from, long t) {
    Long p = points.floor(t);
    return p != null ? p : from;
  }
}
