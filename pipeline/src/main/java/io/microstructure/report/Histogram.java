package io.microstructure.report;

import java.util.Arrays;

/**
 * Counts of a column's values in equal-width bins over [lo, hi]: bin i holds lo + i·w <= v <
 * lo + (i+1)·w, the last bin also v = hi. Values outside the range are counted apart (below,
 * above), NaN (null) as missing. {@link #robust} takes the range from the 0.5 % and 99.5 %
 * quantiles, so that a few extreme values (an OFI burst) do not squeeze the rest into one bin.
 */
public record Histogram(double lo, double hi, long[] counts, long below, long above, long missing) {
  public static final double TAIL = 0.005;

  public Histogram {
    counts = counts.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public int bins() {
    return counts.length;
  }

  public double width() {
    return (hi - lo) / counts.length;
  }

  public double binStart(int i) {
    return lo + i * width();
  }

  public double binEnd(int i) {
    return i == counts.length - 1 ? hi : lo + (i + 1) * width();
  }

  /** Values counted in a bin (not below, above or missing). */
  public long inRange() {
    return Arrays.stream(counts).sum();
  }

  /**
   * Bins of {@code values} over [lo, hi]. When lo == hi every value equal to it lands in one bin
   * (of width 0) and the other bins stay empty.
   */
  public static Histogram of(double[] values, int bins, double lo, double hi) {
    if (bins < 1 || !(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("bins " + bins + " over [" + lo + ", " + hi + "]");
    }
    long[] counts = new long[bins];
    long below = 0;
    long above = 0;
    long missing = 0;
    double w = (hi - lo) / bins;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      } else if (v < lo) {
        below++;
      } else if (v > hi) {
        above++;
      } else if (w == 0) {
        counts[0]++;
      } else {
        int b = (int) Math.floor((v - lo) / w);
        counts[Math.min(Math.max(b, 0), bins - 1)]++;
      }
    }
    return new Histogram(lo, hi, counts, below, above, missing);
  }

  /** Bins over the 0.5 %..99.5 % quantile range of the finite values; null when there are none. */
  public static Histogram robust(double[] values, int bins) {
    double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      return null;
    }
    double lo = quantile(finite, TAIL);
    double hi = quantile(finite, 1 - TAIL);
    return of(values, bins, lo, hi);
  }

  /** The q-quantile of sorted values, interpolated linearly between order statistics (type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int i = (int) Math.floor(h);
    if (i + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && h.lo == lo
        && h.hi == hi
        && Arrays.equals(h.counts, counts)
        && h.below == below
        && h.above == above
        && h.missing == missing;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Double.hashCode(lo) + 7 * Double.hashCode(hi);
  }

  @Override
  public String toString() {
    return "Histogram[" + lo + ".." + hi + ", " + Arrays.toString(counts) + ", below " + below
        + ", above " + above + ", missing " + missing + "]";
  }
}
