package io.microstructure.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code etl bench}: the seed's workload (1,000,000 order-book snapshots with 20 levels per side,
 * ~500,000 trades over 4 symbols, plus tickers), generated once, then the full pipeline end to end
 * on each local runner, each in its own JVM through {@code bin/etl run}. Prints a Markdown table
 * for BENCHMARKS.md: wall time, snapshots per second, peak heap, busy time per stage.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time the full pipeline on the seed's workload on each local runner.",
      "",
      "Examples:",
      "  bin/etl bench                                   # Direct, Flink and Spark",
      "  bin/etl bench --runner DirectRunner --snapshots 200000"
    })
final class BenchCommand implements Callable<Integer> {
  /** Trades per second of the four default symbols on binance, at trade-rate scale 1. */
  private static final double BASE_TRADES_PER_SECOND = 4.0 + 2.5 + 1.5 + 1.0;

  private static final double TARGET_SECONDS = 12.0;

  @Option(
      names = "--dir",
      defaultValue = "bench",
      description = "Working folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--runner",
      description = "Runners to time (default: DirectRunner, FlinkRunner, SparkRunner).")
  List<String> runners = new ArrayList<>(List.of("DirectRunner", "FlinkRunner", "SparkRunner"));

  @Option(
      names = "--snapshots",
      defaultValue = "1000000",
      description = "Order-book snapshots (default: ${DEFAULT-VALUE}).")
  long snapshots;

  @Option(
      names = "--trades",
      defaultValue = "500000",
      description = "Trades, about (default: ${DEFAULT-VALUE}).")
  long trades;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    return Cli.guard(
        () -> {
          String home = System.getProperty("etl.home");
          if (home == null) {
            throw new UserError("run the benchmark through bin/etl (it needs the launcher)");
          }
          Path raw = dir.resolve("raw").toAbsolutePath();
          GenerationManifest manifest = workload(raw);
          long books = manifest.orderbook().rows();
          System.out.printf(
              "Workload: %,d snapshots, %,d trades, %,d tickers over %d markets in %s%n",
              books,
              manifest.trades().rows(),
              manifest.ticker().rows(),
              manifest.keys().size(),
              raw);
          List<String> table = new ArrayList<>();
          table.add(
              "| runner | wall (s) | snapshots/s | vs 12 s target | peak heap (MB) | busy time per"
                  + " stage (s, all threads) |");
          table.add("|---|---:|---:|---:|---:|---|");
          for (String runner : runners) {
            table.add(runOne(home, raw, runner, books));
          }
          System.out.println();
          System.out.println(header(books, manifest));
          table.forEach(System.out::println);
          return 0;
        });
  }

  private GenerationManifest workload(Path raw) throws IOException {
    long seconds = Math.round(snapshots / 40.0); // 4 markets at 10 Hz
    double scale = trades / (BASE_TRADES_PER_SECOND * seconds);
    GeneratorConfig config =
        GeneratorConfig.builder()
            .exchanges("binance")
            .duration(Duration.ofSeconds(seconds))
            .seed(seed)
            .tradeRateScale(scale)
            .gapsPerHour(0) // the seed's workload: an uninterrupted capture
            .writeNdjson(false)
            .build();
    Path manifestFile = raw.resolve(GenerationManifest.FILE_NAME);
    if (Files.exists(manifestFile)) {
      GenerationManifest m = GenerationManifest.read(raw.toString());
      if (m.config().durationSeconds() == seconds
          && m.config().seed() == seed
          && m.config().gapsPerHour() == config.gapsPerHour()
          && Math.abs(m.config().tradeRateScale() - scale) < 1e-9) {
        System.out.println("Reusing the workload in " + raw);
        return m;
      }
    }
    System.out.printf(
        "Generating the workload (%,d s of 4 markets at 10 Hz) into %s ...%n", seconds, raw);
    return SampleMarketGenerator.generate(config, raw.toString());
  }

  private String runOne(String home, Path raw, String runner, long books) throws Exception {
    String name = runner.toLowerCase(Locale.ROOT).replace("runner", "");
    Path out = dir.resolve("out-" + name).toAbsolutePath();
    Path report = dir.resolve("report-" + name + ".json").toAbsolutePath();
    Path log = dir.resolve("log-" + name + ".txt").toAbsolutePath();
    Files.deleteIfExists(report);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                home + "/bin/etl",
                "run",
                "--raw-root",
                raw.toString(),
                "--output-root",
                out.toString(),
                "--runner",
                runner,
                "--report-json",
                report.toString()));
    System.out.printf("Running %s (log: %s) ...%n", runner, log);
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    double outer = (System.nanoTime() - start) / 1e9;
    if (code != 0 || !Files.exists(report)) {
      String tail = String.join(" | ", lastLines(log, 3));
      System.out.printf("  %s failed (exit %d): %s%n", runner, code, tail);
      return "| " + runner + " | failed (exit " + code + ") | | | | " + tail + " |";
    }
    JsonObject r =
        JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    double wall = r.get("wall_seconds").getAsDouble();
    long heapMb = r.get("peak_heap_bytes").getAsLong() / (1024 * 1024);
    StringBuilder stages = new StringBuilder();
    JsonObject counters = r.getAsJsonObject("counters");
    for (String k : counters.keySet()) {
      if (k.startsWith("stage/")) {
        stages.append(
            String.format(
                "%s %.1f; ", k.substring(6, k.length() - 3), counters.get(k).getAsLong() / 1e6));
      }
    }
    System.out.printf(
        "  %s: %.1f s pipeline (%.1f s with JVM start and build checks)%n", runner, wall, outer);
    return String.format(
        "| %s | %.1f | %,.0f | %.1f× | %,d | %s|",
        runner, wall, books / wall, wall / TARGET_SECONDS, heapMb, stages);
  }

  private static List<String> lastLines(Path file, int n) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  private static String header(long books, GenerationManifest m) {
    String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    long memGb = 0;
    try {
      String meminfo = Files.readString(Path.of("/proc/meminfo"));
      String line = meminfo.lines().filter(l -> l.startsWith("MemTotal:")).findFirst().orElse("");
      memGb = Long.parseLong(line.replaceAll("\\D+", "")) / (1024 * 1024);
    } catch (IOException | NumberFormatException e) {
      // not on Linux: leave it out
    }
    return String.format(
        "### %s — `bin/etl bench` on %d cores, %d GiB, %s%n%n"
            + "Workload: %,d snapshots (20 levels per side), %,d trades, %,d tickers, %d markets; "
            + "every feature and table on.%n",
        ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE),
        Runtime.getRuntime().availableProcessors(),
        memGb,
        java,
        books,
        m.trades().rows(),
        m.ticker().rows(),
        m.keys().size());
  }
}
