package io.microstructure.model;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The capture times a run accepts, both ends included: from {@link #DEFAULT_MIN} (before any crypto
 * market) to a little after the run's wall clock (nothing is captured in the future). A row outside
 * is a dead letter, not a {@code date=1969-12-31} partition. The upper end is fixed once, when the
 * pipeline is built, and travels as an absolute value, so every worker agrees on it.
 */
public final class CaptureTsRange implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default earliest capture time, as the pipeline option takes it. */
  public static final String DEFAULT_MIN_TEXT = "2009-01-01T00:00:00Z";

  public static final Instant DEFAULT_MIN = Instant.parse(DEFAULT_MIN_TEXT);
  public static final long DEFAULT_MAX_AHEAD_HOURS = 24;

  private final long minMicros;
  private final long maxMicros;

  /**
   * How a reason names the upper end: {@code more than 24 h after the run's wall clock} when it was
   * taken from one, so that a re-run gives its dead letters the same reason; else the instant.
   */
  private final String maxText;

  private CaptureTsRange(long minMicros, long maxMicros, String maxText) {
    if (minMicros > maxMicros) {
      throw new IllegalArgumentException(
          "capture_ts range is empty: " + instant(minMicros) + " > " + instant(maxMicros));
    }
    this.minMicros = minMicros;
    this.maxMicros = maxMicros;
    this.maxText = maxText;
  }

  /** [min, max], epoch microseconds. */
  public static CaptureTsRange ofMicros(long minMicros, long maxMicros) {
    return new CaptureTsRange(minMicros, maxMicros, "after " + instant(maxMicros));
  }

  /**
   * [min, now + aheadHours], now taken to the second. Reasons name the upper end by its rule, not
   * its instant, so they do not change from one run to the next.
   */
  public static CaptureTsRange upTo(Instant min, Instant now, long aheadHours) {
    if (aheadHours < 0) {
      throw new IllegalArgumentException("hours ahead must be >= 0, got " + aheadHours);
    }
    Instant max = now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(aheadHours));
    return new CaptureTsRange(
        micros(min), micros(max), "more than " + aheadHours + " h after the run's wall clock");
  }

  /** The default range as of now: for tests and tools that build a reader on their own. */
  public static CaptureTsRange defaults() {
    return upTo(DEFAULT_MIN, Instant.now(), DEFAULT_MAX_AHEAD_HOURS);
  }

  public long minMicros() {
    return minMicros;
  }

  public long maxMicros() {
    return maxMicros;
  }

  /**
   * Why a capture time is outside the range ({@code capture_ts 1969-12-31T23:59:59Z before
   * 2009-01-01T00:00:00Z}, {@code capture_ts 2100-01-01T00:00:00Z more than 24 h after the run's
   * wall clock}), or null when it is inside.
   */
  public String problem(long micros) {
    if (micros < minMicros) {
      return "capture_ts " + instant(micros) + " before " + instant(minMicros);
    }
    if (micros > maxMicros) {
      return "capture_ts " + instant(micros) + " " + maxText;
    }
    return null;
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptureTsRange
        && ((CaptureTsRange) o).minMicros == minMicros
        && ((CaptureTsRange) o).maxMicros == maxMicros;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(minMicros) * 31 + Long.hashCode(maxMicros);
  }

  @Override
  public String toString() {
    return "[" + instant(minMicros) + ", " + instant(maxMicros) + "]";
  }
}
