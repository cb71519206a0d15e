package io.microstructure.report;

import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A JFreeChart drawn onto JFreeSVG's {@link SVGGraphics2D}, as an inline {@code <svg>} element:
 * coordinates rounded to a tenth of a pixel (the default 16 digits would double the file), defs
 * prefixed with the chart's id so that the clip paths of many charts in one page do not clash, and
 * a {@code <title>} that browsers show as a tooltip.
 */
public final class SvgChart {
  private SvgChart() {}

  public static String render(JFreeChart chart, int width, int height, String id, String title) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(id + "-");
    g2.setGeomDoubleConverter(SvgChart::tenth);
    g2.setTransformDoubleConverter(SvgChart::tenth);
    chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    // A viewBox lets the page scale the chart down to a narrow window.
    String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    int open = svg.indexOf('>', svg.indexOf("<svg")) + 1;
    return svg.substring(0, open) + "<title>" + Html.escape(title) + "</title>" + svg.substring(open);
  }

  /** {@code v} to a tenth, without a trailing ".0" (String.format per coordinate was slow). */
  static String tenth(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "0";
    }
    long r = Math.round(v * 10);
    long whole = Math.abs(r) / 10;
    long tenth = Math.abs(r) % 10;
    String sign = r < 0 ? "-" : "";
    return tenth == 0 ? sign + whole : sign + whole + "." + tenth;
  }
}
