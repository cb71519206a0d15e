package io.microstructure.engine;

import io.microstructure.features.RegimeMap;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.model.BookBlock;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What the spread regime's carry needs of a chunk's snapshots, a few numbers each instead of the
 * book: sort keys, spread_bps and a hash of the whole book (duplicates are the same capture_ts and
 * the same book). From the snapshots of a chunk and of its regime warm-up ({@link #warmUpMicros}),
 * {@link #regimeMap} gives the chunk's {@link RegimeMap}; composed along the market, the maps give
 * each chunk the regime its first snapshot enters with, before any chunk is replayed.
 *
 * <p>Two different books of one capture_ts with equal hashes (2^-64 a pair) would be taken for
 * duplicates here but not in the replay; the replay checks its chunk's map against this one and
 * fails rather than write another regime.
 */
public final class SpreadDigests implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] ts = new long[16];
  private long[] seq = new long[16];
  private long[] fileKey = new long[16];
  private long[] row = new long[16];
  private double[] bps = new double[16];
  private long[] hash = new long[16];
  private int size;

  /** How far before its chunk the regime's window and run starts look. */
  public static long warmUpMicros(io.microstructure.features.FeatureParameters p) {
    return p.spreadRegimeWindowMicros() + p.maxGapMicros();
  }

  /** Adds snapshot {@code r} of a block. */
  public void add(BookBlock b, int r) {
    double spreadBps = Double.NaN;
    if (b.bidLevels(r) > 0 && b.askLevels(r) > 0) {
      double bid = b.bidPrice(r, 0);
      double ask = b.askPrice(r, 0);
      spreadBps =
          StructuralFeatures.spreadBps(
              StructuralFeatures.spread(bid, ask), StructuralFeatures.mid(bid, ask));
    }
    add(b.captureTs(r), b.seq(r), b.fileKey(), b.row(r), spreadBps, bookHash(b, r));
  }

  /** Adds one digest. */
  public void add(long t, long s, long file, long r, double spreadBps, long bookHash) {
    if (size == ts.length) {
      int n = size * 2;
      ts = Arrays.copyOf(ts, n);
      seq = Arrays.copyOf(seq, n);
      fileKey = Arrays.copyOf(fileKey, n);
      row = Arrays.copyOf(row, n);
      bps = Arrays.copyOf(bps, n);
      hash = Arrays.copyOf(hash, n);
    }
    ts[size] = t;
    seq[size] = s;
    fileKey[size] = file;
    row[size] = r;
    bps[size] = spreadBps;
    hash[size] = bookHash;
    size++;
  }

  /** Adds every digest of another collection. */
  public void addAll(SpreadDigests o) {
    for (int i = 0; i < o.size; i++) {
      add(o.ts[i], o.seq[i], o.fileKey[i], o.row[i], o.bps[i], o.hash[i]);
    }
  }

  public int size() {
    return size;
  }

  /** A hash of every level's price and amount, bit for bit as {@link BookBlock#sameBook} compares. */
  static long bookHash(BookBlock b, int r) {
    long h = 0x9E3779B97F4A7C15L * (b.bidLevels(r) * 31L + b.askLevels(r) + 1);
    for (int l = 0; l < b.bidLevels(r); l++) {
      h = mix(h, Double.doubleToLongBits(b.bidPrice(r, l)));
      h = mix(h, Double.doubleToLongBits(b.bidAmount(r, l)));
    }
    for (int l = 0; l < b.askLevels(r); l++) {
      h = mix(h, Double.doubleToLongBits(b.askPrice(r, l)));
      h = mix(h, Double.doubleToLongBits(b.askAmount(r, l)));
    }
    return h;
  }

  private static long mix(long h, long v) {
    long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 31)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 29);
  }

  /**
   * The regime map of the snapshots of [ownFrom, ownTo) among these (the others are the warm-up):
   * sorted as the replay sorts them, duplicates dropped, runs cut at gaps over {@code maxGapMicros}.
   */
  public RegimeMap regimeMap(long ownFrom, long ownTo, long maxGapMicros, long windowMicros) {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compare(ts[a], ts[b]);
          if (c == 0) {
            c = Long.compare(seq[a], seq[b]);
          }
          if (c == 0) {
            c = Long.compare(fileKey[a], fileKey[b]);
          }
          return c != 0 ? c : Long.compare(row[a], row[b]);
        });
    long[] keptTs = new long[size];
    double[] keptBps = new double[size];
    boolean[] runStart = new boolean[size];
    int n = 0;
    int first = -1;
    int end = 0;
    int groupStart = 0; // first kept snapshot of the current capture_ts
    for (int k = 0; k < size; k++) {
      int i = order[k];
      if (n > 0 && keptTs[n - 1] == ts[i]) {
        if (repeats(order, k, groupStart, i)) {
          continue;
        }
      } else {
        groupStart = k;
      }
      if (ts[i] >= ownTo) {
        break;
      }
      keptTs[n] = ts[i];
      keptBps[n] = bps[i];
      runStart[n] = n == 0 || ts[i] - keptTs[n - 1] > maxGapMicros;
      if (first < 0 && ts[i] >= ownFrom) {
        first = n;
      }
      n++;
      end = n;
    }
    if (first < 0) {
      return RegimeMap.identity();
    }
    return new SpreadRegime().map(n, keptTs, keptBps, runStart, windowMicros, first, end);
  }

  /** Whether digest i repeats the book of a kept digest of its capture_ts (sorted from groupStart). */
  private boolean repeats(Integer[] order, int k, int groupStart, int i) {
    for (int g = groupStart; g < k; g++) {
      int j = order[g];
      if (hash[j] == hash[i]) {
        return true;
      }
    }
    return false;
  }
}
