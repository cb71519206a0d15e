package io.microstructure.model;

import java.io.Serializable;
import java.util.Objects;

/** The unit of every stateful computation: one symbol on one exchange. */
public record MarketKey(String exchange, String symbol)
    implements Serializable, Comparable<MarketKey> {
  private static final long serialVersionUID = 1L;

  public MarketKey {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(symbol, "symbol");
  }

  public static MarketKey of(String exchange, String symbol) {
    return new MarketKey(exchange, symbol);
  }

  @Override
  public int compareTo(MarketKey o) {
    int c = exchange.compareTo(o.exchange);
    return c != 0 ? c : symbol.compareTo(o.symbol);
  }

  @Override
  public String toString() {
    return exchange + ":" + symbol;
  }
}
