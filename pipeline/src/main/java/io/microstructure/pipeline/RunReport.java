package io.microstructure.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
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

  /** Earliest and latest capture_ts seen (epoch µs), or null when the runner reports none. */
  public static long[] timeSpan(PipelineResult result) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try {
      MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<DistributionResult> d : q.getDistributions()) {
        if (!d.getName().getName().equals("capture_ts")) {
          continue;
        }
        DistributionResult v;
        try {
          v = d.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = d.getAttempted();
        }
        if (v.getCount() > 0) {
          min = Math.min(min, v.getMin());
          max = Math.max(max, v.getMax());
        }
      }
    } catch (UnsupportedOperationException e) {
      return null;
    }
    return min <= max ? new long[] {min, max} : null;
  }

  public static void print(
      PrintStream out,
      String outputRoot,
      String source,
      Map<String, Long> counters,
      long[] timeSpan,
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
    out.println(
        "Input per channel: rows read, rejected (dead letters), filtered out, duplicates dropped");
    for (String ch : new String[] {"orderbook", "trades", "ticker"}) {
      String dup =
          ch.equals("orderbook")
              ? "duplicate_snapshots"
              : ch.equals("trades") ? "duplicate_trades" : null;
      out.printf(
          "  %-10s %,12d read %,8d rejected %,10d filtered out %,8d duplicates%n",
          ch,
          counters.getOrDefault(ch + "/rows_read", 0L),
          counters.getOrDefault(ch + "/rows_rejected", 0L),
          counters.getOrDefault(ch + "/rows_filtered_out", 0L),
          dup == null ? 0L : counters.getOrDefault(ch + "/" + dup, 0L));
    }
    if (counters.containsKey("legacy/lines_read")) {
      out.printf(
          "  legacy     %,12d lines read, %,d not a row of any channel%n",
          counters.get("legacy/lines_read"), counters.getOrDefault("legacy/lines_malformed", 0L));
    }
    out.printf("  markets: %,d%n", counters.getOrDefault("replay/keys", 0L));
    if (timeSpan != null) {
      out.printf(
          "  time span: %s .. %s%n",
          Instant.ofEpochSecond(
              Math.floorDiv(timeSpan[0], 1_000_000L),
              Math.floorMod(timeSpan[0], 1_000_000L) * 1000),
          Instant.ofEpochSecond(
              Math.floorDiv(timeSpan[1], 1_000_000L),
              Math.floorMod(timeSpan[1], 1_000_000L) * 1000));
    }
    long rejected = summary.rejectedPerChannel().values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        "  dead letters: %,d rows in %s/_rejected/ %s%n",
        rejected, outputRoot, summary.rejectedPerChannel());
    out.printf("Wall time: %.1f s%n", wall.toMillis() / 1000.0);
  }
}
