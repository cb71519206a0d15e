package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * features.md "Precision": over a full day of 10 Hz data the rolling statistics must stay within
 * 1e-9·max(1, |x|, |y|) of a direct recomputation. The day has realistic magnitudes: mid about
 * 30,000 on a 0.1 tick, log returns about 1e-5, volumes 0–50, ofi ±100, plus capture gaps,
 * duplicate timestamps and nulls.
 */
class RollingWindowPrecisionTest {

  private static final int N = 864_000;
  private static final long SEC = 1_000_000L;
  private static final long[] HORIZONS_SECONDS = {5, 15, 60, 300, 900};
  private static final int SAMPLE_EVERY = 97;
  private static final int TAIL = 2_000;
  private static final int RV = 0;
  private static final int RVAR = 1;
  private static final int TRADE_VOLUME = 4;
  private static final int TRADE_COUNT = 5;

  @Test
  void fullDayAtTenHertzMatchesADirectRecomputation() {
    Random rnd = new Random(20240601L);
    long[] ts = new long[N];
    double[] mid = new double[N];
    double[] logReturn = new double[N];
    double[] ofi = new double[N];
    double[] mlofi = new double[N];
    double[] buy = new double[N];
    double[] sell = new double[N];
    double[] count = new double[N];
    double[] deltaMid = new double[N];
    double[] signed = new double[N];

    long t = 1_717_200_000L * SEC;
    long ticks = 300_000; // mid = ticks · 0.1 ≈ 30,000
    for (int i = 0; i < N; i++) {
      boolean runStart = i == 0;
      if (i > 0) {
        int k = rnd.nextInt(1_000);
        if (i % 300_000 == 0) {
          t += 400 * SEC; // capture outage > max_gap: a new run
          runStart = true;
        } else if (k < 10) {
          // same capture_ts as the previous snapshot
        } else {
          t += 100_000 + rnd.nextInt(2_001) - 1_000; // 10 Hz with ±1 ms jitter
        }
      }
      ts[i] = t;
      boolean trades = rnd.nextInt(10) < 3;
      buy[i] = trades ? rnd.nextDouble() * 50 : 0;
      sell[i] = trades ? rnd.nextDouble() * 50 : 0;
      count[i] = trades ? 1 + rnd.nextInt(20) : 0;
      signed[i] = buy[i] - sell[i];
      // Price impact: the mid leans in the direction of the signed flow.
      double up = 0.1 + 0.2 * Math.max(0, signed[i]) / 50;
      double down = 0.1 + 0.2 * Math.max(0, -signed[i]) / 50;
      double u = rnd.nextDouble();
      long step = u < up ? 1 : u < up + down ? -1 : 0;
      double prevMid = i == 0 ? Double.NaN : mid[i - 1];
      ticks += step;
      mid[i] = ticks * 0.1;
      boolean missingMid = rnd.nextInt(5_000) == 0;
      if (missingMid) {
        mid[i] = Double.NaN;
      }
      if (runStart || Double.isNaN(prevMid) || Double.isNaN(mid[i])) {
        logReturn[i] = Double.NaN;
        deltaMid[i] = Double.NaN;
        ofi[i] = Double.NaN;
        mlofi[i] = Double.NaN;
      } else {
        logReturn[i] = Math.log(mid[i] / prevMid);
        deltaMid[i] = mid[i] - prevMid;
        ofi[i] = rnd.nextDouble() * 200 - 100;
        mlofi[i] = ofi[i] + rnd.nextDouble() * 200 - 100;
      }
    }

    RollingWindowFeatures features = new RollingWindowFeatures();
    double[][] out = new double[RollingWindowFeatures.WIDTH][N];
    double worstNormative = 0;
    double worstRelative = 0; // for the well-conditioned columns, without the floor of 1
    long computeNanos = 0;
    long compared = 0;
    for (long hs : HORIZONS_SECONDS) {
      long h = hs * SEC;
      long t0 = System.nanoTime();
      features.compute(N, ts, logReturn, ofi, mlofi, buy, sell, count, deltaMid, signed, h, out);
      computeNanos += System.nanoTime() - t0;
      for (int i = 0; i < N; i++) {
        if (i % SAMPLE_EVERY != 0 && i < N - TAIL) {
          continue;
        }
        double[] want =
            NaiveRolling.at(i, ts, logReturn, ofi, mlofi, buy, sell, count, deltaMid, signed, h);
        for (int c = 0; c < RollingWindowFeatures.WIDTH; c++) {
          double x = out[c][i];
          double y = want[c];
          if (!NaiveRolling.agree(x, y)) {
            throw new AssertionError(
                "H=" + hs + " column " + c + " row " + i + ": " + x + " vs " + y);
          }
          compared++;
          if (Double.isNaN(x)) {
            continue;
          }
          double diff = Math.abs(x - y);
          worstNormative =
              Math.max(worstNormative, diff / Math.max(1, Math.max(Math.abs(x), Math.abs(y))));
          boolean wellConditioned = c == RV || c == RVAR || c == TRADE_VOLUME || c == TRADE_COUNT;
          if (wellConditioned && diff > 0) {
            worstRelative = Math.max(worstRelative, diff / Math.max(Math.abs(x), Math.abs(y)));
          }
        }
      }
    }
    System.out.printf(
        "full day: %d values compared, worst normative error %.3e, worst relative error of"
            + " rv/rvar/trade_volume/trade_count %.3e, compute %.0f ms for %d horizons%n",
        compared, worstNormative, worstRelative, computeNanos / 1e6, HORIZONS_SECONDS.length);
    assertThat(worstNormative).isLessThanOrEqualTo(1e-9);
    // Sums of non-negative terms are well conditioned: expect near machine precision throughout.
    assertThat(worstRelative).isLessThanOrEqualTo(1e-9);
  }
}
