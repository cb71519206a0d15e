package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void coordinatesToATenth() {
    assertThat(SvgChart.tenth(12.34)).isEqualTo("12.3");
    assertThat(SvgChart.tenth(5)).isEqualTo("5");
    assertThat(SvgChart.tenth(-0.06)).isEqualTo("-0.1");
    assertThat(SvgChart.tenth(-0.04)).isEqualTo("0");
    assertThat(SvgChart.tenth(1099.96)).isEqualTo("1100");
    assertThat(SvgChart.tenth(Double.NaN)).isEqualTo("0");
  }

  @Test
  void aChartBecomesAnInlineSvgWithItsTitleAndPrefixedDefs() {
    long[] t = {0, 1_000_000, 2_000_000};
    JFreeChart chart = MarketCharts.timeSeries("m", "time", List.of(new MarketCharts.Panel("mid_price",
        MinMaxDownsampler.downsample(t, new double[] {1, 2, 1.5}, null, 10))), List.of(
            new RegimeBands.Band("wide", 0, 1_000_000)));
    String svg = SvgChart.render(chart, 400, 300, "c-1", "a <title>");
    assertThat(svg).startsWith("<svg id='c-1'").contains("viewBox='0 0 400 300'")
        .contains("<title>a &lt;title&gt;</title>").contains("clipPath id='c-1-").endsWith("</svg>");
    // The title and legend are SVG text (rotated axis labels are drawn as outlines).
    assertThat(svg).contains(">m</text>", ">spread regime wide</text>");
  }
}
