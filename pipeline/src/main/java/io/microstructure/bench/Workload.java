package io.microstructure.bench;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The seed's workload: binance's four default symbols at 10 Hz with 20 levels per side, an
 * uninterrupted capture, trades scaled to the asked count. Generated once per folder and reused
 * while its settings match.
 */
public final class Workload {
  /** Trades per second of the four default symbols on binance, at trade-rate scale 1. */
  private static final double BASE_TRADES_PER_SECOND = 4.0 + 2.5 + 1.5 + 1.0;

  private Workload() {}

  /** The folder of a scale's raw root: {@code raw} at 1 (as before scales), else {@code raw-S}. */
  public static Path rawFolder(Path dir, double scale) {
    return dir.resolve(scale == 1 ? "raw" : "raw-" + tag(scale));
  }

  /** A scale as written in folder and file names: 0.25, 1, 2. */
  public static String tag(double scale) {
    return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
  }

  /** Generates about {@code snapshots} snapshots and {@code trades} trades into raw, or reuses. */
  public static GenerationManifest prepare(
      Path raw, long snapshots, long trades, long seed, PrintStream out) throws IOException {
    return prepare(raw, snapshots, trades, seed, 0, out);
  }

  /**
   * As above, the files cut into row groups of {@code rowGroupRows} rows (0: the writer's default,
   * large row groups); the same seed gives the same rows either way.
   */
  public static GenerationManifest prepare(
      Path raw, long snapshots, long trades, long seed, int rowGroupRows, PrintStream out)
      throws IOException {
    long seconds = Math.max(1, Math.round(snapshots / 40.0)); // 4 markets at 10 Hz
    double scale = trades / (BASE_TRADES_PER_SECOND * seconds);
    GeneratorConfig config =
        GeneratorConfig.builder()
            .exchanges("binance")
            .duration(Duration.ofSeconds(seconds))
            .seed(seed)
            .tradeRateScale(scale)
            .gapsPerHour(0) // the seed's workload: an uninterrupted capture
            .writeNdjson(false)
            .rowGroupRows(rowGroupRows)
            .build();
    Path manifestFile = raw.resolve(GenerationManifest.FILE_NAME);
    if (Files.exists(manifestFile)) {
      GenerationManifest m = GenerationManifest.read(raw.toString());
      if (m.config().durationSeconds() == seconds
          && m.config().seed() == seed
          && m.config().gapsPerHour() == config.gapsPerHour()
          && m.config().rowGroupRows() == rowGroupRows
          && Math.abs(m.config().tradeRateScale() - scale) < 1e-9) {
        out.println("Reusing the workload in " + raw);
        return m;
      }
    }
    out.printf(
        "Generating the workload (%,d s of 4 markets at 10 Hz%s) into %s ...%n",
        seconds, rowGroupRows > 0 ? ", row groups of " + rowGroupRows + " rows" : "", raw);
    return SampleMarketGenerator.generate(config, raw.toString());
  }
}
