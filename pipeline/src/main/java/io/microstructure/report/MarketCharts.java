package io.microstructure.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;

/** The report's JFreeChart charts: a market's stacked time series, and a feature's histogram. */
final class MarketCharts {
  static final Color LINE = new Color(31, 76, 145);
  static final Color BAR = new Color(70, 120, 180);
  static final Color WIDE = new Color(214, 39, 40, 56);
  static final Color TIGHT = new Color(44, 160, 44, 56);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private static final PlainTickUnits TICKS = new PlainTickUnits();

  /** One stacked panel: its axis label and its (downsampled) points. */
  record Panel(String label, MinMaxDownsampler.Series series) {}

  private MarketCharts() {}

  /**
   * Panels stacked on one UTC time axis; the spread-regime bands shade the first panel's
   * background.
   */
  static JFreeChart timeSeries(
      String title, String timeLabel, List<Panel> panels, List<RegimeBands.Band> bands) {
    DateAxis time = new DateAxis(timeLabel, TimeZone.getTimeZone("UTC"), Locale.ROOT);
    time.setLabelFont(LABEL);
    time.setTickLabelFont(SMALL);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(6);
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      MinMaxDownsampler.Series s = panel.series();
      double[] x = new double[s.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = s.times()[i] / 1000.0; // DateAxis works in epoch milliseconds
      }
      DefaultXYDataset data = new DefaultXYDataset();
      data.addSeries(panel.label(), new double[][] {x, s.values()});
      XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
      line.setDrawSeriesLineAsPath(true); // one <path> per series, not one <line> per segment
      line.setSeriesPaint(0, LINE);
      line.setSeriesStroke(0, new BasicStroke(0.8f));
      NumberAxis value = new NumberAxis(panel.label());
      value.setAutoRangeIncludesZero(false);
      value.setStandardTickUnits(TICKS); // 0.0119, not 1.19E-2
      value.setLabelFont(LABEL);
      value.setTickLabelFont(SMALL);
      XYPlot sub = new XYPlot(data, null, value, line);
      style(sub);
      if (p == 0) {
        for (RegimeBands.Band b : bands) {
          IntervalMarker m =
              new IntervalMarker(b.fromMicros() / 1000.0, b.toMicros() / 1000.0, color(b.regime()));
          m.setOutlinePaint(null);
          sub.addDomainMarker(0, m, Layer.BACKGROUND, false);
        }
      }
      plot.add(sub, p == 0 ? 2 : 1);
    }
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("spread regime wide", null, null, null, new Rectangle(10, 10), WIDE));
    legend.add(new LegendItem("spread regime tight", null, null, null, new Rectangle(10, 10), TIGHT));
    plot.setFixedLegendItems(legend);
    chart.getLegend().setItemFont(SMALL);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  static JFreeChart histogram(String feature, Histogram h, String note) {
    int n = h.bins();
    double[] x = new double[n];
    double[] from = new double[n];
    double[] to = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      from[i] = h.binStart(i);
      to[i] = h.binEnd(i);
      x[i] = (from[i] + to[i]) / 2;
      y[i] = h.counts()[i];
    }
    DefaultIntervalXYDataset data = new DefaultIntervalXYDataset();
    data.addSeries(feature, new double[][] {x, from, to, y, y, y});
    XYBarRenderer bars = new XYBarRenderer(0.05);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BAR);
    bars.setDrawBarOutline(false);
    NumberAxis value = new NumberAxis(feature);
    value.setAutoRangeIncludesZero(false);
    value.setStandardTickUnits(TICKS);
    value.setLabelFont(LABEL);
    value.setTickLabelFont(SMALL);
    NumberAxis count = new NumberAxis("rows");
    count.setLabelFont(LABEL);
    count.setTickLabelFont(SMALL);
    XYPlot plot = new XYPlot(data, value, count, bars);
    style(plot);
    JFreeChart chart = new JFreeChart(feature, TITLE, plot, false);
    TextTitle sub = new TextTitle(note, SMALL);
    chart.addSubtitle(sub);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    plot.setOutlinePaint(new Color(180, 180, 180));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
  }

  private static Color color(String regime) {
    return "wide".equals(regime) ? WIDE : "tight".equals(regime) ? TIGHT : new Color(0, 0, 0, 0);
  }
}
