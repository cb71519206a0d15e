package io.microstructure.cli;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.report.FeatureReport;
import io.microstructure.report.Selection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code etl demo}: the main job on an embedded default, end to end on the DirectRunner. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate about an hour of sample market data, run the pipeline on it with the DirectRunner,",
      "print where the outputs are, with rows per table and key, rejected rows and wall time, and",
      "write the feature report of the outputs to <dir>/report.html (see 'etl report').",
      "",
      "Example:",
      "  bin/etl demo --dir demo --hours 1 --seed 42"
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "demo",
      description = "Working folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--hours",
      defaultValue = "1",
      description = "Hours of sample data (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    return Cli.guard(
        () -> {
          Path raw = dir.resolve("raw").toAbsolutePath();
          Path output = dir.resolve("output").toAbsolutePath();
          System.out.printf(
              "Generating %d hour(s) of sample data (seed %d) into %s%n", hours, seed, raw);
          long start = System.nanoTime();
          GeneratorConfig config = GeneratorConfig.builder().hours(hours).seed(seed).build();
          GenerationManifest manifest = SampleMarketGenerator.generate(config, raw.toString());
          System.out.printf(
              "  %,d rows over %d keys in %.1f s%n",
              manifest.totalRows(),
              manifest.keys().size(),
              Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
          int code =
              PipelineRunner.run(
                  raw.toString(), output.toString(), config.source(), List.of(), System.out);
          if (code != 0) {
            return code;
          }
          Path report = dir.resolve("report.html").toAbsolutePath();
          long reportStart = System.nanoTime();
          long bytes = FeatureReport.write(output.toString(), Selection.ALL, report);
          System.out.printf(
              Locale.ROOT,
              "%nReport: %s (%.1f MB, %.1f s): charts, information coefficients and data quality;"
                  + " open it in a browser%n",
              report,
              bytes / 1e6,
              Duration.ofNanos(System.nanoTime() - reportStart).toMillis() / 1000.0);
          return 0;
        });
  }
}
