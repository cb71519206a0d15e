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
    if (pairs < 3) {
      return new Result(Double.NaN, pairs);
    }
    double[] rx = x.ranks(both);
    double[] ry = y.ranks(both);
    // Both rank vectors have mean (pairs + 1) / 2; centred sums in one pass.
    double mean = (pairs + 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      if (both[i]) {
        double dx = rx[i] - mean;
        double dy = ry[i] - mean;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
    }
    if (sxx == 0 || syy == 0) {
      return new Result(Double.NaN, pairs);
    }
    double rho = sxy / Math.sqrt(sxx * syy);
    return new Result(Math.max(-1, Math.min(1, rho)), pairs);
  }
}
