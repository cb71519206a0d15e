package io.microstructure.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB SQL baseline computes our quantities: the script, run through the bench's own main,
 * and our pipeline on the same generated files agree on every column the script writes. The data
 * keeps the generator's defects (invalid rows, duplicate snapshots and trades, crossed and
 * one-sided books, trades on a snapshot's capture_ts) and has a capture gap, so the script's
 * filters, deduplication, tie rule and run boundaries are checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbBaselineTest {
  private static final Path SQL = Path.of(System.getProperty("baselines.sql"));

  private GenerationManifest manifest;
  private DuckDbBaseline.Result result;
  private HfComparison comparison;

  @BeforeAll
  void runBothOnTenMinutesOfOneExchange(@TempDir Path dir) throws Exception {
    Path raw = dir.resolve("raw");
    manifest =
        SampleMarketGenerator.generate(
            GeneratorConfig.builder()
                .exchanges("binance")
                .duration(Duration.ofMinutes(10))
                .seed(11)
                .gapsPerHour(1)
                .gapSeconds(320, 330)
                .writeNdjson(false)
                .build(),
            raw.toString());
    result = DuckDbBaseline.run(SQL, raw, dir.resolve("duckdb"), 2);
    OurPipeline.run(raw, dir.resolve("ours"), false);
    comparison = new HfComparison(OurPipeline.hf(dir.resolve("ours")), dir.resolve("duckdb"));
  }

  @AfterAll
  void close() throws Exception {
    if (comparison != null) {
      comparison.close();
    }
  }

  @Test
  void everyValidDistinctSnapshotIsOneRowOnBothSides() throws Exception {
    long clean =
        manifest.orderbook().rows()
            - manifest.orderbook().invalidRows()
            - manifest.orderbook().duplicateSnapshots();
    assertThat(manifest.orderbook().invalidRows()).isPositive();
    assertThat(manifest.orderbook().duplicateSnapshots()).isPositive();
    assertThat(result.rows()).isEqualTo(clean);
    assertThat(comparison.count("SELECT count(*) FROM ours")).isEqualTo(clean);
    assertThat(
            comparison.count(
                "SELECT count(*) FROM ours JOIN theirs USING (exchange, symbol, capture_ts)"))
        .isEqualTo(clean);
    assertThat(comparison.partitions("theirs")).isEqualTo(comparison.partitions("ours"));
  }

  @Test
  void everyColumnOfTheBaselineEqualsOursWithinTheSpecsPrecision() throws Exception {
    // The 52 structural columns, ofi, buy_volume, sell_volume, tfi and the two rolling ones.
    assertThat(comparison.baselineColumns())
        .contains(
            "mid_price",
            "spread",
            "bid_depth_5",
            "ask_depth_20",
            "imbalance_1",
            "imbalance_10",
            "band_imbalance_25",
            "ofi",
            "buy_volume",
            "sell_volume",
            "tfi",
            "ofi_sum_60",
            "tfi_60")
        .hasSize(58);
    Map<String, Long> bad = comparison.mismatches();
    assertThat(bad).allSatisfy((column, n) -> assertThat(n).as(column).isZero());
  }

  @Test
  void theComparedValuesAreNotTrivial() throws Exception {
    // Trades were assigned, flows are non-zero, and both kinds of null occur where they should.
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE tfi IS NOT NULL"))
        .isGreaterThan(1000);
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE ofi <> 0")).isGreaterThan(1000);
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE abs(tfi_60) < 1"))
        .isGreaterThan(1000);
    assertThat(comparison.count("SELECT count(*) FROM theirs WHERE mid_price IS NULL"))
        .as("one-sided books")
        .isPositive();
    // ofi is null at the first snapshot of each key's run: 4 starts plus the gap's restart.
    assertThat(
            comparison.count(
                "SELECT count(*) FROM theirs WHERE ofi IS NULL AND mid_price IS NOT NULL"))
        .isGreaterThanOrEqualTo(5);
    assertThat(manifest.captureGaps()).isNotEmpty();
  }
}
