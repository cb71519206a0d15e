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

  private RankOrder(double[] values, int[] order) {
    this.values = values;
    this.order = order;
  }

  /** NaN counts as missing; -0.0 ties with 0.0. */
  public static RankOrder of(double[] column) {
    double[] values = new double[column.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = column[i] + 0.0; // -0.0 + 0.0 is 0.0: equal numbers must tie
    }
    int finite = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        finite++;
      }
    }
    double[] sorted = new double[finite];
    int k = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sorted[k++] = v;
      }
    }
    Arrays.sort(sorted);
    // Each row goes to the first free slot of its value's run in the sorted copy: a stable argsort
    // made of primitive sorts and binary searches (no boxed comparator).
    int[] taken = new int[finite];
    int[] order = new int[finite];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      int first = lowerBound(sorted, v);
      order[first + taken[first]++] = i;
    }
    return new RankOrder(values, order);
  }

  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(sorted[mid], v) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
      // A run of equal values, those kept among them sharing the average rank.
      int j = i;
      int kept = 0;
      while (j < order.length && Double.compare(values[order[j]], values[order[i]]) == 0) {
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
}
