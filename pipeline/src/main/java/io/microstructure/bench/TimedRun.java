package io.microstructure.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a contender as a child process, its output into a log, and reads its report. A run fails on
 * a non-zero exit, a missing or unreadable report, or no order-book rows written. The output folder
 * is emptied first, so every run writes into an empty folder. No time limit: a run takes as long as
 * it takes. If the bench itself is stopped, the running child and its own children are stopped with
 * it.
 */
public final class TimedRun {
  private static final int LOG_TAIL_LINES = 3;
  private static volatile Process running;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Process p = running;
                  if (p != null && p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                  }
                },
                "bench-stop-child"));
  }

  private TimedRun() {}

  /**
   * Runs {@code c} on {@code raw}; never throws for a failing run, only for the bench's own I/O.
   */
  public static RunResult run(
      Contender c, Path raw, Path out, Path report, Path log, PrintStream progress)
      throws IOException, InterruptedException {
    deleteTree(out);
    Files.deleteIfExists(report);
    Files.createDirectories(log.getParent());
    Files.createDirectories(report.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(c.command(raw, out, report))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(c.environment());
    long start = System.nanoTime();
    Process p = pb.start();
    running = p;
    int code;
    try {
      code = p.waitFor();
    } finally {
      running = null;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RunResult result;
    if (code != 0 || !Files.exists(report)) {
      result = RunResult.failed(code, seconds, lastLines(log, LOG_TAIL_LINES));
    } else {
      String problem;
      RunFigures figures = null;
      try {
        String json = Files.readString(report, StandardCharsets.UTF_8);
        figures = RunFigures.parse(JsonParser.parseString(json).getAsJsonObject());
        // A DirectRunner worker can die (OutOfMemoryError) and the run still end with exit 0.
        problem =
            figures.hfRows() > 0 ? null : "the run wrote no order-book rows" + firstError(log);
      } catch (RuntimeException e) {
        problem = "unreadable report " + report + ": " + e.getMessage();
      }
      if (problem == null) {
        result = RunResult.ok(seconds, figures);
      } else {
        List<String> tail = new ArrayList<>(lastLines(log, LOG_TAIL_LINES));
        tail.add(problem);
        result = RunResult.failed(code, seconds, tail);
      }
    }
    if (result.failed()) {
      progress.printf(
          "  %s failed (exit %d): %s%n", c.label(), code, String.join(" | ", result.logTail()));
    } else {
      progress.printf(
          "  %s: %s s (process %s s)%n",
          c.label(), Format.seconds(result.figures().wallSeconds()), Format.seconds(seconds));
    }
    return result;
  }

  /** The last n lines of a log (fewer if it is shorter; none if it is missing). */
  public static List<String> lastLines(Path file, int n) throws IOException {
    List<String> lines = lines(file);
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  /** "; first error in the log: LINE" for the log's first Error or Exception line, else "". */
  private static String firstError(Path log) throws IOException {
    return lines(log).stream()
        .filter(l -> l.contains("Error") || l.contains("Exception"))
        .findFirst()
        .map(l -> "; first error in the log: " + l.strip())
        .orElse("");
  }

  /** A log's lines, decoded leniently: a log may hold bytes that are not UTF-8. */
  private static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
