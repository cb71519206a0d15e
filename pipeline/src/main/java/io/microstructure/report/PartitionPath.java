package io.microstructure.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a table file sits: its table folder and the market and day of its partition, taken from
 * the folder names {@code exchange=<ex>/symbol=<sym>/date=<YYYY-MM-DD>} only, never from columns in
 * the file (the layout is moving to files without exchange and symbol columns, and to
 * percent-encoded folder values such as {@code symbol=BTC%2FUSDT}). Values are percent-decoded as
 * UTF-8; a {@code +} stays a {@code +} (URI path rules, not form encoding), and a {@code %} that
 * starts no valid escape is kept as it is, so today's sanitised names ({@code BTC-USDT}) read
 * unchanged. Kept in one small class so that a shared decoder can replace it.
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
    String exchange = decode(value(segments[n - 4]));
    String symbol = decode(value(segments[n - 3]));
    LocalDate date;
    try {
      date = LocalDate.parse(decode(value(segments[n - 2])));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    String table = String.join("/", Arrays.asList(segments).subList(0, n - 4));
    return Optional.of(new PartitionPath(table, exchange, symbol, date));
  }

  private static String value(String segment) {
    return segment.substring(segment.indexOf('=') + 1);
  }

  /** Percent-decodes {@code s} as UTF-8, leaving {@code +} and malformed escapes as they are. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(c);
      i++;
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }
}
