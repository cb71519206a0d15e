package io.microstructure.engine;

/**
 * The contract's reconstructed order as a stable sort of an index permutation over primitive
 * columns. Each channel file is already chronological, so the input is a handful of sorted runs: a
 * natural merge sort finds them and merges, close to linear on real captures.
 */
public final class ReconstructedOrder {
  private ReconstructedOrder() {}

  /**
   * Compares events i and j: capture_ts, then seq (missing = {@code Long.MIN_VALUE}, before any
   * present), then channel rank, then file key and row.
   */
  static int compare(
      int i, int j, long[] captureTs, long[] seq, byte[] rank, long[] fileKey, long[] row) {
    int c = Long.compare(captureTs[i], captureTs[j]);
    if (c != 0) {
      return c;
    }
    c = Long.compare(seq[i], seq[j]);
    if (c != 0) {
      return c;
    }
    c = Byte.compare(rank[i], rank[j]);
    if (c != 0) {
      return c;
    }
    c = Long.compare(fileKey[i], fileKey[j]);
    return c != 0 ? c : Long.compare(row[i], row[j]);
  }

  /**
   * Compares two events of one channel (the rank is then equal): capture_ts, then seq, then file
   * key and row.
   */
  public static int compareInChannel(
      long ts1, long seq1, long file1, long row1, long ts2, long seq2, long file2, long row2) {
    int c = Long.compare(ts1, ts2);
    if (c != 0) {
      return c;
    }
    c = Long.compare(seq1, seq2);
    if (c != 0) {
      return c;
    }
    c = Long.compare(file1, file2);
    return c != 0 ? c : Long.compare(row1, row2);
  }

  /** Returns the permutation of 0..n-1 that lists events in reconstructed order. */
  public static int[] sort(
      int n, long[] captureTs, long[] seq, byte[] rank, long[] fileKey, long[] row) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (n < 2) {
      return a;
    }
    // Run boundaries: runStart[r] .. runStart[r+1]; descending stretches never occur in real
    // files, so only non-decreasing runs are detected (a descending pair simply ends a run).
    int[] bounds = new int[n + 1];
    int runs = 0;
    bounds[runs++] = 0;
    for (int i = 1; i < n; i++) {
      if (compare(a[i - 1], a[i], captureTs, seq, rank, fileKey, row) > 0) {
        bounds[runs++] = i;
      }
    }
    bounds[runs] = n;
    int[] src = a;
    int[] dst = new int[n];
    while (runs > 1) {
      int merged = 0;
      for (int r = 0; r < runs; r += 2) {
        int lo = bounds[r];
        int mid = bounds[Math.min(r + 1, runs)];
        int hi = bounds[Math.min(r + 2, runs)];
        merge(src, dst, lo, mid, hi, captureTs, seq, rank, fileKey, row);
        bounds[merged++] = lo;
      }
      bounds[merged] = n;
      runs = merged;
      int[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  /** The permutation that lists events by (file key, row): arrival order of line files. */
  public static int[] sortByPosition(int n, long[] fileKey, long[] row) {
    long[] zeros = new long[n];
    return sort(n, zeros, zeros, new byte[n], fileKey, row);
  }

  private static void merge(
      int[] src,
      int[] dst,
      int lo,
      int mid,
      int hi,
      long[] captureTs,
      long[] seq,
      byte[] rank,
      long[] fileKey,
      long[] row) {
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      // "<= 0" keeps the merge stable: ties take the left run first.
      if (compare(src[i], src[j], captureTs, seq, rank, fileKey, row) <= 0) {
        dst[k++] = src[i++];
      } else {
        dst[k++] = src[j++];
      }
    }
    while (i < mid) {
      dst[k++] = src[i++];
    }
    while (j < hi) {
      dst[k++] = src[j++];
    }
  }
}
