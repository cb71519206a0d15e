package io.microstructure.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run reported about itself: our {@code --report-json} or a baseline's JSON line. Sizes in
 * bytes; -1 where the run does not report that figure (a baseline has no Java heap).
 *
 * @param version the baseline engine's version ("v1.4.4", "1.44.2"); null for ours
 * @param wallSeconds the run's own wall time: the pipeline, or the script, without process start
 * @param hfRows order-book hf rows written, the rows every contender computes
 * @param stageSeconds our busy time per stage (stage/*_us counters); empty for a baseline
 */
public record RunFigures(
    String version,
    double wallSeconds,
    long peakHeap,
    long peakHeapAfterGc,
    long maxHeap,
    long peakRss,
    long hfRows,
    Map<String, Double> stageSeconds) {

  /** Reads either report; fails on one without {@code wall_seconds}. */
  public static RunFigures parse(JsonObject r) {
    if (!r.has("wall_seconds")) {
      throw new IllegalArgumentException("no wall_seconds in the report");
    }
    Map<String, Double> stages = new TreeMap<>();
    long hfRows = number(r, "rows_written"); // a baseline writes one table
    if (r.has("counters")) {
      JsonObject counters = r.getAsJsonObject("counters");
      for (String k : counters.keySet()) {
        if (k.startsWith("stage/") && k.endsWith("_us")) {
          stages.put(k.substring(6, k.length() - 3), counters.get(k).getAsLong() / 1e6);
        }
      }
      hfRows = number(counters, "orderbook_hf/rows_written");
    }
    return new RunFigures(
        r.has("version") ? r.get("version").getAsString() : null,
        r.get("wall_seconds").getAsDouble(),
        number(r, "peak_heap_bytes"),
        number(r, "peak_heap_after_gc_bytes"),
        number(r, "max_heap_bytes"),
        number(r, "peak_rss_bytes"),
        hfRows,
        stages);
  }

  private static long number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || !e.isJsonPrimitive() ? -1 : e.getAsLong();
  }
}
