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

  public static List<FeatureColumn> columns(long[] horizonsSeconds) {
    List<FeatureColumn> columns = new ArrayList<>(horizonsSeconds.length);
    for (long h : horizonsSeconds) {
      columns.add(FeatureColumn.ofDouble("fwd_return_" + h));
    }
    return Collections.unmodifiableList(columns);
  }

  public static List<String> columnNames(long[] horizonsSeconds) {
    return FeatureColumn.names(columns(horizonsSeconds));
  }

  /**
   * Inputs of one key, length ≥ n: ts (non-decreasing), mid (NaN = null), runId (run index of each
   * snapshot, non-decreasing). Writes out[i], NaN when null: t_i + H lies after ts[n − 1], the
   * snapshot that gives mid(t_i + H) is in a later run than i, or either mid is null.
   */
  public static void compute(
      int n, long[] ts, double[] mid, int[] runId, long horizonMicros, double[] out) {
    new Cursor(n, ts, mid, runId, horizonMicros).fill(n, new double[][] {out}, 0, 0);
  }

  /** Streams one key's labels for one horizon, a piece at a time, in index order. */
  public static final class Cursor {
    private final int n;
    private final long[] ts;
    private final double[] mid;
    private final int[] runId;
    private final long horizonMicros;
    private final long lastTs;
    private int next;
    private int j; // last snapshot with ts ≤ target; targets do not decrease, so j only moves on

    /** Inputs as for {@link ForwardReturns#compute}, held by reference. */
    public Cursor(int n, long[] ts, double[] mid, int[] runId, long horizonMicros) {
      this(n, ts, mid, runId, horizonMicros, n == 0 ? Long.MIN_VALUE : ts[n - 1]);
    }

    /**
     * Inputs of a piece of a key that holds every snapshot up to the targets of its rows, the key's
     * last snapshot at {@code lastTs} (≥ ts[n − 1]): labels whose target is later are null.
     */
    public Cursor(int n, long[] ts, double[] mid, int[] runId, long horizonMicros, long lastTs) {
      if (horizonMicros <= 0) {
        throw new IllegalArgumentException("horizon must be > 0");
      }
      this.n = n;
      this.ts = ts;
      this.mid = mid;
      this.runId = runId;
      this.horizonMicros = horizonMicros;
      this.lastTs = lastTs;
    }

    /** Writes the labels of snapshots from where the last fill stopped up to to − 1. */
    public void fill(int to, double[][] out, int column, int shift) {
      if (n == 0) {
        return;
      }
      double[] o = out[column];
      long last = lastTs;
      for (int i = next; i < to; i++) {
        long target = ts[i] + horizonMicros;
        if (target > last) {
          o[i - shift] = Double.NaN;
          continue;
        }
        while (j + 1 < n && ts[j + 1] <= target) {
          j++;
        }
        double m0 = mid[i];
        double m1 = mid[j];
        if (runId[j] != runId[i] || Double.isNaN(m0) || Double.isNaN(m1)) {
          o[i - shift] = Double.NaN;
        } else {
          o[i - shift] = Math.log(m1 / m0);
        }
      }
      next = Math.max(next, to);
    }
  }
}
