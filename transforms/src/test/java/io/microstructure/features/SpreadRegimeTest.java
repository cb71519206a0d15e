package io.microstructure.features;

import static io.microstructure.features.SpreadRegime.NORMAL;
import static io.microstructure.features.SpreadRegime.TIGHT;
import static io.microstructure.features.SpreadRegime.WIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SpreadRegimeTest {

  private static final long SEC = 1_000_000L;
  private static final long WINDOW = 300 * SEC;
  private static final double NaN = Double.NaN;

  private double[] percentile;
  private byte[] regime;

  /** One run, snapshots one second apart, all inside the 300 s window. */
  private void run(double... spreads) {
    long[] ts = new long[spreads.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = i * SEC;
    }
    boolean[] runStart = new boolean[spreads.length];
    runStart[0] = true;
    run(ts, spreads, runStart, WINDOW);
  }

  private void run(long[] ts, double[] spreads, boolean[] runStart, long window) {
    percentile = new double[spreads.length];
    regime = new byte[spreads.length];
    new SpreadRegime().compute(spreads.length, ts, spreads, runStart, window, percentile, regime);
  }

  private static byte[] states(byte... s) {
    return s;
  }

  @Test
  void namesAndColumns() {
    assertThat(SpreadRegime.name(TIGHT)).isEqualTo("tight");
    assertThat(SpreadRegime.name(NORMAL)).isEqualTo("normal");
    assertThat(SpreadRegime.name(WIDE)).isEqualTo("wide");
    assertThatThrownBy(() -> SpreadRegime.name((byte) 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SpreadRegime.columnNames()).containsExactly("spread_percentile", "spread_regime");
  }

  @Test
  void normalToWideThenBackToNormal() {
    run(2, 2, 4, 2);
    // #0 {2}: med 2, 2 > 3? no, 2 < 1.5? no → normal. #1 {2,2}: med 2 → normal.
    // #2 {2,2,4}: med 2, 4 > 1.5·2 = 3 → wide.
    // #3 {2,2,2,4}: med (2+2)/2 = 2, 2 ≤ 1.2·2 = 2.4 → normal.
    assertThat(regime).containsExactly(NORMAL, NORMAL, WIDE, NORMAL);
  }

  @Test
  void wideStaysWideAboveTheExitThresholdEvenBelowTheEntryOne() {
    run(2, 2, 2, 2, 2, 4, 2.6);
    // #5 {2,2,2,2,2,4}: med 2, 4 > 3 → wide.
    // #6 {2,2,2,2,2,2.6,4}: med 2; 2.6 = 1.3·med > 2.4 → stays wide (though 2.6 < 3 = entry).
    assertThat(regime[5]).isEqualTo(WIDE);
    assertThat(regime[6]).isEqualTo(WIDE);
  }

  @Test
  void normalToTightAndBack() {
    run(2, 2, 1, 1.8);
    // #2 {1,2,2}: med 2, 1 > 3? no; 1 < 0.75·2 = 1.5 → tight.
    // #3 {1,1.8,2,2}: med (1.8+2)/2 = 1.9, 1.8 ≥ 0.9·1.9 = 1.71 → normal.
    assertThat(regime).containsExactly(NORMAL, NORMAL, TIGHT, NORMAL);
  }

  @Test
  void tightStaysTightBelowTheExitThresholdEvenAboveTheEntryOne() {
    run(2, 2, 1, 1.6);
    // #3 {1,1.6,2,2}: med (1.6+2)/2 = 1.8; 1.6 < 0.9·1.8 = 1.62 → stays tight
    // (though 1.6 ≥ 0.75·1.8 = 1.35, so normal would not enter tight here).
    assertThat(regime).containsExactly(NORMAL, NORMAL, TIGHT, TIGHT);
  }

  @Test
  void atMostOneTransitionPerSnapshot() {
    run(2, 2, 2, 2, 2, 4, 1, 1);
    // #5: wide (as above). #6 {1,2,2,2,2,2,4}: med 2, 1 ≤ 2.4 → normal only, not on to tight
    // although 1 < 0.75·2 = 1.5. #7 {1,1,2,2,2,2,2,4}: med 2, normal → tight (1 < 1.5).
    assertThat(regime).containsExactly(NORMAL, NORMAL, NORMAL, NORMAL, NORMAL, WIDE, NORMAL, TIGHT);
  }

  @Test
  void runStartResetsTheStateButNotTheWindow() {
    long[] ts = {0, SEC, 2 * SEC, 3 * SEC, 4 * SEC, 5 * SEC, 6 * SEC};
    double[] spreads = {2, 2, 2, 2, 2, 4, 2.6};
    boolean[] runStart = {true, false, false, false, false, false, true};
    run(ts, spreads, runStart, WINDOW);
    // #6 starts a run: state normal before it. The window still holds #0..#6, med 2:
    // 2.6 > 3? no, 2.6 < 1.5? no → normal (without the reset it stays wide, see above).
    // Percentile uses the unreset window: 6 of 7 values ≤ 2.6.
    assertThat(regime[5]).isEqualTo(WIDE);
    assertThat(regime[6]).isEqualTo(NORMAL);
    assertThat(percentile[6]).isCloseTo(6.0 / 7, within(1e-15));
  }

  @Test
  void theFirstSnapshotOfARunCanTransitionFromNormal() {
    long[] ts = {0, SEC, 2 * SEC};
    double[] spreads = {2, 2, 10};
    boolean[] runStart = {true, false, true};
    run(ts, spreads, runStart, WINDOW);
    // #2 {2,2,10}: med 2, state normal at the run start, 10 > 3 → wide at once.
    assertThat(regime).containsExactly(NORMAL, NORMAL, WIDE);
  }

  @Test
  void nullSpreadKeepsTheStateGivesNullPercentileAndStaysOutOfTheWindow() {
    run(2, 2, 4, NaN, 2);
    // #3 null: percentile null, state stays wide.
    // #4 {2,2,2,4} (the null is not a value): med 2, 2 ≤ 2.4 → normal; 3 of 4 ≤ 2 → 0.75.
    assertThat(regime).containsExactly(NORMAL, NORMAL, WIDE, WIDE, NORMAL);
    assertThat(percentile[3]).isNaN();
    assertThat(percentile[4]).isEqualTo(0.75);
  }

  @Test
  void nullAtARunStartGivesNormal() {
    long[] ts = {0, SEC, 2 * SEC, 3 * SEC};
    double[] spreads = {2, 2, 4, NaN};
    boolean[] runStart = {true, false, false, true};
    run(ts, spreads, runStart, WINDOW);
    assertThat(regime).containsExactly(NORMAL, NORMAL, WIDE, NORMAL);
  }

  @Test
  void evenCountMedianIsTheMeanOfTheTwoMiddleValues() {
    // A run start at every snapshot makes each regime "normal → ?" of (s, med) alone.
    long[] ts = {0, SEC, 2 * SEC, 3 * SEC};
    boolean[] allStarts = {true, true, true, true};
    // Window {0.1, 0.2, 10, 1}: middle 0.2 and 1, med 0.6; 1 > 1.5·0.6 = 0.9 → wide.
    // (upper middle 1 as med: 1 > 1.5 fails → normal; so med is not the upper middle.)
    run(ts, new double[] {0.1, 0.2, 10, 1}, allStarts, WINDOW);
    assertThat(regime[3]).isEqualTo(WIDE);
    // Window {0.1, 2, 10, 1}: middle 1 and 2, med 1.5; 1 < 0.75·1.5 = 1.125 → tight.
    // (lower middle 1 as med: 1 < 0.75 fails → normal; so med is not the lower middle.)
    run(ts, new double[] {0.1, 2, 10, 1}, allStarts, WINDOW);
    assertThat(regime[3]).isEqualTo(TIGHT);
  }

  @Test
  void windowExcludesTheSnapshotExactlyAWindowEarlier() {
    long[] ts = {0, 1, 10 * SEC};
    double[] spreads = {100, 2, 2.5};
    boolean[] runStart = {true, false, false};
    run(ts, spreads, runStart, 10 * SEC);
    // #2 at 10 s: window ts > 0 → {2, 2.5}; #0 (ts 0) out, #1 (ts 1 µs) in.
    // percentile 2/2 = 1 (with #0 it would be 2/3).
    // #1 {100, 2}: med 51, 2 < 38.25 → tight. #2: med 2.25, 2.5 ≥ 2.025 → normal.
    assertThat(percentile[2]).isEqualTo(1.0);
    assertThat(regime).containsExactly(NORMAL, TIGHT, NORMAL);
  }

  @Test
  void percentileCountsTiesAsLessOrEqual() {
    run(2, 1, 2, 3, 2, -0.0, 0.0);
    // #1 {2,1}: ≤ 1 → 1/2. #2 {2,1,2}: ≤ 2 → 3/3. #3 {2,1,2,3}: 4/4.
    // #4 {2,1,2,3,2}: ≤ 2 → 4/5. #5 adds −0.0: ≤ −0.0 → 1/6.
    // #6 adds 0.0, equal to −0.0: ≤ 0 → 2/7.
    assertThat(percentile[0]).isEqualTo(1.0);
    assertThat(percentile[1]).isEqualTo(0.5);
    assertThat(percentile[2]).isEqualTo(1.0);
    assertThat(percentile[3]).isEqualTo(1.0);
    assertThat(percentile[4]).isEqualTo(0.8);
    assertThat(percentile[5]).isEqualTo(1.0 / 6);
    assertThat(percentile[6]).isEqualTo(2.0 / 7);
  }

  @Test
  void allNullSpreadsAndEmptyInput() {
    run(NaN, NaN);
    assertThat(percentile).containsOnly(NaN);
    assertThat(regime).containsExactly(NORMAL, NORMAL);
    run(new long[0], new double[0], new boolean[0], WINDOW);
    assertThat(regime).isEmpty();
  }

  @Property(tries = 300)
  void matchesANaiveSortTheWindowRecomputation(
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @LongRange(min = 1, max = 40) long window,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] ts = new long[n];
    double[] spreads = new double[n];
    boolean[] runStart = new boolean[n];
    double[] palette = {0.5, 1, 1, 1.2, 1.5, 2, 2, 2.5, 3, 4, 8};
    for (int i = 0; i < n; i++) {
      ts[i] = i == 0 ? 0 : ts[i - 1] + (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(8));
      int k = rnd.nextInt(12);
      spreads[i] = k == 0 ? NaN : k < 6 ? palette[rnd.nextInt(palette.length)] : rnd.nextDouble();
      runStart[i] = i == 0 || rnd.nextInt(15) == 0;
    }
    SpreadRegime sr = new SpreadRegime();
    // Run a larger series first so that reused scratch must not leak into this call.
    double[] junk = new double[n + 7];
    Arrays.fill(junk, 3.0);
    sr.compute(
        n + 7, new long[n + 7], junk, new boolean[n + 7], 5, new double[n + 7], new byte[n + 7]);
    double[] pct = new double[n];
    byte[] reg = new byte[n];
    sr.compute(n, ts, spreads, runStart, window, pct, reg);

    byte state = NORMAL;
    for (int i = 0; i < n; i++) {
      double[] w = new double[n];
      int c = 0;
      for (int m = 0; m <= i; m++) {
        if (ts[m] > ts[i] - window && !Double.isNaN(spreads[m])) {
          w[c++] = spreads[m];
        }
      }
      Arrays.sort(w, 0, c);
      if (runStart[i]) {
        state = NORMAL;
      }
      double s = spreads[i];
      if (Double.isNaN(s)) {
        assertThat(pct[i]).isNaN();
      } else {
        int le = 0;
        for (int j = 0; j < c; j++) {
          if (w[j] <= s) {
            le++;
          }
        }
        assertThat(pct[i]).as("percentile %d", i).isEqualTo((double) le / c);
        double med = c % 2 == 1 ? w[c / 2] : (w[c / 2 - 1] + w[c / 2]) / 2;
        if (state == NORMAL) {
          state = s > 1.5 * med ? WIDE : s < 0.75 * med ? TIGHT : NORMAL;
        } else if (state == WIDE) {
          state = s <= 1.2 * med ? NORMAL : WIDE;
        } else {
          state = s >= 0.9 * med ? NORMAL : TIGHT;
        }
      }
      assertThat(reg[i]).as("regime %d", i).isEqualTo(state);
    }
  }
}
