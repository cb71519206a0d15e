package io.microstructure.engine;

/** How a market's events are ordered before the replay. */
public enum EventOrder {
  /** The data contract's (capture_ts, seq, channel rank, position in file): channel-split input. */
  RECONSTRUCTED {
    @Override
    public void sort(MarketEvents events) {
      events.sortByReconstructedOrder();
    }
  },
  /** The order of the lines of a legacy mixed NDJSON stream: the truth the other order rebuilds. */
  ARRIVAL {
    @Override
    public void sort(MarketEvents events) {
      events.sortByArrivalOrder();
    }
  };

  public abstract void sort(MarketEvents events);
}
