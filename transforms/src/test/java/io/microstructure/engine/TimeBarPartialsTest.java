package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.TimeBarAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The replay's partial bar aggregates: one per bar window as events move on, whose merge per window
 * is the aggregate of that window's events, also when a window comes back.
 */
class TimeBarPartialsTest {
  private static final long S = 1_000_000L;
  private static final List<String> C = TimeBarAccumulator.COLUMNS;

  private static final class Partial {
    final long duration;
    final long start;
    final TimeBarAccumulator bar;

    Partial(long duration, long start, TimeBarAccumulator bar) {
      this.duration = duration;
      this.start = start;
      this.bar = bar;
    }
  }

  @Test
  void eventsInOrderGiveOnePartialPerWindowAndDuration() {
    List<Partial> out = new ArrayList<>();
    TimeBarPartials bars =
        new TimeBarPartials(new long[] {60, 300}, (d, s, b) -> out.add(new Partial(d, s, b)));
    // Minute 0: two snapshots and a trade; minute 1: one snapshot; minute 5: one trade.
    bars.snapshot(10 * S, 0, 100, 1, 100, 2, 3, Double.NaN);
    bars.trade(20 * S, true, 101, 2);
    bars.snapshot(59 * S, 2, 102, 1, 98, -1, -1, Math.log(102 / 100.0));
    bars.snapshot(61 * S, 3, 104, 2, 192, 5, 5, Math.log(104 / 102.0));
    bars.trade(301 * S, false, 99, 1);
    bars.finish();

    List<String> minute = new ArrayList<>();
    for (Partial p : out) {
      if (p.duration == 60) {
        double[] v = p.bar.values(p.start + 60 * S);
        minute.add(
            p.start / S
                + ": ticks "
                + v[C.indexOf("tick_count")]
                + " trades "
                + v[C.indexOf("trade_count")]
                + " open "
                + v[C.indexOf("open")]
                + " close "
                + v[C.indexOf("close")]);
      }
    }
    assertThat(minute)
        .containsExactly(
            "0: ticks 2.0 trades 1.0 open 100.0 close 102.0",
            "60: ticks 1.0 trades 0.0 open 104.0 close 104.0",
            "300: ticks 0.0 trades 1.0 open NaN close NaN");
    // The five-minute bars: [0, 300) with three snapshots and one trade, [300, 600) one trade.
    List<Partial> five =
        out.stream().filter(p -> p.duration == 300).collect(java.util.stream.Collectors.toList());
    assertThat(five).extracting(p -> p.start / S).containsExactly(0L, 300L);
    double[] first = five.get(0).bar.values(300 * S);
    assertThat(first[C.indexOf("tick_count")]).isEqualTo(3);
    assertThat(first[C.indexOf("total_ofi")]).isEqualTo(2 - 1 + 5);
    assertThat(first[C.indexOf("high")]).isEqualTo(104);
    assertThat(first[C.indexOf("low")]).isEqualTo(100);
  }

  @Test
  void partialsOfARevisitedWindowMergeToTheAggregateOfAllItsEvents() {
    // Arrival order may go back in time: the window [0, 60) leaves twice.
    Random rnd = new Random(3);
    List<Partial> out = new ArrayList<>();
    TimeBarPartials bars =
        new TimeBarPartials(new long[] {60}, (d, s, b) -> out.add(new Partial(d, s, b)));
    TimeBarAccumulator direct = new TimeBarAccumulator();
    long[] times = {5, 30, 70, 80, 40, 50, 90};
    for (int i = 0; i < times.length; i++) {
      double mid = 100 + rnd.nextInt(10);
      bars.snapshot(times[i] * S, i, mid, 1, 100, i, i, Double.NaN);
      if (times[i] < 60) {
        direct.addSnapshot(i, mid, 1, 100, i, i, Double.NaN);
      }
    }
    bars.finish();
    TimeBarAccumulator merged = new TimeBarAccumulator();
    int pieces = 0;
    for (Partial p : out) {
      if (p.start == 0) {
        merged.merge(p.bar);
        pieces++;
      }
    }
    assertThat(pieces).isEqualTo(2);
    assertThat(merged.values(60 * S)).containsExactly(direct.values(60 * S));
  }
}
