package io.microstructure.report;

import io.microstructure.model.MarketKey;
import java.time.LocalDate;
import java.util.List;

/**
 * What the report shows of one market's orderbook/hf rows: extent, capture runs, charts (as inline
 * SVG) and information coefficients. Holds no rows, so the report keeps one market's frame in
 * memory at a time.
 *
 * @param fromMicros first capture_ts (epoch µs), 0 without rows
 * @param crossedBooks rows with book_crossed true, -1 without that column
 * @param timeSeriesSvg the stacked time-series chart, empty when the table cannot give one
 * @param notes what could not be shown, and why
 */
public record MarketSection(
    String table,
    MarketKey market,
    List<LocalDate> dates,
    int rows,
    long fromMicros,
    long toMicros,
    CaptureRuns runs,
    long crossedBooks,
    String timeSeriesSvg,
    List<Figure> histograms,
    InformationCoefficients ics,
    List<String> notes) {

  /** One chart: what it shows and its {@code <svg>} element. */
  public record Figure(String name, String svg) {}

  public MarketSection {
    dates = List.copyOf(dates);
    histograms = List.copyOf(histograms);
    notes = List.copyOf(notes);
  }

  /** The section's anchor in the page. */
  public String anchor() {
    return "market-" + Html.id(table + "-" + market.exchange() + "-" + market.symbol());
  }
}
