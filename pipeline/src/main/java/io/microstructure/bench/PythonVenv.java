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
 * A Python venv with the packages something needs (the Polars baseline of the bench, the tests that
 * open our outputs with pandas, pyarrow, polars and DuckDB), installed by pip on first use from the
 * index pip is configured with. Where python3, venv or a package cannot be had, one line says why
 * and the caller skips what needed it.
 */
public final class PythonVenv {
  /**
   * Fail fast on an unreachable index (pip's default is minutes of retries); a configured local
   * mirror or find-links still answers at once.
   */
  static final List<String> PIP_INSTALL =
      List.of("-m", "pip", "install", "--retries", "0", "--timeout", "5");

  /** What the Polars baseline of the bench needs. */
  public static final PythonVenv POLARS = new PythonVenv("the Polars comparison", List.of("polars"));

  private final String purpose;
  private final List<String> packages;

  /**
   * @param purpose what is skipped without it, e.g. {@code the Polars comparison}
   * @param packages pip packages, each importable under its own name
   */
  public PythonVenv(String purpose, List<String> packages) {
    this.purpose = purpose;
    this.packages = List.copyOf(packages);
  }

  /** The venv's python with every package importable, or empty after printing why not. */
  public Optional<Path> python(Path venv, Path log, PrintStream out)
      throws IOException, InterruptedException {
    return python("python3", venv, log, out);
  }

  /** As above, with the interpreter that creates the venv (a test names one that is missing). */
  Optional<Path> python(String python3, Path venv, Path log, PrintStream out)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    Path python = venv.resolve("bin/python");
    String names = String.join(" ", packages);
    List<String> importAll =
        List.of(python.toString(), "-c", "import " + String.join(", ", packages));
    if (!Files.isExecutable(python)) {
      if (!succeeds(log, List.of(python3, "--version"))) {
        out.println("Skipping " + purpose + ": no " + python3 + " on the PATH.");
        return Optional.empty();
      }
      out.println("Creating a Python venv for " + purpose + " in " + venv + " ...");
      if (!succeeds(log, List.of(python3, "-m", "venv", venv.toString()))) {
        out.println(
            "Skipping "
                + purpose
                + ": "
                + python3
                + " -m venv failed (Debian: apt-get install python3-venv); see "
                + log);
        return Optional.empty();
      }
    }
    if (!succeeds(log, importAll)) {
      out.println("Installing " + names + " into " + venv + " (pip) ...");
      List<String> install = new ArrayList<>(List.of(python.toString()));
      install.addAll(PIP_INSTALL);
      install.addAll(packages);
      if (!succeeds(log, install) || !succeeds(log, importAll)) {
        out.println(
            "Skipping "
                + purpose
                + ": pip could not install "
                + names
                + " ("
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
