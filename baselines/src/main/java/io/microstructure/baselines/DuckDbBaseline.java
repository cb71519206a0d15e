package io.microstructure.baselines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the DuckDB SQL baseline (sql/duckdb_baseline.sql) through DuckDB JDBC with a fixed thread
 * count and reports its wall time and the process's peak RSS as one JSON line. {@code bin/etl
 * bench} starts it in a JVM of its own, on this module's classpath file.
 */
@Command(
    name = "duckdb-baseline",
    mixinStandardHelpOptions = true,
    description = {
      "Run the DuckDB SQL baseline on a raw root; print wall time and peak RSS as JSON.",
      "",
      "Example:",
      "  java -cp baselines/target/classes:$(cat baselines/target/classpath.txt) \\",
      "    io.microstructure.baselines.DuckDbBaseline --sql baselines/sql/duckdb_baseline.sql \\",
      "    --raw-root bench/raw --output bench/out-duckdb"
    })
public final class DuckDbBaseline implements Callable<Integer> {
  @Option(names = "--sql", required = true, paramLabel = "FILE", description = "The SQL script.")
  Path sql;

  @Option(
      names = "--raw-root",
      required = true,
      paramLabel = "DIR",
      description = "Raw root: the script reads its ready/ccxt/ channels.")
  Path rawRoot;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (replaced).")
  Path output;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "DuckDB threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the JSON here.")
  Path reportJson;

  /** What one run measured. */
  public record Result(String version, int threads, long rows, double wallSeconds, long peakRss) {
    /** One line of JSON, the same the bench reads from the report file. */
    public String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"tool\": \"duckdb\", \"version\": \"%s\", \"threads\": %d, \"rows_written\": %d,"
              + " \"wall_seconds\": %.3f, \"peak_rss_bytes\": %d}",
          version,
          threads,
          rows,
          wallSeconds,
          peakRss);
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DuckDbBaseline()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Result r = run(sql, rawRoot, output, threads);
    System.out.println(r.toJson());
    if (reportJson != null) {
      Files.writeString(reportJson, r.toJson() + "\n");
    }
    return 0;
  }

  /** Runs the script with its parameters filled in; the wall time covers the script only. */
  public static Result run(Path sql, Path rawRoot, Path output, int threads) throws Exception {
    String script =
        ScriptParameters.substitute(
            Files.readString(sql),
            Map.of(
                "raw_root", rawRoot.toAbsolutePath().toString(),
                "output_dir", output.toAbsolutePath().toString()));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String version = scalar(s, "SELECT version()");
      s.execute("SET threads = " + threads);
      long start = System.nanoTime();
      // DuckDB JDBC runs a multi-statement script in one call; the count is the final COPY's.
      s.execute(script);
      long rows = s.getUpdateCount();
      double wall = (System.nanoTime() - start) / 1e9;
      return new Result(version, threads, rows, wall, PeakRss.bytes());
    }
  }

  private static String scalar(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
