package io.microstructure.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * UTC days {@code from..to}, both included: what {@code --date} takes, as {@code YYYY-MM-DD} (one
 * day) or {@code YYYY-MM-DD..YYYY-MM-DD}.
 */
public record DateRange(LocalDate from, LocalDate to) {
  public DateRange {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("date range " + from + ".." + to + " ends before it starts");
    }
  }

  /**
   * Parses {@code D} or {@code D1..D2}.
   *
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static DateRange parse(String text) {
    String t = text.strip();
    int dots = t.indexOf("..");
    try {
      if (dots < 0) {
        LocalDate d = LocalDate.parse(t);
        return new DateRange(d, d);
      }
      return new DateRange(LocalDate.parse(t.substring(0, dots)), LocalDate.parse(t.substring(dots + 2)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a UTC day YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD");
    }
  }

  public boolean contains(LocalDate d) {
    return !d.isBefore(from) && !d.isAfter(to);
  }

  @Override
  public String toString() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }
}
