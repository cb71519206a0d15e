package io.microstructure.report;

import io.microstructure.model.MarketFilter;
import java.util.List;

/**
 * Which partitions the report covers: exchanges, symbols and UTC days, each list empty for all.
 * A symbol matches its folder's decoded value, or the same value made path-safe (every character
 * outside {@code [A-Za-z0-9._-]} as {@code -}), so {@code BTC/USDT} selects both today's {@code
 * symbol=BTC-USDT} folders and percent-encoded {@code symbol=BTC%2FUSDT} ones.
 */
public record Selection(List<String> exchanges, List<String> symbols, List<DateRange> dates) {
  public static final Selection ALL = new Selection(List.of(), List.of(), List.of());

  public Selection {
    exchanges = List.copyOf(exchanges);
    symbols = List.copyOf(symbols);
    dates = List.copyOf(dates);
  }

  public boolean matches(PartitionPath p) {
    return (exchanges.isEmpty() || exchanges.stream().anyMatch(e -> e.equalsIgnoreCase(p.exchange())))
        && (symbols.isEmpty() || symbols.stream().anyMatch(s -> sameSymbol(s, p.symbol())))
        && (dates.isEmpty() || dates.stream().anyMatch(d -> d.contains(p.date())));
  }

  public boolean isAll() {
    return exchanges.isEmpty() && symbols.isEmpty() && dates.isEmpty();
  }

  static boolean sameSymbol(String given, String folder) {
    return given.equals(folder)
        || MarketFilter.pathSafe(given).equals(MarketFilter.pathSafe(folder));
  }

  /** The filter as the report's header shows it. */
  public String describe() {
    if (isAll()) {
      return "all markets and days";
    }
    StringBuilder b = new StringBuilder();
    append(b, "exchange", exchanges);
    append(b, "symbol", symbols);
    append(b, "date", dates.stream().map(DateRange::toString).toList());
    return b.toString();
  }

  private static void append(StringBuilder b, String name, List<String> values) {
    if (!values.isEmpty()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(name).append(' ').append(String.join(", ", values));
    }
  }
}
