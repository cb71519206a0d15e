package io.microstructure.report;

import java.util.Arrays;

/**
 * Thins a time series for a chart {@code buckets} pixels wide: per bucket of equal time it keeps
 * the minimum and the maximum (in time order), which draws the same envelope as every point would
 * at that width. A break (a capture gap) ends the line: a NaN point is put before the first point
 * after it, so the chart does not join the two sides. NaN values are left out.
 */
public final class MinMaxDownsampler {
  /** The points kept: times (epoch µs) and values, NaN values marking breaks. */
  public record Series(long[] times, double[] values) {
    public int size() {
      return times.length;
    }
  }

  private MinMaxDownsampler() {}

  /**
   * @param times ascending epoch µs
   * @param breakBefore rows that start a new segment (true at a capture gap); null for none
   */
  public static Series downsample(long[] times, double[] values, boolean[] breakBefore, int buckets) {
    int n = times.length;
    long[] outT = new long[Math.min(n, 2 * buckets) + 2 * Math.max(0, count(breakBefore)) + 2];
    double[] outV = new double[outT.length];
    if (n == 0) {
      return new Series(new long[0], new double[0]);
    }
    long t0 = times[0];
    double span = Math.max(1, times[n - 1] - t0);
    int k = 0;
    int bucket = -1;
    int min = -1;
    int max = -1;
    boolean pendingBreak = false;
    for (int i = 0; i <= n; i++) {
      boolean flush = i == n;
      int b = 0;
      boolean brk = false;
      if (!flush) {
        b = (int) Math.min(buckets - 1, (long) ((times[i] - t0) / span * buckets));
        brk = breakBefore != null && breakBefore[i] && i > 0;
        flush = b != bucket || brk;
      }
      if (flush && min >= 0) {
        int first = Math.min(min, max);
        int second = Math.max(min, max);
        outT = ensure(outT, k + 3);
        outV = ensure(outV, k + 3);
        if (pendingBreak) {
          outT[k] = times[first];
          outV[k++] = Double.NaN;
          pendingBreak = false;
        }
        outT[k] = times[first];
        outV[k++] = values[first];
        if (second != first) {
          outT[k] = times[second];
          outV[k++] = values[second];
        }
        min = -1;
        max = -1;
      }
      if (i == n) {
        break;
      }
      if (brk) {
        pendingBreak = k > 0;
      }
      bucket = b;
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      if (min < 0 || v < values[min]) {
        min = i;
      }
      if (max < 0 || v > values[max]) {
        max = i;
      }
    }
    return new Series(Arrays.copyOf(outT, k), Arrays.copyOf(outV, k));
  }

  private static int count(boolean[] b) {
    int c = 0;
    if (b != null) {
      for (boolean x : b) {
        if (x) {
          c++;
        }
      }
    }
    return c;
  }

  private static long[] ensure(long[] a, int size) {
    return a.length >= size ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
  }

  private static double[] ensure(double[] a, int size) {
    return a.length >= size ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
  }
}
