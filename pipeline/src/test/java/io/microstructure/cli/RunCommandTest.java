package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code etl run} end to end through the command line: config, filters, dry run, modes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandTest {
  @TempDir static Path dir;
  private String raw;

  @BeforeAll
  void generate() throws Exception {
    raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(3))
            .seed(5)
            .writeNdjson(false)
            .build(),
        raw);
  }

  private static EtlRuns.Result etl(String... args) {
    return EtlRuns.inProcess(args);
  }

  @Test
  void dryRunListsFilesSpanMarketsAndPartitionsWithoutWriting() {
    EtlRuns.Result r =
        etl(
            "run",
            "--raw-root",
            raw,
            "--output-root",
            dir.resolve("never").toString(),
            "--dry-run",
            "--exchange",
            "okx");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("orderbook     1 files")
        .contains("segment_20260105T000000_20260105T000300.parquet")
        .contains("Time span: 2026-01-05T00:00:00Z .. 2026-01-05T00:03:00Z")
        .contains("Markets: 8 found, 4 kept by the filters")
        .contains("binance:BTC/USDT                     (filtered out)")
        .contains("exchange=okx/symbol=1000PEPE%2FUSDT%3AUSDT/date=2026-01-05")
        .doesNotContain("exchange=binance/symbol=");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void aConfigFileDrivesTheRunAndFlagsOverrideIt() throws Exception {
    Path config = dir.resolve("run.yaml");
    String out = dir.resolve("out-config").toString();
    Files.writeString(
        config,
        "storage:\n  input:\n    root: "
            + raw
            + "\n  output:\n    root: /nonexistent\n"
            + "channels: [orderbook]\nfilters:\n  symbols: [ETH/USDT]\n"
            + "features:\n  horizons: [10]\n  bar_durations: [120]\n");
    EtlRuns.Result r =
        etl("run", "--config", config.toString(), "--output-root", out, "--exchange", "binance");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ccxt/orderbook/hf")
        .contains("binance/ETH/USDT")
        .doesNotContain("okx/");
    try (DuckDb duck = new DuckDb()) {
      List<Map<String, Object>> keys =
          duck.query(
              "SELECT DISTINCT exchange, symbol FROM read_parquet('"
                  + out
                  + "/ccxt/orderbook/hf/**/*.parquet', hive_partitioning = true)");
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0))
          .containsEntry("exchange", "binance")
          .containsEntry("symbol", "ETH/USDT");
      List<String> columns =
          duck
              .query(
                  "DESCRIBE SELECT * FROM read_parquet('"
                      + out
                      + "/ccxt/orderbook/hf/**/*.parquet')")
              .stream()
              .map(c -> (String) c.get("column_name"))
              .collect(Collectors.toList());
      assertThat(columns).contains("rv_10", "fwd_return_10").doesNotContain("rv_5");
    }
    assertThat(Path.of(out, "ccxt", "orderbook", "bars", "duration=120s")).isDirectory();
    assertThat(Path.of(out, "ccxt", "trades")).doesNotExist();
    // Filters are reported in the summary.
    assertThat(r.out())
        .containsPattern(
            "orderbook\\s+[\\d,]+ read\\s+[\\d,]+ rejected\\s+[1-9][\\d,]* filtered out");
  }

  @Test
  void vectorizedModeWritesStructuralFeaturesOnly() {
    String out = dir.resolve("out-vectorized").toString();
    EtlRuns.Result r =
        etl(
            "run",
            "--raw-root",
            raw,
            "--output-root",
            out,
            "--mode",
            "vectorized",
            "--symbol",
            "SOL-USDT");
    assertThat(r.code()).as(r.err()).isZero();
    try (DuckDb duck = new DuckDb()) {
      List<String> columns =
          duck
              .query(
                  "DESCRIBE SELECT * FROM read_parquet('"
                      + out
                      + "/ccxt/orderbook/hf/**/*.parquet')")
              .stream()
              .map(c -> (String) c.get("column_name"))
              .collect(Collectors.toList());
      assertThat(columns)
          .contains("mid_price", "band_imbalance_100", "book_crossed")
          .doesNotContain("ofi", "log_return", "vpin");
      assertThat(
              duck.count(
                  "SELECT count(*) FROM read_parquet('"
                      + out
                      + "/ccxt/orderbook/hf/**/*.parquet')"))
          .isPositive();
    }
    assertThat(Path.of(out, "ccxt", "orderbook", "bars")).doesNotExist();
  }

  @Test
  void reportJsonKeepsItsFieldsAndAddsTheMemoryFigures() throws Exception {
    Path report = dir.resolve("report.json");
    EtlRuns.Result r =
        etl(
            "run",
            "--raw-root",
            raw,
            "--output-root",
            dir.resolve("out-report").toString(),
            "--mode",
            "vectorized",
            "--report-json",
            report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(json.keySet())
        .contains("runner", "wall_seconds", "peak_heap_bytes", "counters", "rows_written");
    assertThat(json.get("wall_seconds").getAsDouble()).isPositive();
    long peak = json.get("peak_heap_bytes").getAsLong();
    assertThat(peak).isPositive();
    // -1 only when no collection ran during the job
    assertThat(json.get("peak_heap_after_gc_bytes").getAsLong()).isNotZero().isGreaterThan(-2);
    assertThat(json.get("max_heap_bytes").getAsLong()).isGreaterThanOrEqualTo(peak);
    assertThat(json.get("peak_rss_bytes").getAsLong()).isPositive();
  }

  @Test
  void userMistakesAreOneLineAndExitCode2() throws Exception {
    EtlRuns.Result noMatch =
        etl(
            "run",
            "--raw-root",
            raw,
            "--output-root",
            dir.resolve("o1").toString(),
            "--symbol",
            "DOGE/USDT");
    assertThat(noMatch.code()).isEqualTo(2);
    assertThat(noMatch.err())
        .startsWith("etl: error: the filters")
        .contains("match no market")
        .contains("okx:BTC/USDT");

    Path badConfig = dir.resolve("bad.yaml");
    Files.writeString(badConfig, "features:\n  horizons: [5, -1]\n");
    EtlRuns.Result bad =
        etl("run", "--config", badConfig.toString(), "--raw-root", raw, "--output-root", "x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip())
        .isEqualTo("etl: error: " + badConfig + ": features.horizons[1]: must be > 0, got -1");

    EtlRuns.Result missingConfig = etl("run", "--config", dir.resolve("nope.yaml").toString());
    assertThat(missingConfig.err().strip())
        .isEqualTo("etl: error: config file " + dir.resolve("nope.yaml") + " does not exist");

    Path tickerless = dir.resolve("tickerless");
    Files.createDirectories(tickerless.resolve("ready/ccxt/orderbook"));
    Files.copy(
        Path.of(raw, "ready/ccxt/orderbook/segment_20260105T000000_20260105T000300.parquet"),
        tickerless.resolve("ready/ccxt/orderbook/segment_20260105T000000_20260105T000300.parquet"));
    EtlRuns.Result noTicker =
        etl(
            "run",
            "--raw-root",
            tickerless.toString(),
            "--output-root",
            "x",
            "--channel",
            "ticker");
    assertThat(noTicker.code()).isEqualTo(2);
    assertThat(noTicker.err())
        .contains(
            "no ticker files (segment_*.parquet) in " + tickerless.resolve("ready/ccxt/ticker"));

    for (EtlRuns.Result r : List.of(noMatch, bad, missingConfig, noTicker)) {
      assertThat(r.err().lines().count()).isEqualTo(1);
      assertThat(r.err()).doesNotContain("Exception");
    }
  }

  @Test
  void helpShowsEveryFlagWithExamples() {
    EtlRuns.Result r = etl("run", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--config", "--source", "--channel", "--exchange", "--symbol", "--dry-run")
        .contains("--raw-root", "--output-root", "--runner", "--mode")
        .contains("bin/etl run --config config/production.yaml");
  }
}
