package io.microstructure.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Python that runs the Polars baseline: a venv under the bench folder, with polars installed by
 * pip on first use from the index pip is configured with. Where python3, venv or the package cannot
 * be had, one line says why and the Polars comparison is skipped.
 */
public final class PolarsEnvironment {
  /**
   * Fail fast on an unreachable index (pip's default is minutes of retries); a configured local
   * mirror or find-links still answers at once.
   */
  static final List<String> PIP_INSTALL =
      List.of("-m", "pip", "install", "--retries", "0", "--timeout", "5", "polars");

  private PolarsEnvironment() {}

  /** The venv's python with polars importable, or empty after printing why not. */
  public static Optional<Path> python(Path venv, Path log, PrintStream out)
      throws IOException, InterruptedException {
    return python("python3", venv, log, out);
  }

  /** As above, with the interpreter that creates the venv (a test names one that is missing). */
  static Optional<Path> python(String python3, Path venv, Path log, PrintStream out)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    Path python = venv.resolve("bin/python");
    if (!Files.isExecutable(python)) {
      if (!succeeds(log, List.of(python3, "--version"))) {
        out.println("Skipping the Polars comparison: no " + python3 + " on the PATH.");
        return Optional.empty();
      }
      out.println("Creating a Python venv for the Polars baseline in " + venv + " ...");
      if (!succeeds(log, List.of(python3, "-m", "venv", venv.toString()))) {
        out.println(
            "Skipping the Polars comparison: "
                + python3
                + " -m venv failed (Debian: apt-get install python3-venv); see "
                + log);
        return Optional.empty();
      }
    }
    if (!succeeds(log, List.of(python.toString(), "-c", "import polars"))) {
      out.println("Installing polars into " + venv + " (pip) ...");
      List<String> install = new ArrayList<>(List.of(python.toString()));
      install.addAll(PIP_INSTALL);
      if (!succeeds(log, install)
          || !succeeds(log, List.of(python.toString(), "-c", "import polars"))) {
        out.println(
            "Skipping the Polars comparison: pip could not install polars ("
                + String.join(" ", TimedRun.lastLines(log, 1))
                + "); see "
                + log);
        return Optional.empty();
      }
    }
    return Optional.of(python);
  }

  /** Runs a command, appending its output to the log; false when it fails or cannot start. */
  private static boolean succeeds(Path log, List<String> command) throws InterruptedException {
    try {
      Files.writeString(
          log,
          "$ " + String.join(" ", command) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false; // e.g. no such program
    }
  }
}
