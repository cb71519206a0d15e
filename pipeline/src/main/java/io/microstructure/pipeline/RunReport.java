package io.microstructure.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The end-of-run summary: runner counters plus what the output root holds. */
public final class RunReport {
  private RunReport() {}

  /** Counter value by "namespace/name", committed where the runner supports it. */
  public static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> m = new java.util.TreeMap<>();
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : q.getCounters()) {
      long v;
      try {
        v = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        v = c.getAttempted();
      }
      m.merge(c.getName().getNamespace() + "/" + c.getName().getName(), v, Long::sum);
    }
    return m;
  }

  public static void print(
      PrintStream out,
      String outputRoot,
      String source,
      Map<String, Long> counters,
      OutputSummary summary,
      Duration wall) {
    out.println();
    out.println("Outputs under " + outputRoot);
    for (Map.Entry<String, Map<String, Long>> table : summary.rowsPerTableAndKey().entrySet()) {
      out.printf(
          "  %-40s %,12d rows%n", source + "/" + table.getKey(), summary.rows(table.getKey()));
      for (Map.Entry<String, Long> key : table.getValue().entrySet()) {
        out.printf("      %-36s %,12d%n", key.getKey(), key.getValue());
      }
    }
    out.println();
    out.println("Input (per channel: rows read, rejected; duplicates dropped)");
    for (String ch : new String[] {"orderbook", "trades", "ticker"}) {
      out.printf(
          "  %-10s %,12d read %,8d rejected%n",
          ch,
          counters.getOrDefault(ch + "/rows_read", 0L),
          counters.getOrDefault(ch + "/rows_rejected", 0L));
    }
    if (counters.containsKey("legacy/lines_read")) {
      out.printf(
          "  legacy     %,12d lines read, %,d not a row of any channel%n",
          counters.get("legacy/lines_read"), counters.getOrDefault("legacy/lines_malformed", 0L));
    }
    out.printf(
        "  duplicates: %,d snapshots, %,d trades; %,d keys%n",
        counters.getOrDefault("orderbook/duplicate_snapshots", 0L),
        counters.getOrDefault("trades/duplicate_trades", 0L),
        counters.getOrDefault("replay/keys", 0L));
    long rejectedFiles =
        summary.rejectedPerChannel().values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        "  dead letters: %,d rows in %s/_rejected/ %s%n",
        rejectedFiles, outputRoot, summary.rejectedPerChannel());
    out.printf("Wall time: %.1f s%n", wall.toMillis() / 1000.0);
  }
}
