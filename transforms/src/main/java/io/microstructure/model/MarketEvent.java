package io.microstructure.model;

/** What a key's GroupByKey carries: either a featured snapshot or a trade. */
public final class MarketEvent {
  private final FeaturedSnapshot snapshot;
  private final Trade trade;

  private MarketEvent(FeaturedSnapshot snapshot, Trade trade) {
    this.snapshot = snapshot;
    this.trade = trade;
  }

  public static MarketEvent of(FeaturedSnapshot snapshot) {
    return new MarketEvent(snapshot, null);
  }

  public static MarketEvent of(Trade trade) {
    return new MarketEvent(null, trade);
  }

  public boolean isSnapshot() {
    return snapshot != null;
  }

  /** The snapshot; only when {@link #isSnapshot()}. */
  public FeaturedSnapshot snapshot() {
    return snapshot;
  }

  /** The trade; only when not {@link #isSnapshot()}. */
  public Trade trade() {
    return trade;
  }
}
