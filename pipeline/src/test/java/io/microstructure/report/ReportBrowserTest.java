package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.cli.EtlCli;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a researcher sees it: headless Chromium loads the HTML file, and the DOM it built
 * holds every chart (by its title) and the IC tables with one row per numeric feature of the
 * published orderbook/hf schema; its screenshot is a drawn page, not a blank one. Skipped, saying
 * why, when Chromium can be neither found nor installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {
  private static final List<String> MARKETS = List.of("BTC/USDT", "ETH/USDT");

  @TempDir static Path dir;
  private Path page;
  private Path out;
  private Path work;

  @BeforeAll
  void installChromiumAndWriteAReport() throws Exception {
    work = dir.resolve("chromium");
    Optional<String> missing = HeadlessChromium.unavailable(work);
    Assumptions.assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    Path raw = dir.resolve("raw");
    out = dir.resolve("out");
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(6))
            .seed(8)
            .exchanges("binance")
            .symbols("BTC/USDT", "ETH/USDT")
            .writeNdjson(false)
            .build(),
        raw.toString());
    assertThat(EtlCli.commandLine().execute("run", "--raw-root", raw.toString(), "--output-root", out.toString()))
        .isZero();
    page = dir.resolve("report.html");
    assertThat(EtlCli.commandLine().execute("report", "--output-root", out.toString(), "--out", page.toString()))
        .isZero();
  }

  @Test
  void theRenderedPageHoldsEveryChartAndTheICTables() throws Exception {
    System.out.println("chromium: " + HeadlessChromium.version(work));
    String dom = HeadlessChromium.dumpDom(page, work);

    // Charts: per market the time series and a histogram of each drawn feature that has values.
    List<String> titles = new ArrayList<>();
    Matcher t = Pattern.compile("<svg[^>]*><title>([^<]*)</title>").matcher(dom);
    while (t.find()) {
      titles.add(t.group(1).replace("&amp;", "&"));
    }
    List<String> expected = new ArrayList<>();
    try (DuckDb duck = new DuckDb()) {
      for (String market : MARKETS) {
        expected.add("binance " + market + " — time series");
        for (String feature : List.of(
            "spread_bps", "imbalance_5", "micro_minus_mid_bps", "ofi", "tfi", "rv_60", "vpin", "fwd_return_60")) {
          long values = duck.count("SELECT count(" + feature + ") FROM read_parquet('" + out
              + "/ccxt/orderbook/hf/exchange=binance/symbol=" + market.replace("/", "%2F")
              + "/*/*.parquet')");
          if (values > 0) {
            expected.add("binance " + market + " — " + feature);
          }
        }
      }
    }
    assertThat(titles).containsExactlyElementsOf(expected);
    assertThat(count(dom, "<svg")).isEqualTo(expected.size());

    // IC tables: one row per numeric feature of the published schema (no flag, no time, no
    // label, no partition column), one column pair per fwd_return_H.
    Schema hf = new Schema.Parser().parse(Path.of(System.getProperty("user.dir"))
        .resolveSibling("schemas/avro/orderbook_hf.avsc").toFile());
    List<String> features = new ArrayList<>();
    List<String> horizons = new ArrayList<>();
    for (Schema.Field f : hf.getFields()) {
      Schema s = f.schema().isUnion() ? f.schema().getTypes().get(1) : f.schema();
      boolean numeric = Set.of(Schema.Type.DOUBLE, Schema.Type.LONG, Schema.Type.INT).contains(s.getType())
          && s.getLogicalType() == null;
      if (f.name().startsWith("fwd_return_")) {
        horizons.add(f.name());
      } else if (numeric) {
        features.add(f.name());
      }
    }
    assertThat(features).contains("spread_bps", "ofi", "vpin", "rv_60").doesNotContain("book_crossed", "capture_ts");
    for (String market : MARKETS) {
      String table = section(dom, "<table class=\"ic\" data-market=\"binance " + market + "\">", "</table>");
      List<String> rows = new ArrayList<>();
      Matcher r = Pattern.compile("<tr data-feature=\"([^\"]+)\">").matcher(table);
      while (r.find()) {
        rows.add(r.group(1));
      }
      assertThat(rows).as(market).containsExactlyElementsOf(features);
      for (String h : horizons) {
        assertThat(count(table, "data-horizon=\"" + h + "\"")).as(h).isEqualTo(features.size());
      }
    }
    // Self-contained: nothing for the browser to fetch.
    String html = Files.readString(page);
    assertThat(html).doesNotContain("<script", "<link", " src=", "url(http", "@import");
  }

  @Test
  void theScreenshotIsADrawnPage() throws Exception {
    Path png = HeadlessChromium.screenshot(page, work.resolve("report.png"), 1400, 3000, work);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(3000);
    int background = image.getRGB(2, 2) & 0xffffff; // the page's own background colour
    Set<Integer> colours = new HashSet<>();
    long drawn = 0;
    long line = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != background && rgb != 0xffffff) {
          drawn++;
        }
        // The time series' line colour, rgb(31, 76, 145), give or take anti-aliasing.
        if (Math.abs((rgb >> 16) - 31) < 40 && Math.abs(((rgb >> 8) & 0xff) - 76) < 40 && Math.abs((rgb & 0xff) - 145) < 40) {
          line++;
        }
      }
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
    assertThat((double) drawn / pixels).as("share of drawn pixels").isGreaterThan(0.05);
    assertThat(line).as("pixels of the time series' line colour").isGreaterThan(500);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  private static String section(String s, String start, String end) {
    int a = s.indexOf(start);
    assertThat(a).as(start).isNotNegative();
    return s.substring(a, s.indexOf(end, a));
  }

}
