package io.microstructure.model;

import java.io.Serializable;
import java.util.Objects;

/** The unit of every stateful computation: one symbol on one exchange. */
public final class MarketKey implements Serializable, Comparable<MarketKey> {
  private static final long serialVersionUID = 1L;

  private final String exchange;
  private final String symbol;

  public MarketKey(String exchange, String symbol) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.symbol = Objects.requireNonNull(symbol, "symbol");
  }

  public static MarketKey of(String exchange, String symbol) {
    return new MarketKey(exchange, symbol);
  }

  public String exchange() {
    return exchange;
  }

  public String symbol() {
    return symbol;
  }

  @Override
  public int compareTo(MarketKey o) {
    int c = exchange.compareTo(o.exchange);
    return c != 0 ? c : symbol.compareTo(o.symbol);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarketKey
        && exchange.equals(((MarketKey) o).exchange)
        && symbol.equals(((MarketKey) o).symbol);
  }

  @Override
  public int hashCode() {
    return 31 * exchange.hashCode() + symbol.hashCode();
  }

  @Override
  public String toString() {
    return exchange + ":" + symbol;
  }
}
