package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ForwardReturnsTest {

  private static final long SEC = 1_000_000L;
  private static final double NaN = Double.NaN;
  private static final double EPS = 1e-15;

  private static double[] run(long[] ts, double[] mid, int[] runId, long h) {
    double[] out = new double[ts.length];
    ForwardReturns.compute(ts.length, ts, mid, runId, h, out);
    return out;
  }

  @Test
  void columnNamesFollowTheHorizons() {
    assertThat(ForwardReturns.columnNames(new long[] {5, 15, 60, 300, 900}))
        .containsExactly(
            "fwd_return_5", "fwd_return_15", "fwd_return_60", "fwd_return_300", "fwd_return_900");
  }

  @Test
  void aSnapshotExactlyAtTPlusHIsUsedAndTheEndOfInputIsNull() {
    long[] ts = {0, 2 * SEC, 5 * SEC, 7 * SEC};
    double[] mid = {100, 101, 102, 103};
    double[] out = run(ts, mid, new int[4], 5 * SEC);
    // #0: t + H = 5 s, #2 sits exactly there → ln(102/100).
    // #1: t + H = 7 s = last ts → #3: ln(103/101).
    // #2: 10 s > 7 s (last snapshot) → null; #3 likewise.
    assertThat(out[0]).isCloseTo(Math.log(102.0 / 100), within(EPS));
    assertThat(out[1]).isCloseTo(Math.log(103.0 / 101), within(EPS));
    assertThat(out[2]).isNaN();
    assertThat(out[3]).isNaN();
  }

  @Test
  void betweenSnapshotsTheLastOneAtOrBeforeTPlusHIsUsed() {
    long[] ts = {0, 3 * SEC, 6 * SEC};
    double[] mid = {100, 104, 90};
    double[] out = run(ts, mid, new int[3], 5 * SEC);
    // #0: t + H = 5 s, last snapshot with ts ≤ 5 s is #1 (3 s) → ln(104/100).
    assertThat(out[0]).isCloseTo(Math.log(1.04), within(EPS));
    assertThat(out[1]).isNaN(); // 8 s > 6 s
  }

  @Test
  void ofSeveralSnapshotsAtTheTargetTimeTheLastIsUsed() {
    long[] ts = {0, 5 * SEC, 5 * SEC, 5 * SEC};
    double[] mid = {100, 101, 102, 104};
    double[] out = run(ts, mid, new int[4], 5 * SEC);
    // #0: three snapshots at 5 s, the last in index order (#3) gives ln(104/100).
    assertThat(out[0]).isCloseTo(Math.log(1.04), within(EPS));
    // #1..#3: 10 s > 5 s → null.
    assertThat(out[1]).isNaN();
    assertThat(out[2]).isNaN();
    assertThat(out[3]).isNaN();
  }

  @Test
  void aTargetInALaterRunIsNull() {
    long[] ts = {0, SEC, 400 * SEC, 401 * SEC};
    double[] mid = {100, 101, 110, 111};
    int[] runId = {0, 0, 1, 1};
    double[] out400 = run(ts, mid, runId, 400 * SEC);
    // #0: t + H = 400 s → #2, which is in run 1 while #0 is in run 0 → null.
    // #1: 401 s → #3 in run 1 → null. #2: 800 s > 401 s → null.
    assertThat(out400).containsOnly(NaN);
    double[] out1 = run(ts, mid, runId, SEC);
    // H = 1 s: #0 → #1 (same run): ln(101/100). #2 → #3 (same run): ln(111/110).
    // #1: t + H = 2 s falls in the outage; the last snapshot at or before it is #1 itself
    // (same run), so the literal definition gives ln(101/101) = 0.
    assertThat(out1[0]).isCloseTo(Math.log(1.01), within(EPS));
    assertThat(out1[1]).isEqualTo(0.0);
    assertThat(out1[2]).isCloseTo(Math.log(111.0 / 110), within(EPS));
    assertThat(out1[3]).isNaN();
  }

  @Test
  void aNullMidAtEitherEndIsNull() {
    long[] ts = {0, SEC, 2 * SEC, 3 * SEC};
    double[] mid = {100, NaN, 102, 103};
    double[] out = run(ts, mid, new int[4], SEC);
    // #0 → #1 (null mid) → null. #1 (null mid) → #2 → null. #2 → #3: ln(103/102).
    assertThat(out[0]).isNaN();
    assertThat(out[1]).isNaN();
    assertThat(out[2]).isCloseTo(Math.log(103.0 / 102), within(EPS));
    assertThat(out[3]).isNaN();
  }

  @Test
  void emptyInput() {
    ForwardReturns.compute(0, new long[0], new double[0], new int[0], SEC, new double[0]);
  }

  @Property(tries = 300)
  void matchesALinearScanPerSnapshot(
      @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @LongRange(min = 1, max = 30) long h,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] ts = new long[n];
    double[] mid = new double[n];
    int[] runId = new int[n];
    for (int i = 0; i < n; i++) {
      boolean gap = i > 0 && rnd.nextInt(12) == 0;
      ts[i] = i == 0 ? 0 : ts[i - 1] + (gap ? 20 : rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(6));
      runId[i] = i == 0 ? 0 : runId[i - 1] + (gap ? 1 : 0);
      mid[i] = rnd.nextInt(10) == 0 ? NaN : 100 + rnd.nextInt(20);
    }
    double[] out = run(ts, mid, runId, h);
    for (int i = 0; i < n; i++) {
      long target = ts[i] + h;
      int j = -1;
      for (int m = 0; m < n; m++) {
        if (ts[m] <= target) {
          j = m;
        }
      }
      boolean isNull =
          target > ts[n - 1]
              || runId[j] != runId[i]
              || Double.isNaN(mid[i])
              || Double.isNaN(mid[j]);
      if (isNull) {
        assertThat(out[i]).as("row %d", i).isNaN();
      } else {
        assertThat(out[i]).as("row %d", i).isCloseTo(Math.log(mid[j] / mid[i]), within(EPS));
      }
    }
  }
}
