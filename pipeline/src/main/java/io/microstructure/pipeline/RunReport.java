package io.microstructure.pipeline;

import io.microstructure.output.RunRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The end-of-run summary of this run only: runner counters, plus the tables, rows and dead letters
 * the run committed as its record lists them (not what the folder holds: an earlier run's
 * partitions may lie beside this run's).
 */
public final class RunReport {
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

  private final String outputRoot;
  private final String runner;
  private final Map<String, Long> counters;
  private final long[] timeSpan;
  private final RunRecord record;
  private final Duration wall;
  private final MemoryUse memory;

  public RunReport(
      String outputRoot,
      String runner,
      Map<String, Long> counters,
      long[] timeSpan,
      RunRecord record,
      Duration wall,
      MemoryUse memory) {
    this.outputRoot = outputRoot;
    this.runner = runner;
    this.counters = counters;
    this.timeSpan = timeSpan;
    this.record = record;
    this.wall = wall;
    this.memory = memory;
  }

  public void print(PrintStream out) {
    out.println();
    out.println("Outputs under " + outputRoot + " (run " + record.runId + ")");
    for (Map.Entry<String, RunRecord.TableRows> table : record.tables.entrySet()) {
      out.printf("  %-40s %,12d rows%n", table.getKey(), table.getValue().rows());
      for (Map.Entry<String, Long> key : table.getValue().markets().entrySet()) {
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
    printUnreadable(out);
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
    long rejected = record.deadLetters.values().stream().mapToLong(Long::longValue).sum();
    if (rejected == 0) {
      out.println("  dead letters: none");
    } else {
      out.printf(
          "  dead letters: %,d rows in %s/_rejected/ %s%n",
          rejected, outputRoot, record.deadLetters);
    }
    Map<String, Long> stages = stageMillis();
    if (!stages.isEmpty()) {
      out.print("Busy time per stage (all threads, incl. fused downstream steps):");
      stages.forEach((k, v) -> out.printf(" %s %.1f s", k, v / 1000.0));
      out.println();
    }
    out.printf(
        "Wall time: %.1f s on %s; peak heap %,d MB%n",
        wall.toMillis() / 1000.0, runner, memory.peakHeap() / (1024 * 1024));
  }

  /**
   * One line per channel whose input was partly unreadable (skipped row groups or files): how every
   * row of the footers is accounted for, rows read + rows unreadable = rows in the footers.
   */
  private void printUnreadable(PrintStream out) {
    for (String ch : new String[] {"orderbook", "trades", "ticker"}) {
      long unreadable = counters.getOrDefault(ch + "/rows_unreadable", 0L);
      long files = counters.getOrDefault(ch + "/files_skipped", 0L);
      if (unreadable == 0 && files == 0) {
        continue;
      }
      out.printf(
          "  %-10s %,12d read + %,d unreadable = %,d rows in the footers"
              + " (row groups skipped: %,d, files skipped: %,d; see _rejected/%s/)%n",
          ch,
          counters.getOrDefault(ch + "/rows_read", 0L),
          unreadable,
          counters.getOrDefault(ch + "/rows_in_footers", 0L),
          counters.getOrDefault(ch + "/row_groups_skipped", 0L),
          files,
          ch);
    }
  }

  /** stage/<name>_us counters as milliseconds by stage name. */
  public Map<String, Long> stageMillis() {
    Map<String, Long> m = new java.util.TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith("stage/") && k.endsWith("_us")) {
            m.put(k.substring(6, k.length() - 3), v / 1000);
          }
        });
    return m;
  }

  /** The summary as JSON, for the benchmark. */
  public void writeJson(java.nio.file.Path file) {
    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
    o.addProperty("runner", runner);
    o.addProperty("wall_seconds", wall.toMillis() / 1000.0);
    o.addProperty("peak_heap_bytes", memory.peakHeap());
    o.addProperty("peak_heap_after_gc_bytes", memory.peakHeapAfterGc());
    o.addProperty("max_heap_bytes", memory.maxHeap());
    o.addProperty("peak_rss_bytes", memory.peakRss());
    com.google.gson.JsonObject c = new com.google.gson.JsonObject();
    counters.forEach(c::addProperty);
    o.add("counters", c);
    com.google.gson.JsonObject t = new com.google.gson.JsonObject();
    record.tables.forEach((table, rows) -> t.addProperty(table, rows.rows()));
    o.add("rows_written", t);
    com.google.gson.JsonObject d = new com.google.gson.JsonObject();
    record.deadLetters.forEach(d::addProperty);
    o.add("dead_letters", d);
    o.addProperty("run_id", record.runId);
    try {
      java.nio.file.Files.writeString(
          file, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
