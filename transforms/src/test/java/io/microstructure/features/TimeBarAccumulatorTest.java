package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TimeBarAccumulatorTest {
  private static final double NAN = Double.NaN;
  private static final int OPEN = 1, HIGH = 2, LOW = 3, CLOSE = 4, AVG_SPREAD = 5, AVG_BPS = 6;
  private static final int OFI = 7, MLOFI = 8, RVAR = 9, SUMSQ = 10, TICKS = 11;
  private static final int BUY = 12, SELL = 13, TRADES = 14, VWAP = 15, TFI = 16;

  private final double r1 = Math.log(101.0 / 100.0);
  private final double r2 = Math.log(99.0 / 101.0);

  private void snapshots(TimeBarAccumulator a, int... which) {
    for (int w : which) {
      switch (w) {
        case 0:
          a.addSnapshot(1, 100, 1, 100, NAN, NAN, NAN);
          break;
        case 1:
          a.addSnapshot(2, 101, 2, 198, 3, 4, r1);
          break;
        default:
          a.addSnapshot(5, 99, NAN, NAN, -1, 0.5, r2);
      }
    }
  }

  @Test
  void aggregatesSnapshotsAndTradesByHand() {
    TimeBarAccumulator a = new TimeBarAccumulator();
    snapshots(a, 0, 1, 2);
    a.addTrade(true, 100, 1);
    a.addTrade(false, 102, 3);
    double[] v = a.values(60_000_000L);

    assertThat(v[0]).isEqualTo(60_000_000.0);
    assertThat(v[OPEN]).isEqualTo(100.0);
    assertThat(v[HIGH]).isEqualTo(101.0);
    assertThat(v[LOW]).isEqualTo(99.0);
    assertThat(v[CLOSE]).isEqualTo(99.0);
    assertThat(v[AVG_SPREAD]).isEqualTo(1.5); // (1 + 2) / 2; the null is skipped
    assertThat(v[AVG_BPS]).isEqualTo(149.0); // (100 + 198) / 2
    assertThat(v[OFI]).isEqualTo(2.0); // 3 − 1, null as 0
    assertThat(v[MLOFI]).isEqualTo(4.5);
    // Two returns: sample variance = (r1 − r2)² / 2.
    assertThat(v[RVAR]).isCloseTo((r1 - r2) * (r1 - r2) / 2, within(1e-15));
    assertThat(v[SUMSQ]).isCloseTo(r1 * r1 + r2 * r2, within(1e-15));
    assertThat(v[TICKS]).isEqualTo(3);
    assertThat(v[BUY]).isEqualTo(1.0);
    assertThat(v[SELL]).isEqualTo(3.0);
    assertThat(v[TRADES]).isEqualTo(2);
    assertThat(v[VWAP]).isEqualTo(101.5); // (100·1 + 102·3) / 4
    assertThat(v[TFI]).isEqualTo(-0.5); // (1 − 3) / 4
  }

  @Test
  void mergeInAnyOrderGivesTheSameBar() {
    TimeBarAccumulator whole = new TimeBarAccumulator();
    snapshots(whole, 0, 1, 2);
    // Partial accumulators see the inputs out of order; open/close follow the ordinals.
    TimeBarAccumulator late = new TimeBarAccumulator();
    snapshots(late, 2);
    TimeBarAccumulator early = new TimeBarAccumulator();
    snapshots(early, 1, 0);
    TimeBarAccumulator merged = new TimeBarAccumulator();
    merged.merge(late);
    merged.merge(early);
    double[] a = whole.values(0);
    double[] b = merged.values(0);
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])) {
        assertThat(b[i]).as("column %d", i).isNaN();
      } else {
        assertThat(b[i])
            .as("column %d", i)
            .isCloseTo(a[i], within(1e-15 * Math.max(1, Math.abs(a[i]))));
      }
    }
  }

  @Test
  void barWithOnlyTradesHasNullSnapshotColumnsAndZeroTicks() {
    TimeBarAccumulator a = new TimeBarAccumulator();
    a.addTrade(true, 10, 2);
    double[] v = a.values(0);
    for (int c : new int[] {OPEN, HIGH, LOW, CLOSE, AVG_SPREAD, AVG_BPS, OFI, MLOFI, RVAR, SUMSQ}) {
      assertThat(v[c]).as("column %d", c).isNaN();
    }
    assertThat(v[TICKS]).isEqualTo(0);
    assertThat(v[TRADES]).isEqualTo(1);
    assertThat(v[VWAP]).isEqualTo(10.0);
  }

  @Test
  void barWithSnapshotsButNoTradesHasZeroVolumesAndNullVwap() {
    TimeBarAccumulator a = new TimeBarAccumulator();
    snapshots(a, 0);
    double[] v = a.values(0);
    assertThat(v[BUY]).isEqualTo(0.0);
    assertThat(v[TRADES]).isEqualTo(0);
    assertThat(v[VWAP]).isNaN();
    assertThat(v[TFI]).isNaN();
    assertThat(v[RVAR]).isNaN(); // fewer than 2 returns
    assertThat(v[SUMSQ]).isEqualTo(0.0); // snapshots present, no returns
    assertThat(v[OFI]).isEqualTo(0.0);
  }

  @Test
  void serialisesEveryField() throws IOException {
    TimeBarAccumulator a = new TimeBarAccumulator();
    snapshots(a, 0, 1, 2);
    a.addTrade(false, 3, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeTo(new DataOutputStream(bytes));
    TimeBarAccumulator b =
        TimeBarAccumulator.readFrom(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(b.values(7)).containsExactly(a.values(7));
  }
}
