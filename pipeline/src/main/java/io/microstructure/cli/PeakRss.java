package io.microstructure.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's peak resident set size (VmHWM of /proc/self/status), the figure comparable with a
 * non-JVM baseline's. The baselines module reads it the same way for the DuckDB JVM.
 */
final class PeakRss {
  private PeakRss() {}

  /** Bytes, or -1 where /proc is not there (not Linux). */
  static long bytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: unknown
    }
    return -1;
  }
}
