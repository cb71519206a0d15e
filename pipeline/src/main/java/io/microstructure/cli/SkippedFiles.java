package io.microstructure.cli;

import io.microstructure.input.SegmentDiscovery;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The files the discovery rule skipped, for the run summary and the dry run: how many, for which
 * reasons, and the first few by name. Nothing when none was skipped.
 */
final class SkippedFiles {
  /** Names shown; the rest are counted. */
  static final int SHOWN = 5;

  private SkippedFiles() {}

  static void print(PrintStream out, String inputFolder, List<SegmentDiscovery.Skipped> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    Map<String, Long> byReason =
        skipped.stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.verdict().reason(), TreeMap::new, Collectors.counting()));
    out.printf(
        "Skipped %d file%s under %s (only segment_*.parquet is read; hidden files and folders"
            + " never): %s%n",
        skipped.size(),
        skipped.size() == 1 ? "" : "s",
        inputFolder,
        byReason.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")));
    for (SegmentDiscovery.Skipped s : skipped.subList(0, Math.min(SHOWN, skipped.size()))) {
      out.printf(
          "  %-56s %s%n", s.channel().folder() + "/" + s.relativePath(), s.verdict().reason());
    }
    if (skipped.size() > SHOWN) {
      out.printf("  … and %d more%n", skipped.size() - SHOWN);
    }
  }
}
