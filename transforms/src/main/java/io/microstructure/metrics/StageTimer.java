package io.microstructure.metrics;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Busy time of one stage, summed over all threads, as a Beam counter in microseconds ({@code
 * stage/<name>_us}): per-stage timing that every runner reports, for the benchmark and the run
 * summary. Accumulates locally and publishes on {@link #flush()} (call it in FinishBundle).
 */
public final class StageTimer implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Counter micros;
  private transient long pendingNanos;

  public StageTimer(String stage) {
    this.micros = Metrics.counter("stage", stage + "_us");
  }

  public void add(long startNanos) {
    addNanos(System.nanoTime() - startNanos);
  }

  /** Adds a duration measured by the caller (e.g. a stage's time less a nested one's). */
  public void addNanos(long nanos) {
    pendingNanos += nanos;
    if (pendingNanos >= 10_000_000L) {
      flush(); // callers without a FinishBundle hook still publish, at most 10 ms late
    }
  }

  public void flush() {
    if (pendingNanos > 0) {
      micros.inc(pendingNanos / 1000);
      pendingNanos %= 1000;
    }
  }
}
