package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;

class VpinPropertiesTest {

  record Trade(boolean buy, double amount) {}

  @Provide
  Arbitrary<List<Trade>> trades() {
    Arbitrary<Trade> trade =
        Combinators.combine(Arbitraries.of(true, false), Arbitraries.doubles().between(0, 30))
            .as(Trade::new);
    return trade.list().ofMaxSize(200);
  }

  @Property
  void vpinLiesInZeroToOne(
      @ForAll("trades") List<Trade> trades,
      @ForAll @DoubleRange(min = 0.01, max = 50) double bucket,
      @ForAll @IntRange(min = 1, max = 10) int window) {
    Vpin v = new Vpin(bucket, window);
    for (Trade t : trades) {
      v.add(t.buy(), t.amount());
      double x = v.value();
      if (v.completedBuckets() < window) {
        assertThat(x).isNaN();
      } else {
        assertThat(x).isBetween(0.0, 1.0);
      }
    }
  }

  @Property
  void bucketsAccountForAllTradedVolume(
      @ForAll("trades") List<Trade> trades,
      @ForAll @DoubleRange(min = 0.01, max = 50) double bucket) {
    Vpin v = new Vpin(bucket, 3);
    double total = 0;
    for (Trade t : trades) {
      v.add(t.buy(), t.amount());
      total += t.amount();
    }
    double accounted = v.completedVolume() + v.openBucketVolume();
    // each completed bucket may fall short of the size by up to 1e-9 relative, never more
    long n = v.completedBuckets();
    double slack = 1e-9 * bucket * n + 1e-12 * Math.max(1, total);
    assertThat(Math.abs(accounted - total)).isLessThanOrEqualTo(slack);
    assertThat(v.completedVolume())
        .isBetween(n * bucket * (1 - 1e-9) - 1e-12 * total, n * bucket + 1e-12 * total);
    // the open bucket is never itself complete
    assertThat(v.openBucketVolume()).isLessThan(bucket * (1 - 1e-9));
  }

  @Property
  void splittingATradeIntoPiecesChangesNothing(
      @ForAll("trades") List<Trade> trades,
      @ForAll @DoubleRange(min = 0.01, max = 1) double bucket,
      @ForAll @IntRange(min = 1, max = 5) int window,
      @ForAll @IntRange(min = 2, max = 7) int pieces) {
    // Big trades against small buckets exercise the skip-ahead path in `whole`; `split` feeds
    // each trade as equal pieces, which never skips more than a few buckets at a time.
    Vpin whole = new Vpin(bucket, window);
    Vpin split = new Vpin(bucket, window);
    for (Trade t : trades) {
      whole.add(t.buy(), t.amount());
      for (int i = 0; i < pieces; i++) {
        split.add(t.buy(), t.amount() / pieces);
      }
    }
    assertThat(split.completedBuckets()).isEqualTo(whole.completedBuckets());
    if (Double.isNaN(whole.value())) {
      assertThat(split.value()).isNaN();
    } else {
      assertThat(split.value()).isCloseTo(whole.value(), Offset.offset(1e-9));
    }
  }
}
