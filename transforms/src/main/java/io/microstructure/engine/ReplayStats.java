package io.microstructure.engine;

/** What one key's replay consumed and produced; feeds the run's counters. */
public final class ReplayStats {
  public long snapshots;
  public long duplicateSnapshots;
  public long trades;
  public long duplicateTrades;
  public long rows;

  /** VPIN bucket volume used for the key (configured or derived), NaN when none could be set. */
  public double vpinBucketVolume = Double.NaN;
}
