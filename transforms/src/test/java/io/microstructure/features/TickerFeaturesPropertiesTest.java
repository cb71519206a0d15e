package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class TickerFeaturesPropertiesTest {

  /** Lasts around 30,000, one in five null. */
  @Provide
  Arbitrary<List<Double>> lasts() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Double.NaN)),
            Tuple.of(4, Arbitraries.doubles().between(29_000, 31_000)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(200);
  }

  @Property
  void returnsAreNullExactlyWhereALastIsMissingAndTelescopeOverRunsOfLasts(
      @ForAll("lasts") List<Double> lasts) {
    TickerFeatures f = new TickerFeatures();
    double[] out = new double[TickerFeatures.COLUMNS.size()];
    double sum = 0;
    int runStart = 0; // first row of the current run of non-null lasts
    for (int i = 0; i < lasts.size(); i++) {
      double last = lasts.get(i);
      f.next(Double.NaN, Double.NaN, last, Double.NaN, Double.NaN, Double.NaN, out, 0);
      double r = out[6];
      boolean defined = i > 0 && !Double.isNaN(last) && !Double.isNaN(lasts.get(i - 1));
      assertThat(Double.isNaN(r)).as("row %d null", i).isEqualTo(!defined);
      if (Double.isNaN(last)) {
        runStart = i + 1;
        sum = 0;
        continue;
      }
      if (defined) {
        sum += r;
      }
      // Σ ln(l_k / l_{k−1}) over a run = ln(l_i / l_runStart)
      double want = Math.log(last / lasts.get(runStart));
      assertThat(NaiveRolling.agree(sum, want)).as("row %d: %s vs %s", i, sum, want).isTrue();
    }
  }
}
