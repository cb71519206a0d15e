package io.microstructure.features;

import java.io.Serializable;

/**
 * Volume-synchronised probability of informed trading (features.md, "Trade-aligned": {@code vpin}).
 * Trades, in reconstructed order, fill buckets of exactly {@code bucketVolume}; each trade's taker
 * side classifies its whole amount; a trade that overflows the open bucket is split pro rata and
 * its remainder goes to the next bucket(s). Per bucket {@code x = |buy − sell| / bucketVolume};
 * {@link #value()} is the mean x of the last {@code window} complete buckets. Buckets run over all
 * of a key's trades: runs do not reset them.
 *
 * <p>Decisions where the spec is silent:
 *
 * <ul>
 *   <li>A bucket is complete once its volume is within {@code 1e-9·bucketVolume} of the bucket
 *       size, so float shortfalls (ten trades of 0.1 summing to 0.9999999999999999) do not delay a
 *       bucket by a trade; the shortfall is not carried into the next bucket.
 *   <li>x is capped at 1: only rounding in the side sums can push it above.
 *   <li>A bucket volume that is not finite and &gt; 0 disables the feature: {@link #value()} is
 *       always NaN. Trades with an amount that is not &gt; 0 are ignored.
 *   <li>A single trade worth more than {@code window + 1} whole buckets skips the buckets that
 *       would be pushed out of the window anyway (they are still counted), so a misconfigured tiny
 *       bucket volume cannot stall the pipeline.
 * </ul>
 *
 * <p>{@link #value()} is O(1); the window sum is recomputed from the ring only when a bucket
 * completes (exact, no drift). Mutable, one instance per key, not thread-safe.
 */
public final class Vpin implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Relative completion tolerance of a bucket. */
  static final double COMPLETION_TOLERANCE = 1e-9;

  private static final double BUCKETS_PER_HOUR = 50;
  private static final double MICROS_PER_HOUR = 3_600_000_000.0;

  private final double bucketVolume;
  private final boolean enabled;
  private final double slack;
  private final int window;
  private final double[] ring;
  private int next;
  private long completed;
  private double openBuy;
  private double openSell;
  private double openVolume;
  private double completedVolume;
  private double value = Double.NaN;

  public Vpin(double bucketVolume, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("vpin window must be >= 1, got " + window);
    }
    this.bucketVolume = bucketVolume;
    this.enabled = bucketVolume > 0 && Double.isFinite(bucketVolume);
    this.slack = enabled ? COMPLETION_TOLERANCE * bucketVolume : 0;
    this.window = window;
    this.ring = new double[window];
  }

  /**
   * The spec's default bucket volume: {@code total / (50 × span hours)}, span from the first to the
   * last trade's capture_ts, one hour when the span is 0. NaN when {@code totalBaseVolume} is not
   * finite and &gt; 0.
   *
   * @throws IllegalArgumentException when {@code lastTradeMicros < firstTradeMicros}
   */
  public static double defaultBucketVolume(
      double totalBaseVolume, long firstTradeMicros, long lastTradeMicros) {
    if (lastTradeMicros < firstTradeMicros) {
      throw new IllegalArgumentException(
          "last trade " + lastTradeMicros + " before first trade " + firstTradeMicros);
    }
    if (!(totalBaseVolume > 0) || !Double.isFinite(totalBaseVolume)) {
      return Double.NaN;
    }
    long span = lastTradeMicros - firstTradeMicros;
    double hours = span == 0 ? 1 : span / MICROS_PER_HOUR;
    return totalBaseVolume / (BUCKETS_PER_HOUR * hours);
  }

  /** The bucket volume, pinned for the market's life. */
  public double bucketVolume() {
    return bucketVolume;
  }

  /** A copy, to continue from this state elsewhere (a chunk of the market). */
  public Vpin copy() {
    Vpin c = new Vpin(bucketVolume, window);
    System.arraycopy(ring, 0, c.ring, 0, window);
    c.next = next;
    c.completed = completed;
    c.openBuy = openBuy;
    c.openSell = openSell;
    c.openVolume = openVolume;
    c.completedVolume = completedVolume;
    c.value = value;
    return c;
  }

  /** The next trade in reconstructed order; {@code buy} is the taker's side. */
  public void add(boolean buy, double amount) {
    if (!enabled || !(amount > 0)) {
      return;
    }
    double rem = amount;
    while (true) {
      double space = bucketVolume - openVolume;
      if (rem < space - slack) {
        put(buy, rem);
        return;
      }
      double take = Math.min(rem, space);
      put(buy, take);
      completeBucket();
      rem -= take;
      if (!(rem > 0)) {
        return;
      }
      rem -= skipWholeBuckets(rem);
    }
  }

  /**
   * After a completion the open bucket is empty; if {@code rem} still fills more than {@code window
   * + 1} buckets, the earliest of them would leave the ring before it is ever read, so only their
   * count and volume are recorded. Leaves over {@code window} whole buckets to the loop, which then
   * overwrites the whole ring with this trade's x = 1. Returns the skipped volume.
   */
  private double skipWholeBuckets(double rem) {
    double whole = Math.floor(rem / bucketVolume);
    if (!(whole > window + 1)) {
      return 0;
    }
    double skip = whole - window - 1;
    double skipped = skip * bucketVolume;
    completed += (long) skip;
    completedVolume += skipped;
    return skipped;
  }

  private void put(boolean buy, double v) {
    if (buy) {
      openBuy += v;
    } else {
      openSell += v;
    }
    openVolume += v;
  }

  private void completeBucket() {
    ring[next] = Math.min(1.0, Math.abs(openBuy - openSell) / bucketVolume);
    next = next + 1 == window ? 0 : next + 1;
    completed++;
    completedVolume += openVolume;
    openBuy = 0;
    openSell = 0;
    openVolume = 0;
    if (completed >= window) {
      // Oldest to newest, recomputed from scratch: no drift from add/subtract updates.
      double sum = 0;
      for (int i = 0, j = next; i < window; i++, j = j + 1 == window ? 0 : j + 1) {
        sum += ring[j];
      }
      value = sum / window;
    }
  }

  /** Mean x of the last {@code window} complete buckets; NaN until that many are complete. */
  /** The column of {@link #value()}. */
  public static FeatureColumn column() {
    return FeatureColumn.ofDouble("vpin");
  }

  public double value() {
    return value;
  }

  public long completedBuckets() {
    return completed;
  }

  /** Volume in the open (incomplete) bucket; for tests. */
  double openBucketVolume() {
    return openVolume;
  }

  /** Total volume of the completed buckets; for tests. */
  double completedVolume() {
    return completedVolume;
  }
}
