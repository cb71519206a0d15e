package io.microstructure.model;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which markets a run keeps: exchanges and symbols to include (an empty list keeps all). A symbol
 * matches in its CCXT form ({@code BTC/USDT}) or its path-safe form ({@code BTC-USDT}).
 */
public final class MarketFilter implements Serializable {
  private static final long serialVersionUID = 1L;
  private final TreeSet<String> exchanges;
  private final TreeSet<String> symbols;

  public MarketFilter(List<String> exchanges, List<String> symbols) {
    this.exchanges = new TreeSet<>(exchanges);
    this.symbols = new TreeSet<>(symbols);
  }

  public static MarketFilter all() {
    return new MarketFilter(List.of(), List.of());
  }

  public boolean keepsEverything() {
    return exchanges.isEmpty() && symbols.isEmpty();
  }

  public boolean accepts(String exchange, String symbol) {
    return (exchanges.isEmpty() || exchanges.contains(exchange))
        && (symbols.isEmpty() || symbols.contains(symbol) || symbols.contains(pathSafe(symbol)));
  }

  public Set<String> exchanges() {
    return exchanges;
  }

  public Set<String> symbols() {
    return symbols;
  }

  /** Every character outside {@code [A-Za-z0-9._-]} replaced by '-' (the output folder form). */
  public static String pathSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      b.append(ok ? c : '-');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return keepsEverything() ? "all markets" : "exchanges " + exchanges + ", symbols " + symbols;
  }
}
