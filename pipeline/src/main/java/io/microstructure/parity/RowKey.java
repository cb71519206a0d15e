package io.microstructure.parity;

import java.time.Instant;

/**
 * The key rows are paired on: (exchange, symbol, row time), the row time being {@code capture_ts}
 * (or {@code bar_start} for time bars) in epoch microseconds, or {@code bar_index} for volume bars.
 * Exchange and symbol are what a hive-partitioned reader shows: the file's columns where it holds
 * them, else the partition folders' values, unescaped ({@code symbol=BTC%2FUSDT} is {@code
 * BTC/USDT}). Any part may be null when a file holds a null there.
 *
 * @param exchange the {@code exchange} column
 * @param symbol the {@code symbol} column
 * @param timeColumn which column {@link #time} is: {@code capture_ts}, {@code bar_start} or {@code
 *     bar_index}
 * @param time epoch microseconds, or the bar index
 */
public record RowKey(String exchange, String symbol, String timeColumn, Long time)
    implements Comparable<RowKey> {
  /** By exchange, symbol, time; nulls first. */
  @Override
  public int compareTo(RowKey o) {
    int c = compare(exchange, o.exchange);
    if (c != 0) {
      return c;
    }
    c = compare(symbol, o.symbol);
    return c != 0 ? c : compare(time, o.time);
  }

  private static <T extends Comparable<T>> int compare(T a, T b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** The row time as text: an ISO instant with microseconds, or the bar index. */
  public String timeText() {
    if (time == null) {
      return "null";
    }
    return "bar_index".equals(timeColumn) ? Long.toString(time) : instant(time);
  }

  /** E.g. {@code binance BTC/USDT capture_ts=2026-01-05T00:00:00.123456Z}. */
  @Override
  public String toString() {
    return exchange + " " + symbol + " " + timeColumn + "=" + timeText();
  }

  /** An epoch-microsecond time as an ISO instant, e.g. {@code 2026-01-05T00:00:00.123456Z}. */
  static String instant(long epochMicros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L)
        .toString();
  }
}
