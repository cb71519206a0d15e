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
 * Runs a contender as a child process, its output into a log, and reads its report. The output
 * folder is emptied first, so every run writes into an empty folder. No time limit: a run takes as
 * long as it takes. If the bench itself is stopped, the running child and its own children are
 * stopped with it.
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
      try {
        String json = Files.readString(report, StandardCharsets.UTF_8);
        result =
            RunResult.ok(seconds, RunFigures.parse(JsonParser.parseString(json).getAsJsonObject()));
      } catch (RuntimeException e) {
        List<String> tail = new ArrayList<>(lastLines(log, LOG_TAIL_LINES));
        tail.add("unreadable report " + report + ": " + e.getMessage());
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
    if (!Files.exists(file)) {
      return List.of();
    }
    // Lenient decoding: a log may hold bytes that are not UTF-8.
    List<String> lines =
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
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
