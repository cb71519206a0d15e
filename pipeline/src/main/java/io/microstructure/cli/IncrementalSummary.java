package io.microstructure.cli;

import io.microstructure.output.FileKeys;
import io.microstructure.pipeline.IncrementalPlan;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.storage.Redaction;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/** What an incremental run reads, skips and rewrites: its dry run, and the lines of its summary. */
final class IncrementalSummary {
  /** Paths listed per kind before "... and n more". */
  private static final int LISTED = 20;

  private IncrementalSummary() {}

  /** The dry run of {@code --incremental}: segments, resume point, chunks and files rewritten. */
  static void printPlan(PrintStream out, IncrementalPlan plan, MicrostructureOptions options)
      throws IOException {
    out.println();
    if (plan.startsOver() != null) {
      out.println(
          "Incremental: starting over (" + plan.startsOver() + "); the run computes everything"
              + " and records its state.");
    } else {
      out.println(
          plan.basedOn() == null
              ? "Incremental: no state in the output root yet; a first run computes everything"
                  + " and records it."
              : "Incremental: against the state of run " + plan.basedOn() + ".");
    }
    printSegments(out, plan);
    if (plan.nothingNew()) {
      out.println("  Nothing new: the run would do nothing.");
      return;
    }
    if (plan.resume().fromScratch()) {
      out.println(
          "  Resumes at the beginning: every chunk is computed, every folder written is replaced.");
      return;
    }
    Instant from = Instant.ofEpochMilli(plan.resume().from() / 1000);
    out.printf(
        "  Resumes at %s: the chunks from there on are recomputed (%d segments read, %d of them"
            + " again as warm-up).%n",
        from, plan.read().size(), plan.warmUp());
    long chunk = MicrostructurePipeline.incrementalChunkMicros(options);
    long[] chunks = plan.recomputed(chunk);
    if (chunks.length == 2) {
      out.printf(
          "  Chunks recomputed per market: %d of %s, %s to %s.%n",
          (chunks[1] - chunks[0]) / chunk,
          java.time.Duration.ofNanos(chunk * 1000),
          from,
          Instant.ofEpochMilli(chunks[1] / 1000));
    }
    Map<String, List<String>> files = filesFrom(options, plan.resume().from());
    long n = files.values().stream().mapToLong(List::size).sum();
    out.printf(
        "  Output files rewritten (keyed %s or later): %d now in the tables, replaced by the"
            + " chunks' new ones:%n",
        FileKeys.stamp(plan.resume().from()), n);
    files.forEach(
        (table, names) -> {
          out.printf("    %s: %d%n", table, names.size());
          names.stream().limit(LISTED).forEach(f -> out.println("      " + f));
          if (names.size() > LISTED) {
            out.printf("      ... and %d more%n", names.size() - LISTED);
          }
        });
  }

  /** The run found nothing new or changed. */
  static void printNothingNew(PrintStream out, IncrementalPlan plan) {
    out.printf(
        "Nothing new since run %s: %d segments, every one already processed; no run.%n",
        plan.basedOn(), plan.skipped());
  }

  /** After the run's summary: what it resumed from and what it skipped. */
  static void printDone(PrintStream out, IncrementalPlan plan) {
    String from =
        plan.resume().fromScratch()
            ? "the beginning"
            : Instant.ofEpochMilli(plan.resume().from() / 1000).toString();
    if (plan.startsOver() != null) {
      out.println("Incremental: started over (" + plan.startsOver() + ").");
    }
    out.printf(
        "Incremental: resumed at %s%s; %d new, %d changed, %d removed segments; %d already"
            + " processed (%d of them read again as warm-up).%n",
        from,
        plan.basedOn() == null ? "" : " from the state of run " + plan.basedOn(),
        plan.added().size(),
        plan.changed().size(),
        plan.removed().size(),
        plan.skipped(),
        plan.warmUp());
  }

  private static void printSegments(PrintStream out, IncrementalPlan plan) {
    out.printf(
        "  Segments: %d new, %d changed, %d removed, %d already processed.%n",
        plan.added().size(), plan.changed().size(), plan.removed().size(), plan.skipped());
    list(out, "new", plan.added());
    list(out, "changed", plan.changed());
    list(out, "removed", plan.removed());
  }

  private static void list(PrintStream out, String kind, List<String> paths) {
    paths.stream().limit(LISTED).forEach(p -> out.println("    " + kind + ": " + Redaction.apply(p)));
    if (paths.size() > LISTED) {
      out.printf("    ... and %d more %s%n", paths.size() - LISTED, kind);
    }
  }

  /** The tables' files keyed from this resume point on, by table folder. */
  private static Map<String, List<String>> filesFrom(MicrostructureOptions options, long from)
      throws IOException {
    String root = options.getOutputRoot().replaceAll("/+$", "");
    String stamp = FileKeys.stamp(from);
    Map<String, List<String>> byTable = new TreeMap<>();
    MatchResult m =
        FileSystems.match(root + "/" + options.getSource() + "/**.parquet", EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK) {
      return byTable;
    }
    for (MatchResult.Metadata f : m.metadata()) {
      String path = f.resourceId().toString();
      if (!FileKeys.keyedFrom(f.resourceId().getFilename(), stamp)) {
        continue;
      }
      String relative = path.substring(root.length() + 1);
      int cut = relative.indexOf("/exchange=");
      String table = cut < 0 ? relative : relative.substring(0, cut);
      byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(relative);
    }
    byTable.values().forEach(l -> l.sort(null));
    return byTable;
  }
}
