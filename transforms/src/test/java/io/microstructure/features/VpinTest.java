package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VpinTest {
  private static final long HOUR = 3_600_000_000L;

  @Test
  void tradeSplitAcrossTwoBuckets() {
    Vpin v = new Vpin(10, 1);
    v.add(true, 6);
    assertThat(v.completedBuckets()).isZero();
    assertThat(v.value()).isNaN();
    // sell 7: 4 fill bucket 1 (buy 6, sell 4 -> x = |6 - 4| / 10 = 0.2), 3 open bucket 2
    v.add(false, 7);
    assertThat(v.completedBuckets()).isEqualTo(1);
    assertClose("vpin", 0.2, v.value());
    assertClose("open", 3, v.openBucketVolume());
    // buy 7 completes bucket 2: sell 3, buy 7 -> x = 0.4; window 1 -> vpin 0.4
    v.add(true, 7);
    assertThat(v.completedBuckets()).isEqualTo(2);
    assertClose("vpin", 0.4, v.value());
    assertThat(v.openBucketVolume()).isEqualTo(0.0);
  }

  @Test
  void tradeSpanningThreeBuckets() {
    Vpin v = new Vpin(10, 3);
    v.add(true, 4);
    // sell 25: bucket 1 buy 4 + sell 6 (x 0.2); bucket 2 sell 10 (x 1); bucket 3 sell 9 open
    v.add(false, 25);
    assertThat(v.completedBuckets()).isEqualTo(2);
    assertThat(v.value()).isNaN(); // 2 < window 3
    assertClose("open", 9, v.openBucketVolume());
    // buy 1 completes bucket 3: sell 9, buy 1 -> x 0.8
    v.add(true, 1);
    assertThat(v.completedBuckets()).isEqualTo(3);
    // (0.2 + 1 + 0.8) / 3 = 2/3
    assertClose("vpin", 2.0 / 3, v.value());
  }

  @Test
  void floatShortfallWithinOneBillionthCompletesTheBucket() {
    Vpin v = new Vpin(1, 1);
    for (int i = 0; i < 10; i++) {
      v.add(true, 0.1);
    }
    // ten 0.1s sum to 0.9999999999999999 in doubles: still one complete bucket, x ~ 1
    assertThat(v.completedBuckets()).isEqualTo(1);
    assertClose("vpin", 1.0, v.value());
    assertThat(v.openBucketVolume()).isEqualTo(0.0);
  }

  @Test
  void completionToleranceIsOneBillionthOfTheBucket() {
    Vpin within = new Vpin(1, 1);
    within.add(true, 1 - 5e-10); // short by 5e-10 <= 1e-9 * 1: complete
    assertThat(within.completedBuckets()).isEqualTo(1);
    within.add(false, 0.5); // the shortfall is not owed: 0.5 opens bucket 2
    assertClose("open", 0.5, within.openBucketVolume());

    Vpin outside = new Vpin(1, 1);
    outside.add(true, 1 - 2e-9); // short by 2e-9 > 1e-9: still open
    assertThat(outside.completedBuckets()).isZero();
    assertThat(outside.value()).isNaN();
    outside.add(false, 2e-9); // now full: buy 1-2e-9, sell 2e-9 -> x = 1 - 4e-9
    assertThat(outside.completedBuckets()).isEqualTo(1);
    assertClose("vpin", 1 - 4e-9, outside.value());
  }

  @Test
  void meanOverTheLastWindowOnly() {
    Vpin v = new Vpin(10, 2);
    v.add(true, 10); // bucket 1: x = 1
    assertThat(v.value()).isNaN();
    v.add(true, 5);
    v.add(false, 5); // bucket 2: x = 0
    assertClose("vpin", 0.5, v.value()); // (1 + 0) / 2
    v.add(true, 7);
    v.add(false, 3); // bucket 3: x = 0.4 ; bucket 1 drops out
    assertClose("vpin", 0.2, v.value()); // (0 + 0.4) / 2
  }

  @Test
  void hugeTradeSkipsBucketsThatLeaveTheWindowUnread() {
    Vpin v = new Vpin(1, 2);
    v.add(true, 0.5);
    // sell 10.25: bucket 1 buy .5 sell .5 (x 0); buckets 2..10 sell 1 each (x 1); 0.75 open
    v.add(false, 10.25);
    assertThat(v.completedBuckets()).isEqualTo(10);
    assertClose("open", 0.75, v.openBucketVolume());
    assertClose("vpin", 1.0, v.value()); // last two buckets both x = 1
    v.add(true, 0.25); // bucket 11: sell .75 buy .25 -> x 0.5; window (1 + 0.5) / 2
    assertClose("vpin", 0.75, v.value());

    Vpin tiny = new Vpin(1e-6, 50);
    tiny.add(true, 1e3); // 1e9 buckets: must not loop a billion times
    assertThat(tiny.completedBuckets()).isBetween(999_999_990L, 1_000_000_000L);
    assertClose("vpin", 1.0, tiny.value());
  }

  @Test
  void invalidBucketVolumeDisablesTheFeature() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      Vpin v = new Vpin(bad, 1);
      v.add(true, 5);
      v.add(false, 7);
      assertThat(v.value()).as("bucket volume %s", bad).isNaN();
      assertThat(v.completedBuckets()).isZero();
    }
    assertThatThrownBy(() -> new Vpin(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroAmountTradeChangesNothing() {
    Vpin v = new Vpin(1, 1);
    v.add(true, 0);
    assertThat(v.openBucketVolume()).isEqualTo(0.0);
    assertThat(v.completedBuckets()).isZero();
  }

  @Test
  void defaultBucketVolume() {
    // 1200 over 2 h: 1200 / (50 * 2) = 12
    assertClose("2h", 12, Vpin.defaultBucketVolume(1200, 0, 2 * HOUR));
    // 1200 over 30 min: 1200 / (50 * 0.5) = 48
    assertClose("30min", 48, Vpin.defaultBucketVolume(1200, 5 * HOUR, 5 * HOUR + HOUR / 2));
    // span 0 counts as one hour: 1200 / 50 = 24
    assertClose("span 0", 24, Vpin.defaultBucketVolume(1200, 77, 77));
    assertThat(Vpin.defaultBucketVolume(0, 0, HOUR)).isNaN();
    assertThatThrownBy(() -> Vpin.defaultBucketVolume(1, HOUR, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
