package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RollingWindowFeaturesTest {

  private static final long SEC = 1_000_000L;
  private static final double NaN = Double.NaN;
  private static final double EPS = 1e-12;

  private static final int RV = 0;
  private static final int RVAR = 1;
  private static final int OFI_SUM = 2;
  private static final int MLOFI_SUM = 3;
  private static final int TRADE_VOLUME = 4;
  private static final int TRADE_COUNT = 5;
  private static final int TFI = 6;
  private static final int KYLE = 7;

  /** One key's inputs; every column defaults to 0 except logReturn and deltaMid (null). */
  private static final class Input {
    final long[] ts;
    double[] logReturn;
    double[] ofi;
    double[] mlofi;
    double[] buy;
    double[] sell;
    double[] count;
    double[] deltaMid;
    double[] signed;

    Input(long... ts) {
      int n = ts.length;
      this.ts = ts;
      logReturn = filled(n, NaN);
      ofi = new double[n];
      mlofi = new double[n];
      buy = new double[n];
      sell = new double[n];
      count = new double[n];
      deltaMid = filled(n, NaN);
      signed = new double[n];
    }

    double[][] run(long h) {
      return run(new RollingWindowFeatures(), h);
    }

    double[][] run(RollingWindowFeatures f, long h) {
      double[][] out = new double[RollingWindowFeatures.WIDTH][ts.length];
      f.compute(ts.length, ts, logReturn, ofi, mlofi, buy, sell, count, deltaMid, signed, h, out);
      return out;
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void columnNamesSubstituteTheHorizonLiterally() {
    assertThat(RollingWindowFeatures.columnNames(300))
        .containsExactly(
            "rv_300",
            "rvar_300",
            "ofi_sum_300",
            "mlofi_sum_300",
            "trade_volume_300",
            "trade_count_300",
            "tfi_300",
            "kyle_lambda_300");
    assertThat(RollingWindowFeatures.columnNames(5)).hasSize(RollingWindowFeatures.WIDTH);
  }

  @Test
  void snapshotExactlyHEarlierIsExcludedAndOneMicrosecondLaterIncluded() {
    Input in = new Input(0, 1, 10 * SEC);
    in.ofi[0] = 1;
    in.ofi[1] = 10;
    in.ofi[2] = 100;
    double[][] out = in.run(10 * SEC);
    // #0: {1} = 1; #1: {1, 10} = 11;
    // #2 at t = 10 s, window ts > 0: #0 (ts 0 = t − H) out, #1 (ts 1 µs) in: 10 + 100 = 110.
    assertThat(out[OFI_SUM]).containsExactly(1, 11, 110);
  }

  @Test
  void equalTimestampsFollowIndexOrder() {
    Input in = new Input(0, 5, 5, 5);
    in.ofi[0] = 1;
    in.ofi[1] = 2;
    in.ofi[2] = 4;
    in.ofi[3] = 8;
    double[][] out = in.run(5);
    // H = 5 µs. #0: {1}. #1 (ts 5): ts > 0 drops #0, later equal-ts snapshots are not yet in: 2.
    // #2: 2 + 4 = 6. #3: 2 + 4 + 8 = 14.
    assertThat(out[OFI_SUM]).containsExactly(1, 2, 6, 14);
  }

  @Test
  void realizedVolatilityAndVariance() {
    Input in = new Input(0, 1, 2, 3);
    in.logReturn[1] = 0.001;
    in.logReturn[2] = 0.003;
    in.logReturn[3] = -0.002;
    double[][] out = in.run(10 * SEC);
    // #0: no return: rv null, rvar 0. #1: one return: rv null, rvar 1e-6.
    // #2: {1, 3}e-3: mean 2e-3, Σdev² = 2·(1e-3)² = 2e-6, var = 2e-6/1 → rv = √2·1e-3;
    //     rvar = (1 + 9)e-6 = 10e-6.
    // #3: {1, 3, −2}e-3: Σx = 2e-3, Σx² = 14e-6, Σdev² = 14e-6 − (2e-3)²/3 = 38/3 e-6,
    //     var = 19/3 e-6 → rv = √(19/3)·1e-3 ≈ 2.5166e-3; rvar = 14e-6.
    assertThat(out[RV][0]).isNaN();
    assertThat(out[RV][1]).isNaN();
    assertThat(out[RV][2]).isCloseTo(Math.sqrt(2) * 1e-3, within(EPS));
    assertThat(out[RV][3]).isCloseTo(Math.sqrt(19.0 / 3) * 1e-3, within(EPS));
    assertThat(out[RVAR][0]).isEqualTo(0.0);
    assertThat(out[RVAR][1]).isCloseTo(1e-6, within(EPS));
    assertThat(out[RVAR][2]).isCloseTo(10e-6, within(EPS));
    assertThat(out[RVAR][3]).isCloseTo(14e-6, within(EPS));
  }

  @Test
  void nullReturnsInsideTheWindowAreSkippedNotZero() {
    Input in = new Input(0, 1, 2);
    in.logReturn[0] = 0.002;
    in.logReturn[2] = 0.004;
    double[][] out = in.run(10 * SEC);
    // #2: {2, 4}e-3 (the null at #1 is not a 0): mean 3e-3, Σdev² = 2e-6 → rv = √2·1e-3.
    // Were the null a 0, the sample would be {2, 0, 4}e-3 with rv = 2e-3.
    assertThat(out[RV][2]).isCloseTo(Math.sqrt(2) * 1e-3, within(EPS));
    assertThat(out[RVAR][2]).isCloseTo(20e-6, within(EPS)); // 4e-6 + 16e-6
  }

  @Test
  void ofiAndMlofiSumsCountNullsAsZeroAndSlide() {
    Input in = new Input(0, SEC, 2 * SEC, 3 * SEC);
    in.ofi = new double[] {5, NaN, -2, 7};
    in.mlofi = new double[] {1.5, 2.5, NaN, -0.5};
    double[][] out = in.run(2 * SEC);
    // H = 2 s: window of #i is {#i−1, #i}.
    // ofi:   5; 5 + 0 = 5; 0 − 2 = −2; −2 + 7 = 5.
    // mlofi: 1.5; 1.5 + 2.5 = 4; 2.5 + 0 = 2.5; 0 − 0.5 = −0.5.
    assertThat(out[OFI_SUM]).containsExactly(5, 5, -2, 5);
    assertThat(out[MLOFI_SUM]).containsExactly(1.5, 4, 2.5, -0.5);
  }

  @Test
  void tradeVolumeCountAndFlowImbalance() {
    Input in = new Input(0, SEC, 2 * SEC, 5 * SEC);
    in.buy = new double[] {2, 0, 1, 0};
    in.sell = new double[] {1, 0, 4, 0};
    in.count = new double[] {3, 0, 2, 0};
    double[][] out = in.run(2 * SEC);
    // #0: buy 2, sell 1: volume 3, count 3, tfi (2 − 1)/3 = 1/3.
    // #1: window {#0, #1}: same sums as #0.
    // #2: window ts > 0 s: {#1, #2}: buy 1, sell 4: volume 5, count 2, tfi (1 − 4)/5 = −0.6.
    // #3: window ts > 3 s: {#3} alone, no trades: volume 0, count 0, tfi null.
    assertThat(out[TRADE_VOLUME]).containsExactly(3, 3, 5, 0);
    assertThat(out[TRADE_COUNT]).containsExactly(3, 3, 2, 0);
    assertThat(out[TFI][0]).isCloseTo(1.0 / 3, within(EPS));
    assertThat(out[TFI][1]).isCloseTo(1.0 / 3, within(EPS));
    assertThat(out[TFI][2]).isCloseTo(-0.6, within(EPS));
    assertThat(out[TFI][3]).isNaN();
  }

  @Test
  void kyleLambdaIsTheOlsSlopeOverPointsWithADeltaMid() {
    Input in = new Input(0, 1, 2, 3);
    in.signed = new double[] {9, 1, 3, 5};
    in.deltaMid = new double[] {NaN, 0.1, 0.4, 0.5};
    double[][] out = in.run(10 * SEC);
    // #0: no point (Δmid null; its x = 9 must not count) → null. #1: one point → null.
    // #2: (1, 0.1), (3, 0.4): slope (0.4 − 0.1)/(3 − 1) = 0.15.
    // #3: x = 1, 3, 5 (x̄ = 3), y = 0.1, 0.4, 0.5 (ȳ = 1/3): dx = −2, 0, 2;
    //     Σdx·dy = −2·(0.1 − 1/3) + 2·(0.5 − 1/3) = 2·0.4 = 0.8, Σdx² = 8 → 0.1.
    assertThat(out[KYLE][0]).isNaN();
    assertThat(out[KYLE][1]).isNaN();
    assertThat(out[KYLE][2]).isCloseTo(0.15, within(EPS));
    assertThat(out[KYLE][3]).isCloseTo(0.1, within(EPS));
  }

  @Test
  void kyleLambdaIsNullForAllEqualSignedVolume() {
    Input equal = new Input(0, 1, 2);
    equal.signed = new double[] {2.5, 2.5, 2.5};
    equal.deltaMid = new double[] {0.1, -0.3, 0.2};
    Input zero = new Input(0, 1, 2);
    zero.deltaMid = new double[] {0.1, -0.3, 0.2};
    // Σ(x − x̄)² = 0 ≤ 1e-12·Σx² (18.75, resp. 0) → null, also for 0 ≤ 0 when all x are 0.
    assertThat(equal.run(10 * SEC)[KYLE]).containsOnly(NaN);
    assertThat(zero.run(10 * SEC)[KYLE]).containsOnly(NaN);
  }

  @Test
  void kyleLambdaIsNullWhenTheSpreadOfXIsNegligibleRelativeToItsSize() {
    Input in = new Input(0, 1);
    in.signed = new double[] {1e7, 1e7 + 1e-6};
    in.deltaMid = new double[] {0.1, 0.2};
    // Σ(x − x̄)² = 2·(5e-7)² = 5e-13 ≤ 1e-12·Σx² = 1e-12·2e14 = 200 → null.
    assertThat(in.run(10 * SEC)[KYLE][1]).isNaN();
  }

  @Test
  void windowsAreNotResetAtCaptureGaps() {
    // #1 starts a new run after a 400 s outage; its Δmid and return are null but its flows
    // still add to the 900 s window that reaches back to #0.
    Input in = new Input(0, 400 * SEC);
    in.ofi = new double[] {3, 4};
    double[][] out = in.run(900 * SEC);
    assertThat(out[OFI_SUM]).containsExactly(3, 7);
  }

  @Test
  void emptyInputWritesNothingAndScratchIsReusedAcrossCalls() {
    RollingWindowFeatures f = new RollingWindowFeatures();
    new Input().run(f, SEC);
    Random rnd = new Random(7);
    Input big = randomInput(rnd, 500);
    Input small = randomInput(rnd, 40);
    double[][] bigFresh = big.run(300);
    double[][] smallFresh = small.run(50);
    assertSameBits(big.run(f, 300), bigFresh);
    assertSameBits(small.run(f, 50), smallFresh);
    assertSameBits(big.run(f, 300), bigFresh);
  }

  /** Arrays.equals compares doubles bit-wise, so NaN equals NaN. */
  private static void assertSameBits(double[][] actual, double[][] expected) {
    for (int c = 0; c < expected.length; c++) {
      assertThat(Arrays.equals(actual[c], expected[c])).as("column %d", c).isTrue();
    }
  }

  @Property(tries = 300)
  void matchesANaiveRecomputation(
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @LongRange(min = 1, max = 40) long h,
      @ForAll long seed) {
    Input in = randomInput(new Random(seed), n);
    double[][] out = in.run(h);
    for (int i = 0; i < n; i++) {
      double[] want =
          NaiveRolling.at(
              i,
              in.ts,
              in.logReturn,
              in.ofi,
              in.mlofi,
              in.buy,
              in.sell,
              in.count,
              in.deltaMid,
              in.signed,
              h);
      for (int c = 0; c < RollingWindowFeatures.WIDTH; c++) {
        int col = c;
        int row = i;
        assertThat(NaiveRolling.agree(out[c][i], want[c]))
            .as(() -> "column " + col + " row " + row + ": " + out[col][row] + " vs " + want[col])
            .isTrue();
      }
    }
  }

  /** Small integer-ish steps with ties, nulls, all-zero stretches and occasional big jumps. */
  private static Input randomInput(Random rnd, int n) {
    long[] ts = new long[n];
    for (int i = 1; i < n; i++) {
      int k = rnd.nextInt(10);
      ts[i] = ts[i - 1] + (k < 3 ? 0 : k < 9 ? rnd.nextInt(6) : 30 + rnd.nextInt(20));
    }
    Input in = new Input(ts);
    for (int i = 0; i < n; i++) {
      in.logReturn[i] = rnd.nextInt(5) == 0 ? NaN : (rnd.nextInt(7) - 3) * 1e-4;
      in.ofi[i] = rnd.nextInt(6) == 0 ? NaN : rnd.nextGaussian() * 50;
      in.mlofi[i] = rnd.nextInt(6) == 0 ? NaN : rnd.nextInt(9) - 4;
      boolean trades = rnd.nextBoolean();
      in.buy[i] = trades ? rnd.nextInt(3) * rnd.nextDouble() * 10 : 0;
      in.sell[i] = trades ? rnd.nextInt(3) * rnd.nextDouble() * 10 : 0;
      in.count[i] = trades ? 1 + rnd.nextInt(4) : 0;
      in.signed[i] = rnd.nextInt(3) == 0 ? in.buy[i] - in.sell[i] : rnd.nextInt(3) - 1;
      in.deltaMid[i] = rnd.nextInt(4) == 0 ? NaN : (rnd.nextInt(5) - 2) * 0.1;
    }
    return in;
  }
}
