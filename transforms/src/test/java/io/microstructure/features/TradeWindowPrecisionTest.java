package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * features.md "Precision" for the trades channel: over a day of about 500,000 trades the rolling
 * trade features must stay within 1e-9·max(1, |x|, |y|) of a direct recomputation. The day has
 * realistic shape: price about 30,000 on a 0.1 tick, amounts log-normal from 1e-6 to about 20 with
 * some zero, taker orders filled in bursts of trades at one capture_ts, an intensity that varies
 * over the day and an hour without trades.
 */
class TradeWindowPrecisionTest {

  private static final int N = 500_000;
  private static final long SEC = 1_000_000L;
  private static final long[] HORIZONS_SECONDS = {5, 15, 60, 300, 900};
  private static final int SAMPLE_EVERY = 97;
  private static final int TAIL = 2_000;
  private static final int COUNT = 0;
  private static final int VOLUME = 1;
  private static final int VWAP = 3;

  @Test
  void dayOfTradesMatchesADirectRecomputation() {
    Random rnd = new Random(20240602L);
    long[] ts = new long[N];
    boolean[] buy = new boolean[N];
    double[] price = new double[N];
    double[] amount = new double[N];
    long t = 1_717_200_000L * SEC;
    long ticks = 300_000;
    int i = 0;
    while (i < N) {
      // One taker order: 1–3 fills at one capture_ts, one side, walking the book.
      double dayFraction = (double) i / N;
      double meanGapSeconds = 0.33 * (1 + 0.8 * Math.sin(2 * Math.PI * dayFraction));
      t += (long) (-Math.log(1 - rnd.nextDouble()) * meanGapSeconds * SEC);
      if (i == N / 2) {
        t += 3_600 * SEC; // an hour without trades: every window empties
      }
      boolean side = rnd.nextBoolean();
      int fills = 1 + rnd.nextInt(3);
      for (int f = 0; f < fills && i < N; f++, i++) {
        ts[i] = t;
        buy[i] = side;
        ticks += f == 0 ? rnd.nextInt(3) - 1 : side ? 1 : -1;
        price[i] = ticks * 0.1;
        amount[i] = rnd.nextInt(100) == 0 ? 0 : Math.exp(-4 + 2 * rnd.nextGaussian());
      }
    }

    TradeWindowFeatures features = new TradeWindowFeatures();
    double[][] out = new double[TradeWindowFeatures.WIDTH][N];
    double worstNormative = 0;
    double worstRelative = 0; // count, volume, vwap: sums of non-negative terms
    long computeNanos = 0;
    long compared = 0;
    long t0All = System.nanoTime();
    for (long hs : HORIZONS_SECONDS) {
      long h = hs * SEC;
      long t0 = System.nanoTime();
      features.compute(N, ts, buy, price, amount, h, out);
      computeNanos += System.nanoTime() - t0;
      for (int r = 0; r < N; r++) {
        if (r % SAMPLE_EVERY != 0 && r < N - TAIL) {
          continue;
        }
        double[] want = NaiveTradeWindow.at(r, ts, buy, price, amount, h);
        for (int c = 0; c < TradeWindowFeatures.WIDTH; c++) {
          double x = out[c][r];
          double y = want[c];
          if (!NaiveRolling.agree(x, y)) {
            throw new AssertionError(
                "H=" + hs + " column " + c + " row " + r + ": " + x + " vs " + y);
          }
          compared++;
          if (Double.isNaN(x)) {
            continue;
          }
          double diff = Math.abs(x - y);
          worstNormative =
              Math.max(worstNormative, diff / Math.max(1, Math.max(Math.abs(x), Math.abs(y))));
          if ((c == COUNT || c == VOLUME || c == VWAP) && diff > 0) {
            worstRelative = Math.max(worstRelative, diff / Math.max(Math.abs(x), Math.abs(y)));
          }
        }
      }
    }
    System.out.printf(
        "trades day: %d trades over %.1f h, %d values compared, worst normative error %.3e, worst"
            + " relative error of count/volume/vwap %.3e, compute %.0f ms for %d horizons, test"
            + " %.0f ms%n",
        N,
        (ts[N - 1] - ts[0]) / 3.6e9,
        compared,
        worstNormative,
        worstRelative,
        computeNanos / 1e6,
        HORIZONS_SECONDS.length,
        (System.nanoTime() - t0All) / 1e6);
    assertThat(worstNormative).isLessThanOrEqualTo(1e-9);
    assertThat(worstRelative).isLessThanOrEqualTo(1e-9);
  }
}
