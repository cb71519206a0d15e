package io.microstructure.model;

/** What a market's GroupByKey carries: a featured snapshot, a trade or a ticker update. */
public final class MarketEvent {
  private final FeaturedSnapshot snapshot;
  private final Trade trade;
  private final TickerUpdate ticker;

  private MarketEvent(FeaturedSnapshot snapshot, Trade trade, TickerUpdate ticker) {
    this.snapshot = snapshot;
    this.trade = trade;
    this.ticker = ticker;
  }

  public static MarketEvent of(FeaturedSnapshot snapshot) {
    return new MarketEvent(snapshot, null, null);
  }

  public static MarketEvent of(Trade trade) {
    return new MarketEvent(null, trade, null);
  }

  public static MarketEvent of(TickerUpdate ticker) {
    return new MarketEvent(null, null, ticker);
  }

  public boolean isSnapshot() {
    return snapshot != null;
  }

  public boolean isTrade() {
    return trade != null;
  }

  public boolean isTicker() {
    return ticker != null;
  }

  /** The snapshot; only when {@link #isSnapshot()}. */
  public FeaturedSnapshot snapshot() {
    return snapshot;
  }

  /** The trade; only when {@link #isTrade()}. */
  public Trade trade() {
    return trade;
  }

  /** The ticker update; only when {@link #isTicker()}. */
  public TickerUpdate ticker() {
    return ticker;
  }
}
