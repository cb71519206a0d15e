package io.microstructure.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Polars script computes our structural columns: it and {@code --mode vectorized} agree on
 * every column for the same generated files. Needs a Python with polars: {@code
 * -Dpolars.python=PATH}, else the default bench venv (bench/.venv, made by {@code bin/etl bench}),
 * else python3 on the PATH; skipped, with a message, when none has it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolarsBaselineTest {
  private static final Path SCRIPT = Path.of(System.getProperty("baselines.polars"));

  private Optional<String> python;
  private GenerationManifest manifest;
  private String report;
  private HfComparison comparison;

  @BeforeAll
  void runBothOnTenMinutesOfOneExchange(@TempDir Path dir) throws Exception {
    python = pythonWithPolars();
    if (python.isEmpty()) {
      return; // each test reports the skip (an assumption here would hide the message)
    }
    Path raw = dir.resolve("raw");
    manifest =
        SampleMarketGenerator.generate(
            GeneratorConfig.builder()
                .exchanges("binance")
                .duration(Duration.ofMinutes(10))
                .seed(12)
                .writeNdjson(false)
                .build(),
            raw.toString());
    Path log = dir.resolve("polars.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                python.get(),
                SCRIPT.toString(),
                "--raw-root",
                raw.toString(),
                "--output",
                dir.resolve("polars").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("POLARS_MAX_THREADS", "2");
    int code = pb.start().waitFor();
    report = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(code).as(report).isZero();
    OurPipeline.run(raw, dir.resolve("ours"), true);
    comparison = new HfComparison(OurPipeline.hf(dir.resolve("ours")), dir.resolve("polars"));
  }

  @BeforeEach
  void needsPolars() {
    assumeTrue(
        python.isPresent(),
        "no Python with polars (-Dpolars.python=PATH, bench/.venv or python3): Polars check"
            + " skipped");
  }

  @AfterAll
  void close() throws Exception {
    if (comparison != null) {
      comparison.close();
    }
  }

  @Test
  void everyValidSnapshotIsOneRowOnBothSides() throws Exception {
    // Like the vectorized mode, the script keeps duplicate snapshots and drops invalid rows.
    long valid = manifest.orderbook().rows() - manifest.orderbook().invalidRows();
    assertThat(manifest.orderbook().invalidRows()).isPositive();
    assertThat(report).contains("\"rows_written\": " + valid).contains("\"peak_rss_bytes\"");
    assertThat(comparison.count("SELECT count(*) FROM theirs")).isEqualTo(valid);
    assertThat(comparison.count("SELECT count(*) FROM ours")).isEqualTo(valid);
    assertThat(comparison.partitions("theirs")).isEqualTo(comparison.partitions("ours"));
  }

  @Test
  void everyStructuralColumnEqualsOursWithinTheSpecsPrecision() throws Exception {
    assertThat(comparison.baselineColumns())
        .contains("mid_price", "spread_bps", "imbalance_5", "band_imbalance_100", "bid_slope")
        .hasSize(52);
    Map<String, Long> bad = comparison.mismatches();
    assertThat(bad).allSatisfy((column, n) -> assertThat(n).as(column).isZero());
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE mid_price IS NULL"))
        .as("one-sided books")
        .isPositive();
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE book_crossed")).isPositive();
  }

  /** The first candidate Python that imports polars. */
  private static Optional<String> pythonWithPolars() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    String configured = System.getProperty("polars.python", "");
    if (!configured.isBlank()) {
      candidates.add(configured);
    }
    String home = System.getProperty("etl.home");
    if (home != null) {
      candidates.add(Path.of(home, "bench", ".venv", "bin", "python").toString());
    }
    candidates.add("python3");
    for (String python : candidates) {
      if (imports(python)) {
        return Optional.of(python);
      }
    }
    return Optional.empty();
  }

  private static boolean imports(String python) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import polars")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false; // no such interpreter
    }
  }
}
