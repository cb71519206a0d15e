package io.microstructure.generate;

/** Capture latency of one key behind the exchange clock: 5-80 ms, mostly 10-50 ms. */
final class CaptureLatency {
  private final double baseMs;

  CaptureLatency(Rng rng) {
    this.baseMs = rng.uniform(8, 40);
  }

  /**
   * One row's latency in micros; the stream is the caller's, so injected rows draw theirs from the
   * edge stream and leave the market's latencies unchanged.
   */
  long draw(Rng rng) {
    double ms = Math.min(80, Math.max(5, baseMs + rng.exponential(8)));
    return Math.round(ms * 1000);
  }
}
