package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureRunsTest {
  private static final long S = 1_000_000L;
  private static final double NaN = Double.NaN;

  @Test
  void gapsLongerThanMaxGapAndRunStartsFromTheNullDeltas() {
    long[] t = {0, 1 * S, 2 * S, 400 * S, 401 * S, 1000 * S, 1300 * S};
    double[] delta = {NaN, 1000, 1000, NaN, 1000, NaN, 300_000};
    CaptureRuns r = CaptureRuns.of(t, delta, 300 * S);
    // 398 s and 599 s are gaps; 300 s exactly is not (a gap is longer than max_gap).
    assertThat(r.gaps())
        .containsExactly(new CaptureRuns.Gap(2 * S, 400 * S), new CaptureRuns.Gap(401 * S, 1000 * S));
    assertThat(r.runStarts()).isEqualTo(3);
    assertThat(r.longestIntervalMicros()).isEqualTo(599 * S);
    assertThat(CaptureRuns.of(t, null, 300 * S).runStarts()).isEqualTo(-1);
    assertThat(CaptureRuns.breaks(t, delta, 300 * S))
        .containsExactly(false, false, false, true, false, true, false);
  }

  @Test
  void regimeBandsHoldUntilTheNextSnapshotAndNormalHasNone() {
    long[] t = {0, 10, 20, 30, 40, 50, 60};
    String[] regime = {"normal", "wide", "wide", "normal", "tight", "tight", "normal"};
    assertThat(RegimeBands.of(t, regime, null, 1))
        .containsExactly(new RegimeBands.Band("wide", 10, 30), new RegimeBands.Band("tight", 40, 60));
    // A break at row 5: the tight band before it ends at its own last snapshot (zero width, so
    // none), the one after it runs to the next snapshot.
    boolean[] breaks = new boolean[7];
    breaks[5] = true;
    assertThat(RegimeBands.of(t, regime, breaks, 1)).containsExactly(
        new RegimeBands.Band("wide", 10, 30), new RegimeBands.Band("tight", 50, 60));
    // Bands of one regime closer than the merge distance become one; null regimes draw nothing.
    String[] flicker = {"wide", "normal", "wide", null, "wide", "normal", "normal"};
    assertThat(RegimeBands.of(t, flicker, null, 15))
        .isEqualTo(List.of(new RegimeBands.Band("wide", 0, 50)));
  }
}
