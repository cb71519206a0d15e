package io.microstructure.report;

import java.util.Arrays;

/**
 * The finite values of a column in ascending order (their row indices; ties in row order), sorted
 * once so that the ranks of any subset of rows take one pass instead of a sort: an information
 * coefficient ranks a feature again for every horizon's pairwise-complete rows.
 */
public final class RankOrder {
  private final double[] values;
  private final int[] order;
  private final double[] sorted;

  private RankOrder(double[] values, int[] order, double[] sorted) {
    this.values = values;
    this.order = order;
    this.sorted = sorted;
  }

  /** NaN counts as missing; -0.0 ties with 0.0. */
  public static RankOrder of(double[] column) {
    double[] values = new double[column.length];
    int finite = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = column[i] + 0.0; // -0.0 + 0.0 is 0.0: equal numbers must tie
      if (!Double.isNaN(values[i])) {
        finite++;
      }
    }
    long[] keys = new long[finite];
    int[] order = new int[finite];
    int k = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        keys[k] = sortable(values[i]);
        order[k++] = i;
      }
    }
    radixSort(keys, order);
    double[] sorted = new double[finite];
    for (int r = 0; r < finite; r++) {
      sorted[r] = values[order[r]];
    }
    return new RankOrder(values, order, sorted);
  }

  /** A long whose signed order is the double's numeric order (IEEE bits, negatives flipped). */
  private static long sortable(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  private static final int DIGIT = 11;
  private static final int BUCKETS = 1 << DIGIT;

  /**
   * Sorts {@code keys} as signed longs, carrying {@code payload} along; stable (LSD radix sort on
   * 11-bit digits, the top digit sign-flipped). Linear in the length: a feature column is sorted
   * once per market and IC table, so this is most of the table's cost. A digit that every key
   * shares (the exponent bits of a column of similar numbers) costs a count and no move.
   */
  static void radixSort(long[] keys, int[] payload) {
    int n = keys.length;
    long[] k2 = new long[n];
    int[] p2 = new int[n];
    int[] count = new int[BUCKETS + 1];
    for (int shift = 0; shift < 64; shift += DIGIT) {
      java.util.Arrays.fill(count, 0);
      boolean top = shift + DIGIT >= 64;
      for (long key : keys) {
        count[digit(key, shift, top) + 1]++;
      }
      boolean trivial = false;
      for (int b = 1; b <= BUCKETS; b++) {
        if (count[b] == n) {
          trivial = true;
          break;
        }
      }
      if (trivial) {
        continue;
      }
      for (int b = 0; b < BUCKETS; b++) {
        count[b + 1] += count[b];
      }
      for (int i = 0; i < n; i++) {
        int at = count[digit(keys[i], shift, top)]++;
        k2[at] = keys[i];
        p2[at] = payload[i];
      }
      System.arraycopy(k2, 0, keys, 0, n);
      System.arraycopy(p2, 0, payload, 0, n);
    }
  }

  private static int digit(long key, int shift, boolean top) {
    long d = key >>> shift;
    if (top) {
      d ^= 1L << (63 - shift); // the sign bit: negatives first
    }
    return (int) (d & (BUCKETS - 1));
  }

  public int length() {
    return values.length;
  }

  public double value(int row) {
    return values[row];
  }

  /**
   * Ranks 1..m of the rows where {@code keep} is true (all of them finite values of this column),
   * ties getting the average of the ranks they span; NaN elsewhere.
   */
  public double[] ranks(boolean[] keep) {
    double[] ranks = new double[values.length];
    Arrays.fill(ranks, Double.NaN);
    int rank = 0; // ranks given so far
    int i = 0;
    while (i < order.length) {
      int j = i;
      int kept = 0;
      while (j < order.length && sorted[j] == sorted[i]) {
        if (keep[order[j]]) {
          kept++;
        }
        j++;
      }
      if (kept > 0) {
        double average = rank + (kept + 1) / 2.0;
        for (int r = i; r < j; r++) {
          if (keep[order[r]]) {
            ranks[order[r]] = average;
          }
        }
        rank += kept;
      }
      i = j;
    }
    return ranks;
  }

  /**
   * Pearson's correlation of this column's ranks over the {@code pairs} rows where {@code
   * otherRanks} is not NaN (all of them finite values of this column) with {@code otherRanks}, the
   * other column's ranks 1..pairs over the same rows. One pass over the sorted order, without
   * building this column's rank vector: a run of equal values gets its average rank once its kept
   * rows are counted. NaN when either side has a single distinct value.
   */
  public double rankCorrelation(int pairs, double[] otherRanks) {
    double mean = (pairs + 1) / 2.0; // both rank vectors are 1..pairs with ties averaged
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    int rank = 0;
    int n = order.length;
    int i = 0;
    while (i < n) {
      double v = sorted[i];
      int kept = 0;
      double sumDy = 0;
      int j = i;
      do {
        double ry = otherRanks[order[j]];
        if (ry == ry) { // not NaN: a complete pair
          double dy = ry - mean;
          kept++;
          sumDy += dy;
          syy += dy * dy;
        }
        j++;
      } while (j < n && sorted[j] == v);
      if (kept > 0) {
        double dx = rank + (kept + 1) / 2.0 - mean;
        sxy += dx * sumDy;
        sxx += kept * dx * dx;
        rank += kept;
      }
      i = j;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  }
}
