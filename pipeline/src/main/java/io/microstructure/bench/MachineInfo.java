package io.microstructure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The machine a bench ran on, for the heading of its tables. */
public final class MachineInfo {
  private MachineInfo() {}

  /** "2026-12-06 — 2 cores, 23 GiB, OpenJDK 64-Bit Server VM 17.0.15". */
  public static String describe() {
    return LocalDate.now(ZoneOffset.UTC)
        + " — "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + memoryGib()
        + " GiB, "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name");
  }

  private static String memoryGib() {
    try {
      String line =
          Files.readString(Path.of("/proc/meminfo"))
              .lines()
              .filter(l -> l.startsWith("MemTotal:"))
              .findFirst()
              .orElse("");
      return String.valueOf(Long.parseLong(line.replaceAll("\\D+", "")) / (1024 * 1024));
    } catch (IOException | NumberFormatException e) {
      return "?"; // not Linux
    }
  }
}
