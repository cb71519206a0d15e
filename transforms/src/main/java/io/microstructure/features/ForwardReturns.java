package io.microstructure.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * fwd_return_H of features.md "Labels": ln(mid(t_n + H) / mid_n), where mid(t) is the mid of the
 * last snapshot (in index order) with ts ≤ t.
 */
public final class ForwardReturns {

  private ForwardReturns() {}

  public static List<String> columnNames(long[] horizonsSeconds) {
    List<String> names = new ArrayList<>(horizonsSeconds.length);
    for (long h : horizonsSeconds) {
      names.add("fwd_return_" + h);
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * Inputs of one key, length ≥ n: ts (non-decreasing), mid (NaN = null), runId (run index of each
   * snapshot, non-decreasing). Writes out[i], NaN when null: t_i + H lies after ts[n − 1], the
   * snapshot that gives mid(t_i + H) is in a later run than i, or either mid is null.
   */
  public static void compute(
      int n, long[] ts, double[] mid, int[] runId, long horizonMicros, double[] out) {
    if (horizonMicros <= 0) {
      throw new IllegalArgumentException("horizon must be > 0");
    }
    if (n == 0) {
      return;
    }
    long last = ts[n - 1];
    int j = 0; // last snapshot with ts ≤ target; targets do not decrease, so j only moves forward
    for (int i = 0; i < n; i++) {
      long target = ts[i] + horizonMicros;
      if (target > last) {
        out[i] = Double.NaN;
        continue;
      }
      while (j + 1 < n && ts[j + 1] <= target) {
        j++;
      }
      double m0 = mid[i];
      double m1 = mid[j];
      if (runId[j] != runId[i] || Double.isNaN(m0) || Double.isNaN(m1)) {
        out[i] = Double.NaN;
      } else {
        out[i] = Math.log(m1 / m0);
      }
    }
  }
}
