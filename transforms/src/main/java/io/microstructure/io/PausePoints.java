package io.microstructure.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Named moments of a run where a crash test kills the process. With {@code -Detl.pauseAt=<name>}
 * the first thread to reach that moment writes the name into the file {@code -Detl.pauseMarker}
 * names and then sleeps, so that the test can {@code kill -9} the JVM exactly there. Without the
 * property nothing happens: one property read per call, at places reached a few times per run.
 */
public final class PausePoints {
  /** The launcher wrote the run's record and is about to start the pipeline. */
  public static final String RUN_STARTED = "run-started";

  /** A table writer closed its first staged file; the other writes go on. */
  public static final String FILE_STAGED = "file-staged";

  /** The commit moved its first partition into place; others are not yet. */
  public static final String PARTITION_COMMITTED = "partition-committed";

  /** The run's record says complete; the launcher has not released the root yet. */
  public static final String RUN_COMMITTED = "run-committed";

  private static final AtomicBoolean REACHED = new AtomicBoolean();

  private PausePoints() {}

  public static void reach(String name) {
    if (!name.equals(System.getProperty("etl.pauseAt")) || !REACHED.compareAndSet(false, true)) {
      return;
    }
    String marker = System.getProperty("etl.pauseMarker");
    try {
      if (marker != null) {
        Files.writeString(Path.of(marker), name, StandardCharsets.UTF_8);
      }
      while (true) {
        Thread.sleep(60_000);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("pause point " + name + ": " + e.getMessage(), e);
    }
  }
}
