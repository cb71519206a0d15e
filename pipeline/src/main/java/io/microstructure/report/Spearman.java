package io.microstructure.report;

/**
 * Spearman's rank correlation over pairwise-complete rows: rows where either value is NaN (null)
 * are left out, both columns are ranked 1..n over the rows that remain, ties get the average of the
 * ranks they span, and rho is the Pearson correlation of the two rank vectors. Undefined (NaN) with
 * fewer than 3 pairs or when either side has a single distinct value.
 */
public final class Spearman {
  /** Rho and the number of pairs it was computed over. */
  public record Result(double rho, int pairs) {
    public boolean defined() {
      return !Double.isNaN(rho);
    }
  }

  /** Fewer pairs than this leave rho undefined. */
  static final int MIN_PAIRS = 3;

  private Spearman() {}

  public static Result of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("columns of " + x.length + " and " + y.length + " rows");
    }
    return of(RankOrder.of(x), RankOrder.of(y));
  }

  public static Result of(RankOrder x, RankOrder y) {
    int n = x.length();
    boolean[] both = new boolean[n];
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      both[i] = !Double.isNaN(x.value(i)) && !Double.isNaN(y.value(i));
      if (both[i]) {
        pairs++;
      }
    }
    if (pairs < MIN_PAIRS) {
      return new Result(Double.NaN, pairs);
    }
    return new Result(x.rankCorrelation(pairs, y.ranks(both)), pairs);
  }
}
