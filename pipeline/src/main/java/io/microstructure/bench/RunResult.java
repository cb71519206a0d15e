package io.microstructure.bench;

import java.util.List;

/**
 * One timed run. A failed run (non-zero exit, or no readable report) has no figures, only its exit
 * code and the last lines of its log: it is never shown as a time.
 *
 * @param processSeconds wall time of the whole process, JVM or interpreter start included
 */
public record RunResult(
    int exitCode, double processSeconds, RunFigures figures, List<String> logTail) {
  public static RunResult ok(double processSeconds, RunFigures figures) {
    return new RunResult(0, processSeconds, figures, List.of());
  }

  public static RunResult failed(int exitCode, double processSeconds, List<String> logTail) {
    return new RunResult(exitCode, processSeconds, null, List.copyOf(logTail));
  }

  public boolean failed() {
    return figures == null;
  }
}
