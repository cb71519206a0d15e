package io.microstructure.features;

import java.util.Arrays;
import java.util.List;

/**
 * spread_percentile and the spread_regime state machine of features.md "Spread regime".
 *
 * <p>The window of snapshot i is the snapshots m ≤ i with ts[m] > ts[i] − window and a non-null
 * spread_bps; it is not reset at runs, only the state is. Rank and median come from an exact order
 * statistic: the key's distinct spread values are coordinate-compressed and a Fenwick tree counts
 * the window's values per rank, so each snapshot costs O(log n).
 *
 * <p>Not thread-safe: an instance keeps scratch buffers that it reuses across calls.
 */
public final class SpreadRegime {

  public static final byte TIGHT = 0;
  public static final byte NORMAL = 1;
  public static final byte WIDE = 2;

  private static final double WIDE_ENTER = 1.5;
  private static final double TIGHT_ENTER = 0.75;
  private static final double WIDE_EXIT = 1.2;
  private static final double TIGHT_EXIT = 0.9;

  private double[] distinct = new double[0]; // sorted distinct values, rank r at distinct[r]
  private int[] rank = new int[0]; // rank of snapshot i's value, −1 when null
  private int[] tree = new int[1]; // Fenwick tree over ranks, 1-based
  // The series being streamed and where it stands.
  private long[] ts;
  private boolean[] runStart;
  private long windowMicros;
  private int d; // distinct values
  private int log;
  private int next;
  private int lo; // first snapshot of the window
  private int count; // non-null values in the window
  private byte state;
  private int entryIndex = -1; // where a carried state replaces the one reached so far
  private byte entryState;

  public SpreadRegime() {}

  public static String name(byte regime) {
    switch (regime) {
      case TIGHT:
        return "tight";
      case NORMAL:
        return "normal";
      case WIDE:
        return "wide";
      default:
        throw new IllegalArgumentException("unknown spread regime " + regime);
    }
  }

  /** spread_percentile, and spread_regime coded by its state ({@link #TIGHT} … {@link #WIDE}). */
  public static List<FeatureColumn> columns() {
    return List.of(
        FeatureColumn.ofDouble("spread_percentile"),
        FeatureColumn.ofEnum("spread_regime", List.of(name(TIGHT), name(NORMAL), name(WIDE))));
  }

  public static List<String> columnNames() {
    return FeatureColumn.names(columns());
  }

  /**
   * Inputs of one key, length ≥ n: ts (non-decreasing), spreadBps (NaN = null), runStart (true at
   * the first snapshot of each run). Writes percentileOut[i] (NaN = null) and regimeOut[i].
   */
  public void compute(
      int n,
      long[] ts,
      double[] spreadBps,
      boolean[] runStart,
      long windowMicros,
      double[] percentileOut,
      byte[] regimeOut) {
    start(n, ts, spreadBps, runStart, windowMicros);
    double[][] out = {percentileOut, new double[n]};
    fill(n, out, 0, 0);
    for (int i = 0; i < n; i++) {
      regimeOut[i] = (byte) out[1][i];
    }
    this.ts = null;
    this.runStart = null;
  }

  /**
   * Starts streaming one key's n snapshots (the inputs of {@link #compute}, ts and runStart held by
   * reference until the next start): {@link #fill} then emits the columns a piece at a time.
   */
  public void start(int n, long[] ts, double[] spreadBps, boolean[] runStart, long windowMicros) {
    start(n, ts, spreadBps, runStart, windowMicros, -1, NORMAL);
  }

  /**
   * As {@link #start(int, long[], double[], boolean[], long)} for a piece of a key whose snapshots
   * before {@code entryIndex} are only the window's warm-up: the state before snapshot {@code
   * entryIndex} is {@code entryState}, carried from the key's earlier snapshots.
   */
  public void start(
      int n,
      long[] ts,
      double[] spreadBps,
      boolean[] runStart,
      long windowMicros,
      int entryIndex,
      byte entryState) {
    if (windowMicros <= 0) {
      throw new IllegalArgumentException("window must be > 0");
    }
    this.ts = ts;
    this.runStart = runStart;
    this.windowMicros = windowMicros;
    d = compress(n, spreadBps);
    Arrays.fill(tree, 0, d + 1, 0);
    log = Integer.highestOneBit(Math.max(d, 1));
    next = 0;
    lo = 0;
    count = 0;
    state = NORMAL;
    this.entryIndex = entryIndex;
    this.entryState = entryState;
  }

  /**
   * Writes spread_percentile (NaN = null) and spread_regime (its code as a double) of the snapshots
   * from where the previous fill stopped up to {@code to − 1} into {@code out[column][i − shift]}
   * and {@code out[column + 1][i − shift]}.
   */
  public void fill(int to, double[][] out, int column, int shift) {
    double[] percentileOut = out[column];
    double[] regimeOut = out[column + 1];
    int[] fen = tree;
    for (int i = next; i < to; i++) {
      int o = i - shift;
      int r = rank[i];
      if (r >= 0) {
        add(fen, d, r + 1, 1);
        count++;
      }
      long start = ts[i] - windowMicros; // exclusive
      while (ts[lo] <= start) {
        if (rank[lo] >= 0) {
          add(fen, d, rank[lo] + 1, -1);
          count--;
        }
        lo++;
      }
      if (i == entryIndex) {
        state = entryState;
      }
      if (runStart[i]) {
        state = NORMAL;
      }
      if (r < 0) {
        percentileOut[o] = Double.NaN;
        regimeOut[o] = state; // a null spread leaves the state as it is
        continue;
      }
      percentileOut[o] = (double) prefix(fen, r + 1) / count;
      double med;
      if ((count & 1) == 1) {
        med = distinct[kth(fen, d, log, (count + 1) / 2)];
      } else {
        int k = count / 2;
        med = (distinct[kth(fen, d, log, k)] + distinct[kth(fen, d, log, k + 1)]) / 2;
      }
      double s = distinct[r];
      switch (state) {
        case NORMAL:
          if (s > WIDE_ENTER * med) {
            state = WIDE;
          } else if (s < TIGHT_ENTER * med) {
            state = TIGHT;
          }
          break;
        case WIDE:
          if (s <= WIDE_EXIT * med) {
            state = NORMAL;
          }
          break;
        default: // TIGHT
          if (s >= TIGHT_EXIT * med) {
            state = NORMAL;
          }
          break;
      }
      regimeOut[o] = state;
    }
    next = Math.max(next, to);
  }

  /**
   * The regime map of the snapshots [from, to) of a key's series (inputs as for {@link #compute});
   * the snapshots before {@code from} are the window's warm-up. A run start in the stretch makes
   * the map constant from there.
   */
  public RegimeMap map(
      int n, long[] ts, double[] spreadBps, boolean[] runStart, long windowMicros, int from, int to) {
    if (from == to) {
      return RegimeMap.identity();
    }
    double[][] out = {new double[to], new double[to]};
    byte[] image = new byte[3];
    for (byte entry = TIGHT; entry <= WIDE; entry++) {
      start(n, ts, spreadBps, runStart, windowMicros, from, entry);
      fill(to, out, 0, 0);
      image[entry] = (byte) out[1][to - 1];
    }
    this.ts = null;
    this.runStart = null;
    return RegimeMap.of(image[TIGHT], image[NORMAL], image[WIDE]);
  }

  /** Fills {@link #distinct} and {@link #rank}; returns the number of distinct values. */
  private int compress(int n, double[] spreadBps) {
    if (distinct.length < n) {
      distinct = new double[Math.max(n, 2 * distinct.length)];
      rank = new int[distinct.length];
    }
    if (tree.length < n + 1) {
      tree = new int[Math.max(n + 1, 2 * tree.length)];
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
      double v = spreadBps[i];
      if (!Double.isNaN(v)) {
        distinct[m++] = v + 0.0; // folds −0.0 into 0.0 so that equal values share a rank
      }
    }
    Arrays.sort(distinct, 0, m);
    int d = 0;
    for (int j = 0; j < m; j++) {
      if (d == 0 || distinct[j] != distinct[d - 1]) {
        distinct[d++] = distinct[j];
      }
    }
    for (int i = 0; i < n; i++) {
      double v = spreadBps[i];
      rank[i] = Double.isNaN(v) ? -1 : Arrays.binarySearch(distinct, 0, d, v + 0.0);
    }
    return d;
  }

  private static void add(int[] fen, int d, int pos, int delta) {
    for (; pos <= d; pos += pos & -pos) {
      fen[pos] += delta;
    }
  }

  /** Number of window values with rank < pos, i.e. ≤ distinct[pos − 1]. */
  private static int prefix(int[] fen, int pos) {
    int sum = 0;
    for (; pos > 0; pos -= pos & -pos) {
      sum += fen[pos];
    }
    return sum;
  }

  /** 0-based rank of the k-th smallest window value (k ≥ 1), by binary lifting. */
  private static int kth(int[] fen, int d, int log, int k) {
    int pos = 0;
    for (int step = log; step > 0; step >>= 1) {
      int next = pos + step;
      if (next <= d && fen[next] < k) {
        pos = next;
        k -= fen[next];
      }
    }
    return pos; // 1-based position pos + 1 holds it
  }
}
