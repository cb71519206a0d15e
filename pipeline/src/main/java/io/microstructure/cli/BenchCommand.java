package io.microstructure.cli;

import io.microstructure.bench.Contender;
import io.microstructure.bench.MachineInfo;
import io.microstructure.bench.PythonVenv;
import io.microstructure.bench.ResultTables;
import io.microstructure.bench.RunResult;
import io.microstructure.bench.Samples;
import io.microstructure.bench.ScaleResults;
import io.microstructure.bench.ScaleResults.RowGroupSamples;
import io.microstructure.bench.ScaleResults.RunnerResults;
import io.microstructure.bench.TimedRun;
import io.microstructure.bench.Workload;
import io.microstructure.generate.GenerationManifest;
import io.microstructure.pipeline.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code etl bench}: the seed's workload (1,000,000 order-book snapshots with 20 levels per side,
 * ~500,000 trades over 4 symbols, plus tickers), generated once, then our pipeline on each local
 * runner, each run in its own JVM through {@code bin/etl run}, alternated with the baselines on the
 * same files: the DuckDB SQL script against every table (hybrid), the Polars script against the
 * structural columns ({@code --mode vectorized}). Prints Markdown tables for BENCHMARKS.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time the pipeline on the seed's workload on each local runner, next to",
      "DuckDB and Polars on the same files. Each repeat runs ours, then the baseline:",
      "  ours (hybrid) and baselines/sql/duckdb_baseline.sql (DuckDB JDBC, own JVM);",
      "  ours --mode vectorized and baselines/python/polars_structural.py (in a venv",
      "  under --dir, made on first use).",
      "ETL_JAVA_OPTS (e.g. -Xmx1g) applies to our runs; the tables give the heap cap.",
      "",
      "Examples:",
      "  bin/etl bench                          # Direct, Flink and Spark, 2 repeats",
      "  bin/etl bench --runner DirectRunner --snapshots 200000 --trades 100000",
      "  bin/etl bench --runner DirectRunner --scales 0.25,0.5,1 --baselines none",
      "  ETL_JAVA_OPTS=-Xmx1g bin/etl bench --runner SparkRunner --repeat 3",
      ""
    })
final class BenchCommand implements Callable<Integer> {
  /** What ours is compared with. */
  enum Baseline {
    DUCKDB,
    POLARS,
    NONE
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "bench",
      description = "Workloads, outputs, logs and the venv (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--runner",
      description = "Runners to time (default: DirectRunner, FlinkRunner, SparkRunner).")
  List<String> runners = new ArrayList<>(List.of("DirectRunner", "FlinkRunner", "SparkRunner"));

  @Option(
      names = "--snapshots",
      defaultValue = "1000000",
      description = "Order-book snapshots at scale 1 (default: ${DEFAULT-VALUE}).")
  long snapshots;

  @Option(
      names = "--trades",
      defaultValue = "500000",
      description = "Trades at scale 1, about (default: ${DEFAULT-VALUE}).")
  long trades;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--repeat",
      defaultValue = "2",
      description = "Runs of each side per comparison, alternated (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "1",
      paramLabel = "FRACTION",
      description =
          "Fractions of --snapshots and --trades, each workload in its own folder (raw,"
              + " raw-0.25, ...), e.g. 0.25,0.5,1 (default: ${DEFAULT-VALUE}).")
  List<Double> scales;

  @Option(
      names = "--baselines",
      split = ",",
      defaultValue = "duckdb,polars",
      paramLabel = "NAME",
      description = "duckdb, polars, or none (ours only) (default: ${DEFAULT-VALUE}).")
  List<Baseline> baselines;

  @Option(
      names = "--row-group-rows",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also time ours on the workload written in row groups of N rows (as capture tools that"
              + " flush often write them; daedalus: 1000), alternated with the same data in large"
              + " row groups; 0: not (default: ${DEFAULT-VALUE}).")
  int rowGroupRows;

  @Option(
      names = "--baseline-threads",
      defaultValue = "2",
      description = "Threads of DuckDB and Polars (default: ${DEFAULT-VALUE}).")
  int baselineThreads;

  @Override
  public Integer call() {
    return Cli.guard(
        () -> {
          String etlHome = System.getProperty("etl.home");
          if (etlHome == null) {
            throw new UserError("run the benchmark through bin/etl (it needs the launcher)");
          }
          validate();
          Path home = Path.of(etlHome);
          Path work = dir.toAbsolutePath();
          PrintStream out = System.out;
          Set<Baseline> chosen = chosenBaselines();
          Optional<Contender> duckDb = duckDb(home, chosen, out);
          Optional<Contender> polars = polars(home, work, chosen, out);
          for (String runner : runners) {
            checkRunner(home, work, runner, out);
          }

          List<ScaleResults> results = new ArrayList<>();
          for (double scale : scales) {
            results.add(runScale(home, work, scale, duckDb, polars, out));
          }

          List<String> report = report(results, duckDb.isPresent(), polars.isPresent());
          Path markdown = work.resolve("bench.md");
          Files.writeString(markdown, String.join("\n", report) + "\n");
          out.println();
          report.forEach(out::println);
          out.println();
          out.println("(also written to " + markdown + ")");
          return 0;
        });
  }

  private void validate() {
    if (repeat < 1) {
      throw new UserError("--repeat must be at least 1, got " + repeat);
    }
    if (rowGroupRows < 0) {
      throw new UserError("--row-group-rows must be 0 (off) or more, got " + rowGroupRows);
    }
    if (baselineThreads < 1) {
      throw new UserError("--baseline-threads must be at least 1, got " + baselineThreads);
    }
    for (double s : scales) {
      if (!(s > 0) || Math.round(snapshots * s) < 40) {
        throw new UserError(
            "--scales: " + s + " leaves fewer than 40 snapshots (one second of 4 markets)");
      }
    }
    if (scales.stream().distinct().count() != scales.size()) {
      throw new UserError("--scales lists a scale twice: " + scales);
    }
  }

  private Set<Baseline> chosenBaselines() {
    if (baselines.contains(Baseline.NONE)) {
      if (baselines.size() > 1) {
        throw new UserError("--baselines none cannot be combined with a baseline");
      }
      return EnumSet.noneOf(Baseline.class);
    }
    return EnumSet.copyOf(baselines);
  }

  private Optional<Contender> duckDb(Path home, Set<Baseline> chosen, PrintStream out) {
    if (!chosen.contains(Baseline.DUCKDB)) {
      return Optional.empty();
    }
    Contender.DuckDb d = new Contender.DuckDb(home, baselineThreads);
    if (!Files.exists(d.classpathFile())) {
      out.println(
          "Skipping the DuckDB comparison: "
              + d.classpathFile()
              + " is missing (bin/etl bench builds it; or mvn -pl baselines -am package).");
      return Optional.empty();
    }
    return Optional.of(d);
  }

  private Optional<Contender> polars(Path home, Path work, Set<Baseline> chosen, PrintStream out)
      throws Exception {
    if (!chosen.contains(Baseline.POLARS)) {
      return Optional.empty();
    }
    return PythonVenv.POLARS.python(
            work.resolve(".venv"), work.resolve("logs/python-setup.log"), out)
        .map(python -> new Contender.Polars(home, python, baselineThreads));
  }

  /**
   * Builds the runner's module now, if bin/etl finds it stale, so that no timed run pays for a
   * build; an unknown runner stops the bench before anything is timed.
   */
  private static void checkRunner(Path home, Path work, String runner, PrintStream out)
      throws IOException, InterruptedException {
    Path log = work.resolve("logs/build-" + runner.toLowerCase(Locale.ROOT) + ".log");
    Files.createDirectories(log.getParent());
    out.println("Checking the build for " + runner + " ...");
    Process p =
        new ProcessBuilder(home.resolve("bin/etl").toString(), "run", "--runner", runner, "--help")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new UserError(
          runner + ": " + String.join(" ", TimedRun.lastLines(log, 1)) + " (see " + log + ")");
    }
  }

  private ScaleResults runScale(
      Path home,
      Path work,
      double scale,
      Optional<Contender> duckDb,
      Optional<Contender> polars,
      PrintStream out)
      throws Exception {
    Path raw = Workload.rawFolder(work, scale).toAbsolutePath();
    GenerationManifest m =
        Workload.prepare(raw, Math.round(snapshots * scale), Math.round(trades * scale), seed, out);
    out.printf(
        "Workload at scale %s: %,d snapshots, %,d trades, %,d tickers over %d markets in %s%n",
        Workload.tag(scale),
        m.orderbook().rows(),
        m.trades().rows(),
        m.ticker().rows(),
        m.keys().size(),
        raw);
    String tag = Workload.tag(scale);
    List<RunnerResults> perRunner = new ArrayList<>();
    for (String runner : runners) {
      Samples ours = new Samples(new Contender.Ours(home, runner, false));
      Samples duck = duckDb.map(Samples::new).orElse(null);
      alternate(work, raw, tag, ours, duck, out);
      Samples vectorized = null;
      Samples pol = polars.map(Samples::new).orElse(null);
      if (pol != null) {
        vectorized = new Samples(new Contender.Ours(home, runner, true));
        alternate(work, raw, tag, vectorized, pol, out);
      }
      RowGroupSamples rowGroups = null;
      if (rowGroupRows > 0) {
        rowGroups = rowGroupVariant(home, work, raw, scale, runner, out);
      }
      perRunner.add(new RunnerResults(runner, ours, duck, vectorized, pol, rowGroups));
    }
    return new ScaleResults(
        scale, m.orderbook().rows(), m.trades().rows(), m.ticker().rows(), perRunner);
  }

  /**
   * Ours on the workload in row groups of {@link #rowGroupRows} rows (its own folder, the same
   * rows), alternated with ours on the large row groups of {@code raw}.
   */
  private RowGroupSamples rowGroupVariant(
      Path home, Path work, Path raw, double scale, String runner, PrintStream out)
      throws Exception {
    Path small = Path.of(raw + "-rg" + rowGroupRows);
    Workload.prepare(
        small,
        Math.round(snapshots * scale),
        Math.round(trades * scale),
        seed,
        rowGroupRows,
        out);
    String tag = Workload.tag(scale) + "-rg" + rowGroupRows;
    Samples smallRuns = new Samples(new Contender.Ours(home, runner, false));
    Samples largeRuns = new Samples(new Contender.Ours(home, runner, false));
    for (int i = 1; i <= repeat; i++) {
      out.printf("[row groups of %,d rows] repeat %d of %d%n", rowGroupRows, i, repeat);
      for (Samples s : List.of(smallRuns, largeRuns)) {
        String run = tag + "-" + (s == smallRuns ? "small" : "large") + "-" + i;
        out.printf("  running %s (log: %s)%n", run, work.resolve("logs/" + run + ".log"));
        s.add(
            TimedRun.run(
                s.contender(),
                s == smallRuns ? small : raw,
                work.resolve("out-rowgroups"),
                work.resolve("reports/" + run + ".json"),
                work.resolve("logs/" + run + ".log"),
                out));
      }
    }
    return new RowGroupSamples(rowGroupRows, smallRuns, largeRuns);
  }

  /** ours, baseline, ours, baseline, ...: both sides see the machine in the same state. */
  private void alternate(
      Path work, Path raw, String tag, Samples ours, Samples baseline, PrintStream out)
      throws Exception {
    for (int i = 1; i <= repeat; i++) {
      out.printf("[scale %s] repeat %d of %d%n", tag, i, repeat);
      for (Samples s : baseline == null ? List.of(ours) : List.of(ours, baseline)) {
        Contender c = s.contender();
        String run = tag + "-" + c.name() + "-" + i;
        out.printf("  running %s (log: %s)%n", c.label(), work.resolve("logs/" + run + ".log"));
        RunResult r =
            TimedRun.run(
                c,
                raw,
                work.resolve("out-" + c.name()),
                work.resolve("reports/" + run + ".json"),
                work.resolve("logs/" + run + ".log"),
                out);
        s.add(r);
      }
    }
  }

  private List<String> report(List<ScaleResults> results, boolean duckDb, boolean polars) {
    List<String> r = new ArrayList<>();
    r.add("### " + MachineInfo.describe());
    r.add("");
    // The parse result's arguments start at the top command: keep those after "bench".
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    r.add(
        "Command: `bin/etl bench "
            + String.join(" ", args.subList(args.indexOf("bench") + 1, args.size()))
            + "`"
            + (System.getenv("ETL_JAVA_OPTS") == null
                ? ""
                : " with `ETL_JAVA_OPTS=" + System.getenv("ETL_JAVA_OPTS") + "`"));
    r.add("");
    for (ScaleResults s : results) {
      r.add(
          String.format(
              Locale.ROOT,
              "- Workload at scale %s: %,d snapshots (20 levels per side), %,d trades, %,d tickers,"
                  + " 4 markets, no capture gaps (seed %d).",
              Workload.tag(s.scale()),
              s.snapshots(),
              s.trades(),
              s.tickers(),
              seed));
    }
    r.add("- " + heapCap(results));
    if (duckDb || polars) {
      r.add("- " + baselinesLine(results));
    }
    r.add(
        "- Wall: each run's own measure (ours: the pipeline inside its JVM; DuckDB: the script;"
            + " Polars: scan to last file written), min and median of "
            + repeat
            + " alternated repeats; process: the whole process, start-up included. Memory: the"
            + " maximum over the repeats. Peak heap is sampled every 50 ms and includes garbage;"
            + " after GC is the highest heap use right after a collection; RSS is the process's"
            + " VmHWM.");
    for (ScaleResults s : results) {
      r.add("");
      if (duckDb) {
        r.addAll(
            comparison(
                s,
                "Ours (hybrid: every feature and table) vs DuckDB SQL",
                "DuckDB",
                x -> new ResultTables.Pair(x.runner(), x.ours(), x.duckdb())));
        r.add("");
      }
      if (polars) {
        r.addAll(
            comparison(
                s,
                "Ours (--mode vectorized: structural columns) vs Polars",
                "Polars",
                x -> new ResultTables.Pair(x.runner(), x.vectorized(), x.polars())));
        r.add("");
      }
      if (rowGroupRows > 0) {
        r.addAll(
            ResultTables.comparison(
                String.format(
                    Locale.ROOT,
                    "Ours in row groups of %,d rows vs the same data in large row groups — %,d"
                        + " snapshots",
                    rowGroupRows,
                    s.snapshots()),
                "large row groups",
                s.runners().stream()
                    .map(
                        x ->
                            new ResultTables.Pair(
                                x.runner(), x.rowGroups().small(), x.rowGroups().large()))
                    .toList()));
        r.add("");
      }
      r.addAll(ResultTables.stages(s));
    }
    for (String runner : runners) {
      r.add("");
      r.addAll(ResultTables.scaling(runner, results));
    }
    return r;
  }

  /** One comparison table of a scale: a row per runner, its samples picked by {@code pair}. */
  private static List<String> comparison(
      ScaleResults s,
      String title,
      String baseline,
      Function<RunnerResults, ResultTables.Pair> pair) {
    return ResultTables.comparison(
        String.format(Locale.ROOT, "%s — %,d snapshots", title, s.snapshots()),
        baseline,
        s.runners().stream().map(pair).toList());
  }

  /** Which heap cap our runs had: the one they reported, and where it came from. */
  private static String heapCap(List<ScaleResults> results) {
    String caps =
        results.stream()
            .flatMap(s -> s.runners().stream())
            .map(x -> x.ours().maxHeap())
            .filter(b -> b > 0)
            .distinct()
            .map(b -> String.format(Locale.ROOT, "%,d MB", b / (1024 * 1024)))
            .collect(Collectors.joining(", "));
    String opts = System.getenv("ETL_JAVA_OPTS");
    return "Heap cap of our runs: "
        + (caps.isEmpty() ? "unknown" : caps)
        + (opts == null || opts.isBlank()
            ? " (the JVM's default: no ETL_JAVA_OPTS)"
            : " (ETL_JAVA_OPTS=" + opts.strip() + ")")
        + ".";
  }

  private String baselinesLine(List<ScaleResults> results) {
    List<String> parts = new ArrayList<>();
    String duck = version(results, RunnerResults::duckdb);
    if (duck != null) {
      parts.add(
          "DuckDB "
              + duck
              + " (JDBC, its own JVM, "
              + baselineThreads
              + " threads, default memory limit)");
    }
    String pol = version(results, RunnerResults::polars);
    if (pol != null) {
      parts.add("Polars " + pol + " (POLARS_MAX_THREADS=" + baselineThreads + ")");
    }
    return "Baselines: " + (parts.isEmpty() ? "no successful run" : String.join("; ", parts)) + ".";
  }

  private static String version(List<ScaleResults> results, Function<RunnerResults, Samples> side) {
    return results.stream()
        .flatMap(s -> s.runners().stream())
        .map(side)
        .filter(x -> x != null && x.version() != null)
        .map(Samples::version)
        .findFirst()
        .orElse(null);
  }
}
