package io.microstructure.report;

import io.microstructure.model.MarketKey;
import io.microstructure.model.PartitionValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a table file sits: its table folder and the market and day of its partition, taken from
 * the folder names {@code exchange=<ex>/symbol=<sym>/date=<YYYY-MM-DD>} only, never from columns in
 * the file (our files do not hold exchange and symbol; folder values are escaped, {@code
 * symbol=BTC%2FUSDT}, and decoded by {@link PartitionValue#unescape}). Roots of the earlier layout
 * ({@code symbol=BTC-USDT}) read unchanged.
 *
 * @param table the folders above {@code exchange=}, e.g. {@code ccxt/orderbook/hf} or {@code
 *     ccxt/orderbook/bars/duration=60s}
 */
public record PartitionPath(String table, String exchange, String symbol, LocalDate date) {

  /**
   * The partition of a file given by its path relative to the output root ({@code
   * <table>/exchange=…/symbol=…/date=…/<file>}); empty when the folders are not such a partition.
   */
  public static Optional<PartitionPath> ofRelativeFile(String relativePath) {
    String[] segments = relativePath.split("/");
    int n = segments.length;
    if (n < 4
        || !segments[n - 4].startsWith("exchange=")
        || !segments[n - 3].startsWith("symbol=")
        || !segments[n - 2].startsWith("date=")) {
      return Optional.empty();
    }
    String exchange = PartitionValue.unescape(value(segments[n - 4]));
    String symbol = PartitionValue.unescape(value(segments[n - 3]));
    LocalDate date;
    try {
      date = LocalDate.parse(PartitionValue.unescape(value(segments[n - 2])));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    String table = String.join("/", Arrays.asList(segments).subList(0, n - 4));
    return Optional.of(new PartitionPath(table, exchange, symbol, date));
  }

  /** The market of this partition. */
  public MarketKey market() {
    return MarketKey.of(exchange, symbol);
  }

  private static String value(String segment) {
    return segment.substring(segment.indexOf('=') + 1);
  }
}
