package io.microstructure.cli;

import io.microstructure.config.ConfigException;
import io.microstructure.config.EtlConfig;
import io.microstructure.pipeline.ChannelChoice;
import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.Mode;
import io.microstructure.pipeline.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code etl run}: the config-driven batch job, the seed's run_parquet_etl.py. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compute the feature tables of a raw root (or of a legacy NDJSON stream).",
      "Without --config the embedded default configuration is used: --print-default-config",
      "prints it, every key documented; config/production.yaml is an example to copy.",
      "",
      "Examples:",
      "  bin/etl run --raw-root data/raw --output-root data/features",
      "  bin/etl run --config config/production.yaml --exchange binance --symbol BTC/USDT",
      "  bin/etl run --config config/production.yaml --channel trades --dry-run",
      "  bin/etl run --legacy-input data/legacy/ccxt --output-root data/features-legacy",
      "  bin/etl run --raw-root raw --output-root out --runner=FlinkRunner --parallelism=2",
      "  bin/etl run --raw-root raw --output-root out --runner=SparkRunner",
      "  bin/etl run --raw-root raw --output-root out --incremental (every hour: what is new)",
      "  bin/etl run --raw-root raw --output-root out --waves 1d (a year, a day at a time)",
      "Any further --name=value is passed to Beam (runner and pipeline options), e.g.",
      "  --targetParallelism=2 (Direct), --sparkMaster=local[4] (Spark), --project=... (Dataflow),",
      "  --horizons=5,60 --vpinWindow=20 (feature parameters),",
      "  --captureTsUnit=ms|us|ns (a capture_ts stored as plain int64),",
      "  --captureTsMin=2009-01-01T00:00:00Z --captureTsMaxAheadHours=24 (accepted capture_ts),",
      "  --skipUnreadableFiles=true (dead-letter unreadable files instead of failing).",
      ""
    })
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (e.g. config/production.yaml); flags override it.")
  Path config;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Source name: folder under ready/ (default: ccxt).")
  String source;

  @Option(
      names = "--channel",
      split = ",",
      paramLabel = "CHANNEL",
      description = "orderbook, trades, ticker or all (default); repeatable.")
  List<String> channels;

  @Option(
      names = "--exchange",
      paramLabel = "X",
      description = "Keep only this exchange; repeatable, e.g. --exchange binance.")
  List<String> exchanges;

  @Option(
      names = "--symbol",
      paramLabel = "S",
      description = "Keep only this symbol (BTC/USDT or BTC-USDT); repeatable.")
  List<String> symbols;

  @Option(
      names = "--dry-run",
      description = "List files, time span, markets and output partitions; run nothing.")
  boolean dryRun;

  @Option(
      names = "--incremental",
      description = {
        "Process only segments new or changed since the last complete run, from the state it",
        "recorded in the output root; the first such run computes everything (README,",
        "\"Incremental runs\"). With --dry-run: list what it would read and rewrite."
      })
  boolean incremental;

  @Option(
      names = "--waves",
      paramLabel = "DURATION",
      description = {
        "Incremental runs over the input in time order, the segments of one wave (e.g. 1d) at",
        "a time, so that memory is bounded by a wave."
      })
  String waves;

  @Option(
      names = "--print-default-config",
      description = "Print the embedded default configuration (every key, documented) and exit.")
  boolean printDefaultConfig;

  @Option(
      names = "--raw-root",
      paramLabel = "DIR",
      description = "Raw root (local folder or s3://bucket/prefix), overriding the config.")
  String rawRoot;

  @Option(
      names = "--legacy-input",
      paramLabel = "DIR_OR_GLOB",
      description = "Legacy mixed NDJSON input instead of a raw root.")
  String legacyInput;

  @Option(
      names = "--output-root",
      paramLabel = "DIR",
      description = "Output root (local folder or s3://...), overriding the config.")
  String outputRoot;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "hybrid (every feature) or vectorized (structural only, no shuffle).")
  String mode;

  @Option(
      names = "--report-json",
      paramLabel = "FILE",
      description = "Also write the run summary (counters, rows, wall time, peak heap) as JSON.")
  Path reportJson;

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
    return Cli.guard(
        () -> {
          if (printDefaultConfig) {
            System.out.print(EtlConfig.defaultText());
            return 0;
          }
          for (String a : beamArgs) {
            UnknownFlag.closeTo(a, RunCommand.class)
                .ifPresent(
                    known -> {
                      throw new UserError(
                          "unknown option " + UnknownFlag.name(a) + "; did you mean " + known + "?");
                    });
          }
          EtlConfig c;
          try {
            c = config == null ? EtlConfig.defaults() : EtlConfig.load(config);
          } catch (ConfigException e) {
            throw new UserError(e.getMessage());
          }
          if (source != null) {
            c.source = source;
          }
          if (channels != null) {
            c.channels = new java.util.ArrayList<>();
            for (String name : channels) {
              try {
                c.channels.add(ChannelChoice.parse(name));
              } catch (IllegalArgumentException e) {
                throw new UserError("--channel: " + e.getMessage());
              }
            }
          }
          if (exchanges != null) {
            c.exchanges = exchanges;
          }
          if (symbols != null) {
            c.symbols = symbols;
          }
          if (rawRoot != null || legacyInput != null) {
            c.inputRoot = rawRoot;
            c.legacyInput = legacyInput;
          }
          if (outputRoot != null) {
            c.outputRoot = outputRoot;
          }
          if (incremental) {
            c.incremental = true;
          }
          if (waves != null) {
            try {
              c.waves = ChunkSize.parseWave(waves);
            } catch (IllegalArgumentException e) {
              throw new UserError("--waves: " + e.getMessage());
            }
          }
          if (mode != null) {
            try {
              c.mode = Mode.parse(mode);
            } catch (IllegalArgumentException e) {
              throw new UserError("--mode: " + e.getMessage());
            }
          }
          if (runner != null) {
            c.runner = canonicalRunner(runner);
          }
          for (String a : beamArgs) {
            if (!a.startsWith("--") || !a.contains("=")) {
              throw new UserError(
                  "unexpected argument '" + a + "' (Beam options are written --name=value)");
            }
          }
          return PipelineRunner.run(c, beamArgs, dryRun, reportJson, System.out);
        });
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
