package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeBarsTest {
  private static final long HOUR = 3_600_000_000L;

  /** One emitted bar, columns by name. */
  record Bar(long start, double[] v) {
    double get(String column) {
      return v[VolumeBars.COLUMNS.indexOf(column)];
    }
  }

  /** Collects the bars. */
  static final class Bars implements VolumeBars.Sink {
    final List<Bar> bars = new ArrayList<>();

    @Override
    public void bar(long barStart, double[] values) {
      bars.add(new Bar(barStart, values));
    }
  }

  /**
   * Checks one bar against hand-worked values: index, start, end, open, high, low, close, volume,
   * buy, sell, vwap, trade_count, complete.
   */
  private static void assertBar(Bar b, double... expected) {
    assertThat(b.v()).hasSize(VolumeBars.COLUMNS.size());
    assertThat((double) b.start()).as("bar_start").isEqualTo(expected[1]);
    assertThat(b.get("bar_index")).as("bar_index").isEqualTo(expected[0]);
    assertThat(b.get("bar_end")).as("bar_end").isEqualTo(expected[2]);
    for (int c = 2; c < VolumeBars.COLUMNS.size(); c++) {
      String name = VolumeBars.COLUMNS.get(c);
      assertClose(name, expected[c + 1], b.get(name));
    }
  }

  @Test
  void columns() {
    assertThat(VolumeBars.COLUMNS)
        .containsExactly(
            "bar_index",
            "bar_end",
            "open",
            "high",
            "low",
            "close",
            "volume",
            "buy_volume",
            "sell_volume",
            "vwap",
            "trade_count",
            "complete");
  }

  @Test
  void tradeSplitAcrossTwoBarsAndFinalIncompleteBar() {
    VolumeBars vb = new VolumeBars(10);
    Bars out = new Bars();
    vb.add(100, true, 100, 4, out);
    vb.add(200, false, 102, 3, out);
    assertThat(out.bars).isEmpty(); // 7 < 10
    // buy 5 @ 101: 3 fill bar 0 (4 + 3 + 3 = 10), the remaining 2 open bar 1
    vb.add(300, true, 101, 5, out);
    assertThat(out.bars).hasSize(1);
    // bar 0: buy 4 + 3 = 7, sell 3; vwap = (100·4 + 102·3 + 101·3) / 10 = (400 + 306 + 303) / 10
    //   = 100.9
    assertBar(out.bars.get(0), 0, 100, 300, 100, 102, 100, 101, 10, 7, 3, 100.9, 3, 1);
    vb.add(400, false, 99, 1, out);
    vb.finish(out);
    // bar 1 (incomplete): buy 2 @ 101 (the remainder), sell 1 @ 99; volume 3;
    // vwap = (101·2 + 99·1) / 3 = 301 / 3; trade_count 2 (the split trade counts again)
    assertThat(out.bars).hasSize(2);
    assertBar(out.bars.get(1), 1, 300, 400, 101, 101, 99, 99, 3, 2, 1, 301.0 / 3, 2, 0);
  }

  @Test
  void oneTradeSpanningThreeBars() {
    VolumeBars vb = new VolumeBars(5);
    Bars out = new Bars();
    vb.add(10, true, 50, 2, out);
    // sell 12 @ 51: 3 complete bar 0, 5 fill bar 1, 4 open bar 2
    vb.add(20, false, 51, 12, out);
    assertThat(out.bars).hasSize(2);
    // bar 0: buy 2 @ 50, sell 3 @ 51; vwap = (100 + 153) / 5 = 50.6
    assertBar(out.bars.get(0), 0, 10, 20, 50, 51, 50, 51, 5, 2, 3, 50.6, 2, 1);
    // bar 1: only the middle piece, sell 5 @ 51, starting and ending at t = 20
    assertBar(out.bars.get(1), 1, 20, 20, 51, 51, 51, 51, 5, 0, 5, 51, 1, 1);
    // buy 1 @ 49 fills bar 2 exactly: sell 4 @ 51 + buy 1 @ 49; vwap = (204 + 49) / 5 = 50.6
    vb.add(30, true, 49, 1, out);
    assertThat(out.bars).hasSize(3);
    assertBar(out.bars.get(2), 2, 20, 30, 51, 51, 49, 49, 5, 1, 4, 50.6, 2, 1);
    vb.finish(out);
    assertThat(out.bars).hasSize(3); // the exact fill left no bar open
  }

  @Test
  void exactFillOpensNoEmptyBar() {
    VolumeBars vb = new VolumeBars(10);
    Bars out = new Bars();
    vb.add(1, true, 100, 6, out);
    vb.add(2, true, 100, 4, out); // 6 + 4 = 10 exactly
    assertThat(out.bars).hasSize(1);
    vb.finish(out);
    assertThat(out.bars).hasSize(1); // nothing left open

    // The next trade after an exact fill opens bar 1 at its own capture_ts (not at t = 2).
    VolumeBars next = new VolumeBars(10);
    Bars more = new Bars();
    next.add(1, true, 100, 6, more);
    next.add(2, true, 100, 4, more);
    next.add(7, false, 101, 2, more);
    next.finish(more);
    assertThat(more.bars).hasSize(2);
    assertBar(more.bars.get(1), 1, 7, 7, 101, 101, 101, 101, 2, 0, 2, 101, 1, 0);

    // One trade of exactly the bar size: one bar; vwap = 20·10 / 10 = 20
    VolumeBars single = new VolumeBars(10);
    Bars one = new Bars();
    single.add(5, false, 20, 10, one);
    single.finish(one);
    assertThat(one.bars).hasSize(1);
    assertBar(one.bars.get(0), 0, 5, 5, 20, 20, 20, 20, 10, 0, 10, 20, 1, 1);
  }

  @Test
  void floatShortfallWithinOneBillionthCompletesTheBar() {
    VolumeBars vb = new VolumeBars(1);
    Bars out = new Bars();
    for (int i = 0; i < 10; i++) {
      vb.add(i, true, 10, 0.1, out);
    }
    // ten 0.1s sum to 0.9999999999999999: within 1e-9 of 1, so one complete bar of 10 trades
    assertThat(out.bars).hasSize(1);
    assertBar(out.bars.get(0), 0, 0, 9, 10, 10, 10, 10, 1, 1, 0, 10, 10, 1);
    vb.finish(out);
    assertThat(out.bars).hasSize(1); // the shortfall is not owed to a next bar
  }

  @Test
  void completionToleranceIsOneBillionthOfTheBarSize() {
    Bars out = new Bars();
    VolumeBars within = new VolumeBars(1);
    within.add(1, true, 10, 1 - 5e-10, out); // short by 5e-10 <= 1e-9·1: complete
    assertThat(out.bars).hasSize(1);
    assertThat(out.bars.get(0).get("complete")).isEqualTo(1.0);

    out.bars.clear();
    VolumeBars outside = new VolumeBars(1);
    outside.add(1, true, 10, 1 - 2e-9, out); // short by 2e-9 > 1e-9: still open
    assertThat(out.bars).isEmpty();
    outside.add(2, false, 10, 2e-9, out); // now full: (1 - 2e-9) + 2e-9 = 1
    assertThat(out.bars).hasSize(1);
    assertThat(out.bars.get(0).get("volume")).isCloseTo(1.0, within(1e-15));
    assertThat(out.bars.get(0).get("trade_count")).isEqualTo(2.0);

    // From above: an overshoot of at most 1e-9·size stays in the bar instead of opening a dust
    // bar; a larger one is split.
    out.bars.clear();
    VolumeBars over = new VolumeBars(1);
    over.add(1, true, 10, 0.5, out);
    over.add(2, true, 10, 0.5 + 5e-10, out); // 1 + 5e-10: one bar, whole trade in it
    over.finish(out);
    assertThat(out.bars).hasSize(1);
    assertClose("volume", 1 + 5e-10, out.bars.get(0).get("volume"));

    out.bars.clear();
    VolumeBars split = new VolumeBars(1);
    split.add(1, true, 10, 0.5, out);
    split.add(2, true, 10, 0.5 + 2e-9, out); // 0.5 completes bar 0, 2e-9 opens bar 1
    split.finish(out);
    assertThat(out.bars).hasSize(2);
    assertThat(out.bars.get(0).get("volume")).isEqualTo(1.0);
    // (0.5 + 2e-9) - 0.5 = 2e-9, up to the rounding of 0.5 + 2e-9 (ulp 1.1e-16)
    assertThat(out.bars.get(1).get("volume")).isCloseTo(2e-9, within(1e-15));
    assertThat(out.bars.get(1).get("complete")).isEqualTo(0.0);
  }

  @Test
  void zeroAmountTradesCountButAddNoVolume() {
    VolumeBars vb = new VolumeBars(10);
    Bars out = new Bars();
    vb.add(1, true, 100, 0, out); // opens bar 0 with no volume
    vb.add(2, false, 98, 4, out);
    vb.add(3, true, 103, 0, out); // high 103, close 103, no volume
    vb.add(4, true, 101, 6, out); // 4 + 6 = 10: closes bar 0
    // bar 0: 4 trades; open 100 (the zero trade's price), high 103, low 98, close 101;
    // buy 6, sell 4; vwap = (98·4 + 101·6) / 10 = (392 + 606) / 10 = 99.8
    assertBar(out.bars.get(0), 0, 1, 4, 100, 103, 98, 101, 10, 6, 4, 99.8, 4, 1);
    vb.add(5, false, 99, 0, out); // a zero trade after an exact fill opens bar 1
    vb.finish(out);
    // bar 1: one trade, no volume -> vwap null
    assertThat(out.bars).hasSize(2);
    assertBar(out.bars.get(1), 1, 5, 5, 99, 99, 99, 99, 0, 0, 0, Double.NaN, 1, 0);
  }

  @Test
  void emptyInputAndDisabledSizeGiveNoBars() {
    Bars out = new Bars();
    new VolumeBars(10).finish(out);
    assertThat(out.bars).isEmpty();
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      VolumeBars vb = new VolumeBars(bad);
      vb.add(1, true, 100, 5, out);
      vb.add(2, false, 100, 50, out);
      vb.finish(out);
      assertThat(out.bars).as("bar size %s", bad).isEmpty();
    }
  }

  @Test
  void invalidAmountsAreIgnored() {
    VolumeBars vb = new VolumeBars(10);
    Bars out = new Bars();
    vb.add(1, true, 100, Double.NaN, out);
    vb.add(2, true, 100, -1, out);
    vb.add(3, true, 100, Double.POSITIVE_INFINITY, out);
    vb.finish(out);
    assertThat(out.bars).isEmpty();
  }

  @Test
  void finishMakesTheInstanceReadyForAnotherKey() {
    VolumeBars vb = new VolumeBars(2);
    Bars out = new Bars();
    vb.add(1, true, 10, 3, out); // bar 0 complete, bar 1 open with 1
    vb.finish(out);
    vb.add(9, false, 20, 1, out);
    vb.finish(out);
    assertThat(out.bars).extracting(b -> b.get("bar_index")).containsExactly(0.0, 1.0, 0.0);
    assertThat(out.bars.get(2).start()).isEqualTo(9);
  }

  @Test
  void hugeTradeFillsManyBarsAndAHopelessSizeFailsLoudly() {
    VolumeBars vb = new VolumeBars(0.5);
    Bars out = new Bars();
    vb.add(1, true, 10, 1000.25, out); // 2000 whole bars, 0.25 left open
    vb.finish(out);
    assertThat(out.bars).hasSize(2001);
    assertThat(out.bars.get(2000).get("volume")).isEqualTo(0.25);
    assertThat(out.bars.get(2000).get("complete")).isEqualTo(0.0);

    VolumeBars tiny = new VolumeBars(1e-20);
    assertThatThrownBy(() -> tiny.add(1, true, 10, 1e3, (s, v) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }

  @Test
  void defaultBarSize() {
    // 100 base over 2 h: 100 / (50·2) = 1
    assertThat(VolumeBars.defaultBarSize(100, 0, 2 * HOUR)).isEqualTo(1.0);
    // 100 over 30 min: 100 / (50·0.5) = 4
    assertThat(VolumeBars.defaultBarSize(100, HOUR, HOUR + HOUR / 2)).isEqualTo(4.0);
    // span 0 (one trade, or all at one capture_ts) counts as one hour: 100 / (50·1) = 2
    assertThat(VolumeBars.defaultBarSize(100, 5 * HOUR, 5 * HOUR)).isEqualTo(2.0);
    // no volume: no size
    assertThat(VolumeBars.defaultBarSize(0, 0, HOUR)).isNaN();
    assertThat(VolumeBars.defaultBarSize(-3, 0, HOUR)).isNaN();
    assertThat(VolumeBars.defaultBarSize(Double.NaN, 0, HOUR)).isNaN();
    assertThatThrownBy(() -> VolumeBars.defaultBarSize(1, HOUR, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
