package io.microstructure.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code etl run}: the batch job on any raw root in the contract's layout, or on legacy NDJSON. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the feature tables of a raw root (or of a legacy NDJSON stream).",
      "",
      "Examples:",
      "  bin/etl run --raw-root data/raw --output-root data/features",
      "  bin/etl run --raw-root data/raw --output-root data/trades-only --channel trades",
      "  bin/etl run --legacy-input data/legacy --output-root data/features-legacy",
      "  bin/etl run --raw-root raw --output-root out --runner=FlinkRunner",
      "  bin/etl run --raw-root raw --output-root out --runner=SparkRunner",
      "Any further --flag=value is passed to Beam, e.g. --targetParallelism=2 (Direct),",
      "--parallelism=4 (Flink), --sparkMaster=local[4] (Spark), --project=... (Dataflow)."
    })
final class RunCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Exactly one input. */
  static final class Input {
    @Option(
        names = "--raw-root",
        required = true,
        description = "Folder (or s3:// URI) holding ready/<source>/...")
    String rawRoot;

    @Option(
        names = "--legacy-input",
        required = true,
        description = "Legacy mixed NDJSON instead: a folder of *.ndjson[.gz] files or a glob.")
    String legacyInput;
  }

  @Option(names = "--output-root", required = true, description = "Where the tables are written.")
  String outputRoot;

  @Option(
      names = "--source",
      defaultValue = "ccxt",
      description = "Source name (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--channel",
      split = ",",
      description = "orderbook, trades, ticker or all (the default); repeatable.")
  List<String> channels = new ArrayList<>(List.of("all"));

  @Option(
      names = "--runner",
      paramLabel = "RUNNER",
      description = {
        "DirectRunner (the default), FlinkRunner (embedded local cluster unless --flinkMaster),",
        "SparkRunner (bin/etl defaults --sparkMaster=local[2]) or DataflowRunner.",
        "bin/etl builds and runs with that runner's classpath (runners/<name>)."
      })
  String runner;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    PipelineRunner.Request r = new PipelineRunner.Request();
    r.rawRoot = input.rawRoot;
    r.legacyInput = input.legacyInput;
    r.outputRoot = outputRoot;
    r.source = source;
    r.channels = channels;
    List<String> args = new ArrayList<>(beamArgs);
    if (runner != null) {
      args.add("--runner=" + canonicalRunner(runner));
    }
    r.beamArgs = args;
    return Cli.guard(() -> PipelineRunner.run(r, System.out));
  }

  /** flink, Flink, FlinkRunner → FlinkRunner (as bin/etl reads it); class names stay as given. */
  static String canonicalRunner(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.endsWith("runner")) {
      n = n.substring(0, n.length() - "runner".length());
    }
    switch (n) {
      case "direct":
        return "DirectRunner";
      case "flink":
        return "FlinkRunner";
      case "spark":
        return "SparkRunner";
      case "dataflow":
        return "DataflowRunner";
      default:
        return name;
    }
  }
}
