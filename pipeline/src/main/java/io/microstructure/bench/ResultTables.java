package io.microstructure.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The bench's Markdown tables, ready to paste into BENCHMARKS.md. */
public final class ResultTables {
  /** The product target: the seed's workload (1M snapshots) in 12 s. */
  private static final double TARGET_SECONDS = 12.0;

  private static final long TARGET_SNAPSHOTS = 1_000_000;

  private ResultTables() {}

  /** One side of a comparison row: ours or the baseline, with the runner it was paired with. */
  public record Pair(String runner, Samples ours, Samples baseline) {}

  /**
   * Ours against one baseline, a row per runner: wall min / median, process time, memory, and the
   * ratio of the median walls. A side with a failed repeat shows the failure, no figures.
   */
  public static List<String> comparison(String title, String baseline, List<Pair> rows) {
    List<String> t = new ArrayList<>();
    t.add("#### " + title);
    t.add("");
    t.add(
        "| runner | ours: wall min / median (s) | ours: process (s) | ours: peak heap / after GC"
            + " (MB) | ours: peak RSS (MB) | "
            + baseline
            + ": wall min / median (s) | "
            + baseline
            + ": process (s) | "
            + baseline
            + ": peak RSS (MB) | ours / "
            + baseline
            + " (median wall) |");
    t.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<String> notes = new ArrayList<>();
    for (Pair p : rows) {
      Samples o = p.ours();
      Samples b = p.baseline();
      String ratio =
          o.anyFailed() || b.anyFailed()
              ? Format.UNKNOWN
              : Format.ratio(o.medianWall() / b.medianWall());
      t.add(
          "| "
              + p.runner()
              + " | "
              + wall(o)
              + " | "
              + process(o)
              + " | "
              + (o.anyFailed()
                  ? Format.UNKNOWN
                  : Format.mb(o.maxPeakHeap()) + " / " + afterGc(o.maxPeakHeapAfterGc()))
              + " | "
              + (o.anyFailed() ? Format.UNKNOWN : Format.mb(o.maxPeakRss()))
              + " | "
              + wall(b)
              + " | "
              + process(b)
              + " | "
              + (b.anyFailed() ? Format.UNKNOWN : Format.mb(b.maxPeakRss()))
              + " | "
              + ratio
              + " |");
      notes.addAll(failureNotes(p.runner() + ", ours", o));
      notes.addAll(failureNotes(p.runner() + ", " + baseline, b));
    }
    t.add("");
    t.add(rowsLine(baseline, rows));
    if (!notes.isEmpty()) {
      t.add("");
      t.addAll(notes);
    }
    return t;
  }

  /**
   * How our run grows with the input, one row per scale: time and memory per snapshot. The heap
   * after collections is what stays live; the sampled peak includes garbage.
   */
  public static List<String> scaling(String runner, List<ScaleResults> scales) {
    List<String> t = new ArrayList<>();
    t.add("#### Scaling: " + runner + " (hybrid, every table)");
    t.add("");
    t.add(
        "| scale | snapshots | wall min / median (s) | µs per snapshot (median) | peak heap (MB) |"
            + " heap after GC (MB) | peak heap per snapshot (bytes) | after GC per snapshot"
            + " (bytes) |");
    t.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<String> notes = new ArrayList<>();
    for (ScaleResults s : scales) {
      Samples o =
          s.runners().stream()
              .filter(r -> r.runner().equals(runner))
              .findFirst()
              .orElseThrow()
              .ours();
      String head = "| " + Workload.tag(s.scale()) + " | " + Format.count(s.snapshots()) + " | ";
      if (o.anyFailed()) {
        t.add(head + wall(o) + " | – | – | – | – | – |");
        notes.addAll(failureNotes(runner + " at scale " + Workload.tag(s.scale()), o));
        continue;
      }
      double n = s.snapshots();
      long afterGc = o.maxPeakHeapAfterGc();
      t.add(
          head
              + wall(o)
              + " | "
              + Format.perUnit(o.medianWall() * 1e6 / n)
              + " | "
              + Format.mb(o.maxPeakHeap())
              + " | "
              + afterGc(afterGc)
              + " | "
              + Format.perUnit(o.maxPeakHeap() / n)
              + " | "
              + (afterGc < 0 ? Format.UNKNOWN : Format.perUnit(afterGc / n))
              + " |");
    }
    if (!notes.isEmpty()) {
      t.add("");
      t.addAll(notes);
    }
    return t;
  }

  /** Our run per runner as the bench showed it before baselines: busy time per stage. */
  public static List<String> stages(ScaleResults s) {
    List<String> t = new ArrayList<>();
    t.add("#### Ours per runner: " + Format.count(s.snapshots()) + " snapshots");
    t.add("");
    t.add(
        "| runner | wall (s, median) | snapshots/s | vs 12 s target (1M snapshots) | peak heap (MB)"
            + " | busy time per stage (s, all threads; the median run) |");
    t.add("|---|---:|---:|---:|---:|---|");
    for (ScaleResults.RunnerResults r : s.runners()) {
      Samples o = r.ours();
      if (o.anyFailed()) {
        t.add("| " + r.runner() + " | " + wall(o) + " | – | – | – | |");
        continue;
      }
      double wall = o.medianWall();
      String stages =
          o.medianRun().stageSeconds().entrySet().stream()
              .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
              .collect(Collectors.joining("; "));
      t.add(
          "| "
              + r.runner()
              + " | "
              + Format.seconds(wall)
              + " | "
              + Format.count(Math.round(s.snapshots() / wall))
              + " | "
              // The target is for the seed's workload; another size has none.
              + (Math.abs(s.snapshots() - TARGET_SNAPSHOTS) <= TARGET_SNAPSHOTS / 100
                  ? Format.ratio(wall / TARGET_SECONDS)
                  : Format.UNKNOWN)
              + " | "
              + Format.mb(o.maxPeakHeap())
              + " | "
              + stages
              + " |");
    }
    return t;
  }

  private static String wall(Samples s) {
    if (s.anyFailed()) {
      String failed = "failed (exit " + s.firstFailureExitCode() + ")";
      return s.failures() == s.runs().size()
          ? failed
          : s.failures() + " of " + s.runs().size() + " " + failed;
    }
    return Format.seconds(s.minWall()) + " / " + Format.seconds(s.medianWall());
  }

  private static String process(Samples s) {
    return s.anyFailed() ? Format.UNKNOWN : Format.seconds(s.medianProcess());
  }

  private static String afterGc(long bytes) {
    return bytes < 0 ? "no GC" : Format.mb(bytes);
  }

  /** The hf rows each side wrote: a quick check that they computed the same snapshots. */
  private static String rowsLine(String baseline, List<Pair> rows) {
    Map<Long, List<String>> ours =
        rows.stream()
            .filter(p -> !p.ours().anyFailed())
            .collect(
                Collectors.groupingBy(
                    p -> p.ours().hfRows(),
                    TreeMap::new,
                    Collectors.mapping(Pair::runner, Collectors.toList())));
    String oursText =
        ours.entrySet().stream()
            .map(e -> Format.count(e.getKey()) + " (" + String.join(", ", e.getValue()) + ")")
            .collect(Collectors.joining(", "));
    String theirs =
        rows.stream()
            .filter(p -> !p.baseline().anyFailed())
            .map(p -> p.baseline().hfRows())
            .distinct()
            .map(Format::count)
            .collect(Collectors.joining(", "));
    return "Order-book rows written: ours "
        + (oursText.isEmpty() ? Format.UNKNOWN : oursText)
        + "; "
        + baseline
        + " "
        + (theirs.isEmpty() ? Format.UNKNOWN : theirs)
        + ".";
  }

  /** One line per failed repeat: who, which repeat, exit code, the end of its log. */
  private static List<String> failureNotes(String who, Samples s) {
    List<String> notes = new ArrayList<>();
    List<RunResult> runs = s.runs();
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      if (r.failed()) {
        notes.add(
            "- "
                + who
                + ", run "
                + (i + 1)
                + " of "
                + runs.size()
                + ": failed with exit code "
                + r.exitCode()
                + "; log ends: `"
                + String.join(" ⏎ ", r.logTail()).replace("`", "'")
                + "`");
      }
    }
    return notes;
  }
}
