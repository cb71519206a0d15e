package io.microstructure.report;

/** One market: an exchange and a symbol, as their partition folders name them (decoded). */
public record Market(String exchange, String symbol) implements Comparable<Market> {
  static Market of(PartitionPath p) {
    return new Market(p.exchange(), p.symbol());
  }

  @Override
  public int compareTo(Market o) {
    int c = exchange.compareTo(o.exchange);
    return c != 0 ? c : symbol.compareTo(o.symbol);
  }

  @Override
  public String toString() {
    return exchange + " " + symbol;
  }
}
