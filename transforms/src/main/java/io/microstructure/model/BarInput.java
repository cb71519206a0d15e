package io.microstructure.model;

/**
 * What a time bar aggregates: either one snapshot's bar-relevant values or one deduplicated trade,
 * with its ordinal in the key's reconstructed order so that open and close are exact.
 */
public final class BarInput {
  private final boolean snapshot;
  private final long captureTs;
  private final long ordinal;
  // Snapshot values (NaN = null).
  private final double mid;
  private final double spread;
  private final double spreadBps;
  private final double ofi;
  private final double mlofi;
  private final double logReturn;
  // Trade values.
  private final boolean buy;
  private final double price;
  private final double amount;

  private BarInput(
      boolean snapshot,
      long captureTs,
      long ordinal,
      double mid,
      double spread,
      double spreadBps,
      double ofi,
      double mlofi,
      double logReturn,
      boolean buy,
      double price,
      double amount) {
    this.snapshot = snapshot;
    this.captureTs = captureTs;
    this.ordinal = ordinal;
    this.mid = mid;
    this.spread = spread;
    this.spreadBps = spreadBps;
    this.ofi = ofi;
    this.mlofi = mlofi;
    this.logReturn = logReturn;
    this.buy = buy;
    this.price = price;
    this.amount = amount;
  }

  public static BarInput snapshot(
      long captureTs,
      long ordinal,
      double mid,
      double spread,
      double spreadBps,
      double ofi,
      double mlofi,
      double logReturn) {
    return new BarInput(
        true, captureTs, ordinal, mid, spread, spreadBps, ofi, mlofi, logReturn, false, 0, 0);
  }

  public static BarInput trade(
      long captureTs, long ordinal, boolean buy, double price, double amount) {
    double nan = Double.NaN;
    return new BarInput(
        false, captureTs, ordinal, nan, nan, nan, nan, nan, nan, buy, price, amount);
  }

  public boolean isSnapshot() {
    return snapshot;
  }

  public long captureTs() {
    return captureTs;
  }

  public long ordinal() {
    return ordinal;
  }

  public double mid() {
    return mid;
  }

  public double spread() {
    return spread;
  }

  public double spreadBps() {
    return spreadBps;
  }

  public double ofi() {
    return ofi;
  }

  public double mlofi() {
    return mlofi;
  }

  public double logReturn() {
    return logReturn;
  }

  public boolean buy() {
    return buy;
  }

  public double price() {
    return price;
  }

  public double amount() {
    return amount;
  }
}
