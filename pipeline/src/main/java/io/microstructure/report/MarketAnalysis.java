package io.microstructure.report;

import io.microstructure.model.MarketKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;

/** Loads one market's orderbook/hf files and turns them into its {@link MarketSection}. */
final class MarketAnalysis {
  /** Chart size; the time axis spans about {@link #BUCKETS} pixels, one min/max pair each. */
  static final int WIDTH = 1100;
  static final int HEIGHT = 820;
  static final int BUCKETS = 1000;
  static final int HIST_WIDTH = 340;
  static final int HIST_HEIGHT = 230;
  static final int HIST_BINS = 40;

  /** Histograms drawn when the table has the column, in this order. */
  static final List<String> HISTOGRAMS =
      List.of("spread_bps", "imbalance_5", "micro_minus_mid_bps", "ofi", "tfi", "rv_60", "vpin", "fwd_return_60");

  private MarketAnalysis() {}

  static MarketSection of(String table, MarketKey market, List<TableFile> files, long maxGapMicros)
      throws IOException {
    Frame frame = FlatParquetReader.read(files.stream().map(TableFile::file).toList());
    TreeSet<java.time.LocalDate> dates = new TreeSet<>();
    files.forEach(f -> dates.add(f.partition().date()));
    List<String> notes = new ArrayList<>();
    String id = "c-" + Html.id(table + "-" + market.exchange() + "-" + market.symbol());
    String title = market.exchange() + " " + market.symbol();

    Optional<long[]> ts = frame.captureTs();
    long[] times = ts.orElse(new long[0]);
    double[] delta = frame.numbers("time_delta_ms").map(Column.Numbers::values).orElse(null);
    CaptureRuns runs = CaptureRuns.of(times, delta, maxGapMicros);
    if (delta == null) {
      notes.add("no time_delta_ms column (a vectorized run?): run starts are not marked, gaps are measured on capture_ts");
    }
    long crossed = frame.numbers("book_crossed")
        .map(c -> Arrays.stream(c.values()).filter(v -> v == 1).count())
        .orElse(-1L);

    String timeSeries = "";
    if (ts.isEmpty() || times.length == 0) {
      notes.add("no capture_ts column without nulls: no time series");
    } else {
      timeSeries = timeSeries(frame, times, delta, maxGapMicros, id + "-ts", title, notes);
    }

    List<MarketSection.Figure> histograms = new ArrayList<>();
    for (String name : HISTOGRAMS) {
      Optional<Column.Numbers> c = frame.numbers(name);
      if (c.isEmpty()) {
        continue;
      }
      Histogram h = Histogram.robust(c.get().values(), HIST_BINS);
      if (h == null) {
        notes.add("histogram of " + name + ": no values (all " + frame.rows() + " null)");
        continue;
      }
      String note = String.format(
          Locale.ROOT,
          "%,d shown · %,d in the 0.5 %% tails · %,d null",
          h.inRange(), h.below() + h.above(), h.missing());
      JFreeChart chart = MarketCharts.histogram(name, h, note);
      histograms.add(new MarketSection.Figure(
          name, SvgChart.render(chart, HIST_WIDTH, HIST_HEIGHT, id + "-h-" + Html.id(name), title + " — " + name)));
    }

    InformationCoefficients ics = InformationCoefficients.of(frame);
    if (ics.horizons().isEmpty()) {
      notes.add("no fwd_return_* column: no information coefficients");
    }
    return new MarketSection(
        table,
        market,
        List.copyOf(dates),
        frame.rows(),
        times.length == 0 ? 0 : times[0],
        times.length == 0 ? 0 : times[times.length - 1],
        runs,
        crossed,
        timeSeries,
        histograms,
        ics,
        notes);
  }

  private static String timeSeries(
      Frame frame, long[] times, double[] delta, long maxGapMicros, String id, String title, List<String> notes) {
    boolean[] breaks = CaptureRuns.breaks(times, delta, maxGapMicros);
    List<MarketCharts.Panel> panels = new ArrayList<>();
    addPanel(frame, "mid_price", "mid_price", times, breaks, false, panels, notes);
    addPanel(frame, "spread_bps", "spread_bps", times, breaks, false, panels, notes);
    addPanel(frame, "ofi", "cumulative ofi", times, breaks, true, panels, notes);
    addPanel(frame, "tfi", "cumulative tfi", times, breaks, true, panels, notes);
    addPanel(frame, "vpin", "vpin", times, breaks, false, panels, notes);
    addPanel(frame, "rv_60", "rv_60", times, breaks, false, panels, notes);
    if (panels.isEmpty()) {
      return "";
    }
    long span = Math.max(1, times[times.length - 1] - times[0]);
    List<RegimeBands.Band> bands = frame.texts("spread_regime")
        .map(r -> RegimeBands.of(times, r.values(), breaks, span / BUCKETS))
        .orElse(List.of());
    if (frame.texts("spread_regime").isEmpty()) {
      notes.add("no spread_regime column: no regime bands");
    }
    java.time.LocalDate first = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(times[0] / 1_000_000), java.time.ZoneOffset.UTC);
    java.time.LocalDate last = java.time.LocalDate.ofInstant(
        java.time.Instant.ofEpochSecond(times[times.length - 1] / 1_000_000), java.time.ZoneOffset.UTC);
    String timeLabel = "time (UTC), " + (first.equals(last) ? first : first + " .. " + last);
    JFreeChart chart = MarketCharts.timeSeries(title, timeLabel, panels, bands);
    return SvgChart.render(chart, WIDTH, HEIGHT, id, title + " — time series");
  }

  private static void addPanel(
      Frame frame,
      String column,
      String label,
      long[] times,
      boolean[] breaks,
      boolean cumulative,
      List<MarketCharts.Panel> panels,
      List<String> notes) {
    Optional<Column.Numbers> c = frame.numbers(column);
    if (c.isEmpty()) {
      notes.add("no " + column + " column: its panel is left out");
      return;
    }
    double[] v = cumulative ? cumulativeSum(c.get().values()) : c.get().values();
    if (c.get().nulls() == frame.rows()) {
      notes.add(column + " is null in every row"
          + (column.equals("vpin") ? " (vpin needs vpin_window complete volume buckets; see README)" : ""));
    }
    panels.add(new MarketCharts.Panel(label, MinMaxDownsampler.downsample(times, v, breaks, BUCKETS)));
  }

  /** Running sum with nulls adding 0, as a cumulative order flow is read. */
  static double[] cumulativeSum(double[] v) {
    double[] out = new double[v.length];
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        s += v[i];
      }
      out[i] = s;
    }
    return out;
  }
}
