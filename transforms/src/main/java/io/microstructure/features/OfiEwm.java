package io.microstructure.features;

import java.io.Serializable;

/**
 * Time-decayed OFI (features.md, {@code ofi_ewm}): {@code S_n = S_n-1 · 2^(−Δt/half_life) + ofi_n},
 * a null ofi adding 0, and S = 0 at the first snapshot of every run. One instance per key; not
 * thread-safe.
 */
public final class OfiEwm implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double halfLifeMicros;
  private double state;

  public OfiEwm(long halfLifeMicros) {
    if (halfLifeMicros <= 0) {
      throw new IllegalArgumentException("half-life must be > 0 µs, got " + halfLifeMicros);
    }
    this.halfLifeMicros = halfLifeMicros;
  }

  /** First snapshot of a run: the state restarts at 0, which is also the value there. */
  public double start() {
    state = 0;
    return 0.0;
  }

  /**
   * Decays the state over {@code deltaMicros} (time since the previous snapshot of the run) and
   * adds {@code ofi}; NaN adds nothing.
   *
   * @throws IllegalArgumentException when {@code deltaMicros < 0}: snapshots arrive in
   *     reconstructed order, so a negative gap is a caller bug, and it would grow the state
   */
  public double update(long deltaMicros, double ofi) {
    if (deltaMicros < 0) {
      throw new IllegalArgumentException("negative time delta " + deltaMicros + " µs");
    }
    state = state * Math.pow(2.0, -(deltaMicros / halfLifeMicros));
    if (!Double.isNaN(ofi)) {
      state += ofi;
    }
    return state;
  }
}
