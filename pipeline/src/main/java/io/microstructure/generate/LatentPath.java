package io.microstructure.generate;

import java.util.HashMap;
import java.util.Map;

/**
 * The latent log price of one symbol, shared by every exchange that lists it: a Gaussian random
 * walk on a 50 ms grid with occasional jumps. Generated lazily in one-hour chunks, each chunk from
 * its own derived seed and the previous chunk's last value, so the path does not depend on who asks
 * first; chunks older than the previous one are dropped (consumers stay within seconds of each
 * other).
 */
final class LatentPath {
  static final long STEP_MICROS = 50_000;
  private static final int CHUNK_STEPS = 72_000; // one hour
  private static final double SECONDS_PER_YEAR = 365.0 * 86_400;

  private final long originMicros;
  private final long seed;
  private final double stepSigma;
  private final double jumpProbability;
  private final Map<Long, double[]> chunks = new HashMap<>();
  private long lastChunk = -1;
  private double lastValue;

  LatentPath(long originMicros, long seed, SymbolProfile profile) {
    this.originMicros = originMicros;
    this.seed = seed;
    double stepSeconds = STEP_MICROS / 1e6;
    this.stepSigma = profile.annualVol() * StrictMath.sqrt(stepSeconds / SECONDS_PER_YEAR);
    this.jumpProbability = profile.jumpsPerHour() * stepSeconds / 3600.0;
    Rng init = new Rng(Seeds.derive(seed, "init"));
    // Different seeds start at somewhat different levels (+-3%).
    this.lastValue = StrictMath.log(profile.initialPrice()) + init.uniform(-0.03, 0.03);
  }

  /** Latent log price at {@code tMicros} (piecewise constant on the grid). */
  double logPriceAt(long tMicros) {
    long step = Math.max(0, Math.floorDiv(tMicros - originMicros, STEP_MICROS));
    long chunk = step / CHUNK_STEPS;
    double[] values = chunks.get(chunk);
    if (values == null) {
      values = generateUpTo(chunk);
    }
    return values[(int) (step - chunk * CHUNK_STEPS)];
  }

  private double[] generateUpTo(long chunk) {
    if (chunk <= lastChunk) {
      throw new IllegalStateException(
          "latent path chunk " + chunk + " was already dropped (last " + lastChunk + ")");
    }
    double[] values = null;
    while (lastChunk < chunk) {
      lastChunk++;
      Rng rng = new Rng(Seeds.derive(seed, "chunk", Long.toString(lastChunk)));
      values = new double[CHUNK_STEPS];
      double x = lastValue;
      for (int i = 0; i < CHUNK_STEPS; i++) {
        x += stepSigma * rng.gaussian();
        if (rng.uniform() < jumpProbability) {
          // A jump of 8-30 bps either way.
          x += (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(8e-4, 30e-4);
        }
        values[i] = x;
      }
      lastValue = x;
      chunks.put(lastChunk, values);
      chunks.remove(lastChunk - 2);
    }
    return values;
  }
}
