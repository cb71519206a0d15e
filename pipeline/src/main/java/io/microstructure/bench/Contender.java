package io.microstructure.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One side of a comparison: a command that computes features and writes a JSON report. */
public sealed interface Contender {
  /** Short name for files and logs: direct, direct-vectorized, duckdb, polars. */
  String name();

  /** Name in the tables. */
  String label();

  /** The command line: read {@code raw}, write into {@code out}, the report to {@code report}. */
  List<String> command(Path raw, Path out, Path report);

  /** Environment entries added to the bench's own. */
  default Map<String, String> environment() {
    return Map.of();
  }

  /**
   * Our pipeline through {@code bin/etl run} on one runner: every table (hybrid) or the structural
   * columns only (vectorized). ETL_JAVA_OPTS passes through the environment.
   */
  record Ours(Path home, String runner, boolean vectorized) implements Contender {
    @Override
    public String name() {
      String r = runner.toLowerCase(Locale.ROOT).replace("runner", "");
      return vectorized ? r + "-vectorized" : r;
    }

    @Override
    public String label() {
      return runner + (vectorized ? " (vectorized)" : "");
    }

    @Override
    public List<String> command(Path raw, Path out, Path report) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/etl").toString(),
                  "run",
                  "--raw-root",
                  raw.toString(),
                  "--output-root",
                  out.toString(),
                  "--runner",
                  runner,
                  "--report-json",
                  report.toString()));
      if (vectorized) {
        cmd.addAll(List.of("--mode", "vectorized"));
      }
      return cmd;
    }
  }

  /** baselines/sql/duckdb_baseline.sql through DuckDB JDBC, in a JVM of its own. */
  record DuckDb(Path home, int threads) implements Contender {
    /** Written by the baselines module's build; bin/etl bench builds it. */
    public Path classpathFile() {
      return home.resolve("baselines/target/classpath.txt");
    }

    @Override
    public String name() {
      return "duckdb";
    }

    @Override
    public String label() {
      return "DuckDB SQL";
    }

    @Override
    public List<String> command(Path raw, Path out, Path report) {
      String classpath;
      try {
        classpath = Files.readString(classpathFile()).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp",
          home.resolve("baselines/target/classes") + ":" + classpath,
          "io.microstructure.baselines.DuckDbBaseline",
          "--sql",
          home.resolve("baselines/sql/duckdb_baseline.sql").toString(),
          "--raw-root",
          raw.toString(),
          "--output",
          out.toString(),
          "--threads",
          String.valueOf(threads),
          "--report-json",
          report.toString());
    }
  }

  /** baselines/python/polars_structural.py in the bench's venv. */
  record Polars(Path home, Path python, int threads) implements Contender {
    @Override
    public String name() {
      return "polars";
    }

    @Override
    public String label() {
      return "Polars";
    }

    @Override
    public List<String> command(Path raw, Path out, Path report) {
      return List.of(
          python.toString(),
          home.resolve("baselines/python/polars_structural.py").toString(),
          "--raw-root",
          raw.toString(),
          "--output",
          out.toString(),
          "--report-json",
          report.toString());
    }

    @Override
    public Map<String, String> environment() {
      return Map.of("POLARS_MAX_THREADS", String.valueOf(threads));
    }
  }
}
