package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TradeWindowFeaturesPropertiesTest {

  /** Gaps in whole seconds (0 = a tie) so that trades land exactly on window boundaries often. */
  record Trade(int gapSeconds, boolean buy, double price, double amount) {}

  @Provide
  Arbitrary<List<Trade>> trades() {
    Arbitrary<Trade> trade =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false),
                Arbitraries.doubles().between(1, 1e5),
                Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 50)))
            .as(Trade::new);
    return trade.list().ofMaxSize(300);
  }

  @Property
  void matchesADirectRecomputation(
      @ForAll("trades") List<Trade> trades, @ForAll @IntRange(min = 1, max = 20) int hSeconds) {
    int n = trades.size();
    long[] ts = new long[n];
    boolean[] buy = new boolean[n];
    double[] price = new double[n];
    double[] amount = new double[n];
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < n; i++) {
      Trade tr = trades.get(i);
      t += tr.gapSeconds() * 1_000_000L;
      ts[i] = t;
      buy[i] = tr.buy();
      price[i] = tr.price();
      amount[i] = tr.amount();
    }
    long h = hSeconds * 1_000_000L;
    double[][] out = new double[TradeWindowFeatures.WIDTH][n];
    new TradeWindowFeatures().compute(n, ts, buy, price, amount, h, out);
    for (int i = 0; i < n; i++) {
      double[] want = NaiveTradeWindow.at(i, ts, buy, price, amount, h);
      for (int c = 0; c < TradeWindowFeatures.WIDTH; c++) {
        assertThat(NaiveRolling.agree(out[c][i], want[c]))
            .as("row %d column %d: %s vs %s", i, c, out[c][i], want[c])
            .isTrue();
      }
      if (!Double.isNaN(out[2][i])) {
        assertThat(out[2][i]).isBetween(-1.0, 1.0);
      }
    }
  }
}
