package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.VolumeBarsTest.Bar;
import io.microstructure.features.VolumeBarsTest.Bars;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class VolumeBarsPropertiesTest {

  /** Amount in units of 1/8 so that every sum is exact and fills hit the size exactly often. */
  record Trade(int dt, boolean buy, double price, int eighths) {}

  record RealTrade(boolean buy, double price, double amount) {}

  @Provide
  Arbitrary<List<Trade>> trades() {
    Arbitrary<Trade> trade =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false),
                Arbitraries.doubles().between(90, 110),
                Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(0)),
                    Tuple.of(9, Arbitraries.integers().between(1, 200))))
            .as(Trade::new);
    return trade.list().ofMaxSize(150);
  }

  /**
   * The bars straight from the definition, by cumulative volume position in integer eighths: bar j
   * covers cumulative volume [j·size, (j+1)·size); a trade covering (c0, c1] touches the bars that
   * interval overlaps, a zero-amount trade the bar at position c0. Returns rows of bar_start then
   * the COLUMNS. Shares nothing with VolumeBars.
   */
  private static List<double[]> naive(List<Trade> trades, int sizeEighths) {
    List<double[]> bars = new ArrayList<>();
    long c0 = 0;
    long ts = 0;
    for (Trade t : trades) {
      ts += t.dt();
      double p = t.price();
      long c1 = c0 + t.eighths();
      long first = c0 / sizeEighths;
      long last = t.eighths() == 0 ? first : (c1 + sizeEighths - 1) / sizeEighths - 1;
      for (long j = first; j <= last; j++) {
        long piece = Math.min(c1, (j + 1) * sizeEighths) - Math.max(c0, j * sizeEighths);
        double v = piece / 8.0;
        if (bars.size() == j) {
          // start, index, end, open, high, low, close, volume, buy, sell, notional, count, complete
          bars.add(new double[] {ts, j, 0, p, p, p, 0, 0, 0, 0, 0, 0, 0});
        }
        double[] b = bars.get((int) j);
        b[2] = ts;
        b[4] = Math.max(b[4], p);
        b[5] = Math.min(b[5], p);
        b[6] = p;
        b[7] += v;
        b[t.buy() ? 8 : 9] += v;
        b[10] += p * v;
        b[11]++;
      }
      c0 = c1;
    }
    for (double[] b : bars) {
      b[10] = b[7] > 0 ? b[10] / b[7] : Double.NaN;
      b[12] = (b[1] + 1) * sizeEighths <= c0 ? 1 : 0;
    }
    return bars;
  }

  @Property
  void matchesTheCumulativePositionDefinition(
      @ForAll("trades") List<Trade> trades, @ForAll @IntRange(min = 1, max = 400) int sizeEighths) {
    VolumeBars vb = new VolumeBars(sizeEighths / 8.0);
    Bars out = new Bars();
    long ts = 0;
    for (Trade t : trades) {
      ts += t.dt();
      vb.add(ts, t.buy(), t.price(), t.eighths() / 8.0, out);
    }
    vb.finish(out);
    List<double[]> want = naive(trades, sizeEighths);
    assertThat(out.bars).hasSize(want.size());
    for (int j = 0; j < want.size(); j++) {
      Bar got = out.bars.get(j);
      double[] w = want.get(j);
      assertThat((double) got.start()).as("bar %d start", j).isEqualTo(w[0]);
      for (int c = 0; c < VolumeBars.COLUMNS.size(); c++) {
        String name = VolumeBars.COLUMNS.get(c);
        if (name.equals("vwap")) {
          assertClose("bar " + j + " vwap", w[c + 1], got.v()[c]);
        } else {
          // Dyadic amounts: volumes are exact, so everything but vwap must match to the bit.
          assertThat(got.v()[c]).as("bar %d %s", j, name).isEqualTo(w[c + 1]);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<RealTrade>> realTrades() {
    Arbitrary<RealTrade> trade =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.doubles().between(90, 110),
                Arbitraries.doubles().between(0, 30))
            .as(RealTrade::new);
    return trade.list().ofMaxSize(200);
  }

  @Property
  void barsConserveVolumeAndStayWithinTheirBounds(
      @ForAll("realTrades") List<RealTrade> trades,
      @ForAll @DoubleRange(min = 0.01, max = 50) double size) {
    VolumeBars vb = new VolumeBars(size);
    Bars out = new Bars();
    double total = 0;
    for (int i = 0; i < trades.size(); i++) {
      RealTrade t = trades.get(i);
      vb.add(i, t.buy(), t.price(), t.amount(), out);
      total += t.amount();
    }
    vb.finish(out);
    double accounted = 0;
    double counted = 0;
    for (int j = 0; j < out.bars.size(); j++) {
      Bar b = out.bars.get(j);
      boolean last = j == out.bars.size() - 1;
      double volume = b.get("volume");
      accounted += volume;
      counted += b.get("trade_count");
      assertThat(b.get("bar_index")).isEqualTo(j);
      assertThat((double) b.start()).isLessThanOrEqualTo(b.get("bar_end"));
      if (j > 0) {
        assertThat((double) b.start()).isGreaterThanOrEqualTo(out.bars.get(j - 1).get("bar_end"));
      }
      assertClose("buy + sell", volume, b.get("buy_volume") + b.get("sell_volume"));
      double high = b.get("high");
      double low = b.get("low");
      assertThat(b.get("open")).isBetween(low, high);
      assertThat(b.get("close")).isBetween(low, high);
      if (volume > 0) {
        assertThat(b.get("vwap")).isBetween(low * (1 - 1e-12), high * (1 + 1e-12));
      }
      if (b.get("complete") == 1.0) {
        assertThat(Math.abs(volume - size)).isLessThanOrEqualTo(1e-9 * size + 1e-12 * size);
      } else {
        assertThat(last).as("only the final bar may be incomplete").isTrue();
        assertThat(volume).isLessThan(size * (1 - 1e-9));
      }
    }
    assertThat(Math.abs(accounted - total)).isLessThanOrEqualTo(1e-9 * Math.max(1, total));
    // Every trade counts at least once; splits only add.
    assertThat(counted).isGreaterThanOrEqualTo(trades.size());
    assertThat(counted).isLessThanOrEqualTo(trades.size() + out.bars.size());
  }
}
