package io.microstructure.features;

import java.util.Arrays;

/**
 * Slides a trailing time window over one key's series with the "two stacks" scheme, so that nothing
 * is ever subtracted. The window of element i is the elements m ≤ i with ts[m] > ts[i] − H. It is
 * split into a front segment whose suffix aggregates were precomputed when it was formed and a back
 * segment with one running aggregate; when the window start passes the front's end, the live part
 * of the back becomes the new front. Each element is merged O(1) times amortised and no aggregate
 * spans more than one window, so rounding error cannot build up across a day.
 *
 * <p>The statistics themselves are an {@link Aggregate}: a fixed number of double slots, all zero
 * for the empty aggregate, and an associative merge. Not thread-safe: the scratch buffers are
 * reused across calls and only grow.
 */
final class TwoStackWindow {

  /** The algebra of one family of window statistics over {@code stride} double slots. */
  interface Aggregate {
    /** Writes element i as a one-element aggregate at {@code dst[off .. off + stride)}. */
    void load(int i, double[] dst, int off);

    /** dst = a ⊕ b, a holding earlier elements than b; dst may alias a or b. */
    void merge(double[] a, int ao, double[] b, int bo, double[] dst, int d);

    /** Receives the aggregate of element i's window at {@code w[0 .. stride)}. */
    void emit(double[] w, int i);
  }

  private final int stride;
  // suffix[(k − frontBase)·stride ..] = aggregate of elements [k, frontEnd); grows, never shrinks.
  private double[] suffix = new double[0];
  private final double[] back;
  private final double[] elem;
  private final double[] window;
  // Where the current series stands: the next element to emit, the window's first element, the
  // front segment [lo, frontEnd) held as suffix aggregates from frontBase on.
  private long horizonMicros;
  private int next;
  private int lo;
  private int frontBase;
  private int frontEnd;

  TwoStackWindow(int stride) {
    this.stride = stride;
    this.back = new double[stride];
    this.elem = new double[stride];
    this.window = new double[stride];
  }

  /**
   * Calls {@code agg.emit} for i = 0 .. n−1 in order, with the aggregate of the elements m ≤ i with
   * {@code ts[m] > ts[i] − horizonMicros}; ts must be non-decreasing.
   *
   * @throws IllegalArgumentException when {@code horizonMicros <= 0}
   */
  void slide(int n, long[] ts, long horizonMicros, Aggregate agg) {
    start(horizonMicros);
    slideTo(n, ts, agg);
  }

  /**
   * Starts a series: the next {@link #slideTo} emits from element 0 on.
   *
   * @throws IllegalArgumentException when {@code horizonMicros <= 0}
   */
  void start(long horizonMicros) {
    if (horizonMicros <= 0) {
      throw new IllegalArgumentException("horizon must be > 0");
    }
    this.horizonMicros = horizonMicros;
    next = 0;
    lo = 0;
    frontBase = 0;
    frontEnd = 0;
    Arrays.fill(back, 0.0);
  }

  /**
   * Emits the windows of the elements from where the previous call stopped up to {@code to − 1}:
   * one series slid in pieces gives exactly the values of one {@link #slide}.
   */
  void slideTo(int to, long[] ts, Aggregate agg) {
    final int s = stride;
    for (int i = next; i < to; i++) {
      agg.load(i, elem, 0);
      agg.merge(back, 0, elem, 0, back, 0);
      long start = ts[i] - horizonMicros; // exclusive
      while (ts[lo] <= start) {
        lo++;
      }
      if (lo >= frontEnd) {
        // Front exhausted: the live part of the back, [lo, i], becomes the new front.
        ensureSuffixCapacity(i - lo + 1);
        frontBase = lo;
        frontEnd = i + 1;
        agg.load(i, suffix, (i - frontBase) * s);
        for (int k = i - 1; k >= lo; k--) {
          int off = (k - frontBase) * s;
          agg.load(k, elem, 0);
          agg.merge(elem, 0, suffix, off + s, suffix, off);
        }
        Arrays.fill(back, 0.0);
      }
      agg.merge(suffix, (lo - frontBase) * s, back, 0, window, 0);
      agg.emit(window, i);
    }
    next = Math.max(next, to);
  }

  private void ensureSuffixCapacity(int elements) {
    int needed = elements * stride;
    if (suffix.length < needed) {
      // Doubling keeps reallocation amortised; on int overflow max() falls back to needed.
      suffix = new double[Math.max(needed, 2 * suffix.length)];
    }
  }

  /**
   * Neumaier-merges the compensated sums at {@code a[ai], b[bi]} into {@code dst[di]}, each a (sum,
   * compensation) pair of slots whose value is sum + compensation; dst may alias a or b.
   */
  static void mergeSum(double[] a, int ai, double[] b, int bi, double[] dst, int di) {
    double sa = a[ai];
    double sb = b[bi];
    double c = a[ai + 1] + b[bi + 1];
    double t = sa + sb;
    // The rounding error of sa + sb goes into the compensation term.
    if (Math.abs(sa) >= Math.abs(sb)) {
      c += (sa - t) + sb;
    } else {
      c += (sb - t) + sa;
    }
    dst[di] = t;
    dst[di + 1] = c;
  }
}
