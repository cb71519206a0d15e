package io.microstructure.generate;

import java.util.SplittableRandom;

/**
 * A {@link SplittableRandom} plus the few distributions the market model needs, implemented here
 * with {@link StrictMath} so that a seed gives bit-identical output on every JDK and platform
 * (RandomGenerator#nextGaussian's algorithm is not specified across releases).
 */
final class Rng {
  private final SplittableRandom random;
  private double spareGaussian;
  private boolean hasSpare;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** Uniform int in [lo, hi] inclusive. */
  int intBetween(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong(long bound) {
    return random.nextLong(bound);
  }

  boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  /** A random tie-break key in [1, 2^62): room for +-1 neighbours without overflow. */
  long tieBreak() {
    return 1 + (random.nextLong() >>> 2);
  }

  /** Standard normal (Marsaglia polar method). */
  double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * m;
    hasSpare = true;
    return u * m;
  }

  /** Exponential with the given mean. */
  double exponential(double mean) {
    return -mean * StrictMath.log(1 - random.nextDouble());
  }

  /** Lognormal with the given median and log-space standard deviation. */
  double lognormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }
}
