package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.microstructure.cli.EtlRuns;
import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl report} end to end: 12 minutes of two generated markets (one capture gap each hour
 * slot) run through the pipeline, then reported. Every number checked is computed apart from the
 * report's code: rows, nulls, run starts and dead letters by DuckDB on the same files, capture
 * gaps from the generator's manifest, ICs by DuckDB's own ranking. A second root, written by
 * DuckDB in the layout the outputs move to (percent-encoded partition folders, no exchange or
 * symbol column in the files), adds a feature built to predict fwd_return_60 and one of pure noise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportEndToEndTest {
  private static final String HF = "ccxt/orderbook/hf";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @TempDir static Path dir;
  private Path out;
  private Path layoutRoot;
  private GenerationManifest manifest;
  private ReportHtml report;
  private ReportHtml layoutReport;

  private static EtlRuns.Result etl(String... args) {
    return EtlRuns.inProcess(args);
  }

  @BeforeAll
  void generateRunAndReport() throws Exception {
    Path raw = dir.resolve("raw");
    out = dir.resolve("out");
    manifest =
        SampleMarketGenerator.generate(
            GeneratorConfig.builder()
                .duration(Duration.ofMinutes(12))
                .seed(21)
                .exchanges("binance")
                .symbols("BTC/USDT", "ETH/USDT")
                .gapsPerHour(2)
                .writeNdjson(false)
                .build(),
            raw.toString());
    EtlRuns.Result run = etl("run", "--raw-root", raw.toString(), "--output-root", out.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(0);
    Path html = dir.resolve("report.html");
    EtlRuns.Result r = etl("report", "--output-root", out.toString(), "--out", html.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("Report: " + html.toAbsolutePath());
    report = new ReportHtml(Files.readString(html));

    // The same hf rows as DuckDB writes them, plus alpha = fwd_return_60 + noise of a tenth of its
    // spread (a feature that predicts the label) and coin = uniform noise (one that does not).
    layoutRoot = dir.resolve("layout");
    Files.createDirectories(layoutRoot.resolve(HF).getParent());
    try (DuckDb duck = new DuckDb()) {
      duck.execute("SET threads = 1");
      duck.execute("SELECT setseed(0.25)");
      duck.execute(
          "COPY (SELECT * EXCLUDE (exchange, symbol, date), exchange, symbol,"
              + " make_timestamp(epoch_us(capture_ts))::DATE AS date,"
              + " fwd_return_60 + 0.1 * stddev_samp(fwd_return_60) OVER (PARTITION BY symbol)"
              + "   * (random() - 0.5) AS alpha,"
              + " random() AS coin"
              + " FROM read_parquet('" + out.resolve(HF) + "/**/*.parquet', hive_partitioning = true))"
              + " TO '" + layoutRoot.resolve(HF) + "' (FORMAT PARQUET, PARTITION_BY (exchange, symbol, date))");
    }
    Path html2 = dir.resolve("layout.html");
    EtlRuns.Result r2 = etl("report", "--output-root", layoutRoot.toString(), "--out", html2.toString());
    assertThat(r2.code()).as(r2.err()).isEqualTo(0);
    layoutReport = new ReportHtml(Files.readString(html2));
  }

  @Test
  void thePlantedFeatureHasAnICNearOneAndNoiseNearZero() throws Exception {
    // The folders say symbol=BTC%2FUSDT and the files have no symbol column: the market is named
    // by its decoded folder.
    try (Stream<Path> s = Files.walk(layoutRoot)) {
      assertThat(s.map(Path::toString)).anyMatch(p -> p.contains("symbol=BTC%2FUSDT"));
    }
    try (DuckDb duck = new DuckDb()) {
      for (String symbol : List.of("BTC/USDT", "ETH/USDT")) {
        String market = "binance " + symbol;
        String files = layoutRoot.resolve(HF) + "/exchange=binance/symbol="
            + symbol.replace("/", "%2F") + "/*/*.parquet";
        double[] alpha = layoutReport.ic(market, "alpha", "fwd_return_60").orElseThrow();
        double[] coin = layoutReport.ic(market, "coin", "fwd_return_60").orElseThrow();
        double[] imbalance = layoutReport.ic(market, "imbalance_5", "fwd_return_300").orElseThrow();
        assertThat(alpha[0]).as(market).isGreaterThan(0.95);
        assertThat(Math.abs(coin[0])).as(market).isLessThan(0.05);
        // Each equal to Spearman's rho as DuckDB computes it: average ranks over complete pairs.
        for (Object[] c : new Object[][] {
            {"alpha", "fwd_return_60", alpha}, {"coin", "fwd_return_60", coin},
            {"imbalance_5", "fwd_return_300", imbalance}}) {
          double[] expected = spearman(duck, files, (String) c[0], (String) c[1]);
          double[] got = (double[]) c[2];
          assertThat(got[0]).as(market + " " + c[0]).isCloseTo(expected[0], within(2e-6));
          assertThat(got[1]).as(market + " " + c[0] + " pairs").isEqualTo(expected[1]);
        }
      }
    }
  }

  /** {rho, pairs} of x against y by SQL: average ranks (min rank + (ties - 1) / 2), then corr. */
  private static double[] spearman(DuckDb duck, String files, String x, String y) {
    Map<String, Object> r = duck.query(
        "WITH p AS (SELECT " + x + " AS x, " + y + " AS y FROM read_parquet('" + files + "')"
            + "   WHERE " + x + " IS NOT NULL AND " + y + " IS NOT NULL),"
            + " r AS (SELECT rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,"
            + "              rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry FROM p)"
            + " SELECT corr(rx, ry) AS rho, count(*) AS n FROM r").get(0);
    return new double[] {((Number) r.get("rho")).doubleValue(), ((Number) r.get("n")).doubleValue()};
  }

  @Test
  void rowsNullsAndDeadLettersAreTheFilesOwn() {
    try (DuckDb duck = new DuckDb()) {
      for (String table : List.of(HF, "ccxt/trades/hf", "ccxt/ticker/hf", "ccxt/orderbook/bars/duration=60s")) {
        long rows = duck.count("SELECT count(*) FROM read_parquet('" + out.resolve(table) + "/**/*.parquet')");
        assertThat(report.tableRows(table)).as(table).isEqualTo(rows).isPositive();
      }
      for (String column : List.of("fwd_return_60", "vpin", "ofi", "spread_regime", "time_delta_ms")) {
        long nulls = duck.count("SELECT count(*) - count(" + column + ") FROM read_parquet('"
            + out.resolve(HF) + "/**/*.parquet')");
        assertThat(report.nulls(HF, column)).as(column).isEqualTo(nulls);
      }
      assertThat(report.nulls(HF, "fwd_return_60")).isPositive(); // the last minute has no label
      for (String channel : List.of("orderbook", "trades")) {
        long dead = duck.count("SELECT count(*) FROM read_parquet('" + out.resolve("_rejected/" + channel) + "/*.parquet')");
        assertThat(report.deadLetters(channel)).as(channel).isEqualTo(dead).isPositive();
        // Every (column, kind of reason) and its count, grouped as the report groups them (numbers
        // as N) but by SQL; the report lists the commonest 15.
        List<Map<String, Object>> kinds = duck.query(
            "SELECT coalesce(\"column\", '(file)') AS col,"
                + " regexp_replace(reason, '-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?', 'N', 'g') AS kind, count(*) AS n"
                + " FROM read_parquet('" + out.resolve("_rejected/" + channel) + "/*.parquet')"
                + " GROUP BY ALL ORDER BY n DESC, col, kind LIMIT 3");
        for (Map<String, Object> k : kinds) {
          assertThat(report.deadLetterRows(channel, (String) k.get("col"), (String) k.get("kind")))
              .as(channel + " " + k)
              .isEqualTo(((Number) k.get("n")).longValue());
        }
      }
      // The twelve minutes of ticker updates had no bad row: no file, and the run record's 0.
      assertThat(out.resolve("_rejected/ticker").resolve("part-00000-of-00001.parquet")).doesNotExist();
      assertThat(report.deadLetters("ticker")).isZero();
    }
  }

  /** The duplicates the generator planted: dropped, counted in the run record, shown per run. */
  @Test
  void duplicatesAreTheGeneratorsCountedInTheRunRecord() throws Exception {
    long snapshots = manifest.orderbook().duplicateSnapshots();
    long trades = manifest.trades().duplicateTradeIds();
    assertThat(snapshots).isPositive();
    assertThat(trades).isPositive();
    List<io.microstructure.output.RunRecord> records = new io.microstructure.output.RunLog(out.toString()).all();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).counters)
        .containsEntry("orderbook/duplicate_snapshots", snapshots)
        .containsEntry("trades/duplicate_trades", trades)
        .containsEntry("orderbook/rows_read", manifest.orderbook().rows())
        .doesNotContainKeys("stage/replay");
    assertThat(report.html())
        .contains(
            "<td class=\"name\">"
                + records.get(0).runId
                + "</td><td>"
                + String.format(java.util.Locale.ROOT, "%,d", manifest.orderbook().rows())
                + "</td><td>"
                + String.format(java.util.Locale.ROOT, "%,d", snapshots)
                + "</td><td>"
                + String.format(java.util.Locale.ROOT, "%,d", manifest.trades().rows())
                + "</td><td>"
                + String.format(java.util.Locale.ROOT, "%,d", trades)
                + "</td>");
  }

  @Test
  void captureGapsAreTheGeneratorsAndRunStartsTheNullDeltas() {
    List<GenerationManifest.CaptureGap> gaps = manifest.captureGaps().stream()
        .filter(g -> g.channel().equals("orderbook"))
        .toList();
    assertThat(gaps).isNotEmpty();
    try (DuckDb duck = new DuckDb()) {
      for (String symbol : List.of("BTC/USDT", "ETH/USDT")) {
        String market = "binance " + symbol;
        List<GenerationManifest.CaptureGap> own = gaps.stream()
            .filter(g -> g.symbol().equals(symbol))
            .toList();
        assertThat(report.gapCount(market)).as(market).isEqualTo(own.size());
        String line = report.gapLine(market);
        long starts = duck.count("SELECT count(*) FROM read_parquet('" + out.resolve(HF)
            + "/exchange=binance/symbol=" + symbol.replace("/", "%2F")
            + "/*/*.parquet') WHERE time_delta_ms IS NULL");
        // One run per market, plus one more after each gap.
        assertThat(starts).isEqualTo(own.size() + 1);
        assertThat(line).contains("|" + String.format(java.util.Locale.ROOT, "%,d", starts) + "|");
        for (GenerationManifest.CaptureGap g : own) {
          String from = TIME.format(Instant.ofEpochSecond(0, g.fromMicros() * 1000));
          String to = TIME.format(Instant.ofEpochSecond(0, g.toMicros() * 1000));
          assertThat(report.html()).contains(from + " → " + to);
        }
      }
    }
  }

  @Test
  void filtersSelectMarketsAndDaysAndMistakesExitTwo() throws Exception {
    Path one = dir.resolve("one.html");
    // BTC/USDT as given matches the percent-encoded folder of the new layout.
    EtlRuns.Result r = etl("report", "--output-root", layoutRoot.toString(), "--symbol", "BTC/USDT",
        "--date", "2026-01-04..2026-01-05", "--out", one.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    String html = Files.readString(one);
    assertThat(html).contains("data-symbol=\"BTC/USDT\"").doesNotContain("data-symbol=\"ETH/USDT\"");
    assertThat(html).contains("Selection: symbol BTC/USDT; date 2026-01-04..2026-01-05.");

    EtlRuns.Result none = etl("report", "--output-root", out.toString(), "--date", "2026-02-01", "--out", one.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("etl: error: no partition of " + out + " matches date 2026-02-01;"
        + " it holds markets binance/BTC/USDT, binance/ETH/USDT on 2026-01-05");
    EtlRuns.Result badDate = etl("report", "--output-root", out.toString(), "--date", "5 Jan");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).contains("'5 Jan' is not a UTC day YYYY-MM-DD");
    EtlRuns.Result empty = etl("report", "--output-root", dir.resolve("nothing").toString(), "--out", one.toString());
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("holds no table");
  }

  @Test
  void thePageIsSelfContained() {
    // No script, stylesheet, image or font to fetch: the file can be mailed or archived as is.
    assertThat(report.html()).doesNotContain("<script", "<link", " src=", "url(http", "@import", "<img");
    assertThat(report.html()).contains("<style>", "<svg");
  }
}
