package io.microstructure.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium for tests that look at the report as a browser renders it. Installed
 * with apt-get when missing (CI runs as root on a machine that reaches Debian's archive); when that
 * is not possible the caller skips, saying why.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long INSTALL_MINUTES = 15;
  private static final long RUN_SECONDS = 120;

  private HeadlessChromium() {}

  /** Why Chromium cannot be had, or empty when {@link #BINARY} is there (installing it first). */
  static Optional<String> unavailable(Path logs) throws InterruptedException {
    if (Files.isExecutable(BINARY)) {
      return Optional.empty();
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of(BINARY + " is missing and apt-get needs root (install the Debian package chromium)");
    }
    String first = apt(logs, "install", "-y", "chromium");
    if (!Files.isExecutable(BINARY)) {
      apt(logs, "update");
      String second = apt(logs, "install", "-y", "chromium");
      if (!Files.isExecutable(BINARY)) {
        return Optional.of(BINARY + " is missing and 'apt-get install -y chromium' failed (" + first
            + "; after apt-get update: " + second + "); see " + logs);
      }
    }
    return Optional.empty();
  }

  private static String apt(Path logs, String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logs);
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("apt-get.log").toFile()));
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p = pb.start();
      if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return "apt-get " + args[0] + " timed out after " + INSTALL_MINUTES + " min";
      }
      return "apt-get " + args[0] + " exit " + p.exitValue();
    } catch (IOException e) {
      return "apt-get " + args[0] + ": " + e.getMessage();
    }
  }

  /** {@code chromium --version}, e.g. "Chromium 150.0.7871.100 built on Debian …". */
  static String version(Path work) throws IOException, InterruptedException {
    return run(work, "version", List.of("--version")).strip();
  }

  /** The DOM of {@code page} after Chromium has loaded and laid it out. */
  static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    return run(work, "dom", List.of("--dump-dom", page.toUri().toString()));
  }

  /** A screenshot of the top {@code width} × {@code height} pixels of {@code page}. */
  static Path screenshot(Path page, Path png, int width, int height, Path work)
      throws IOException, InterruptedException {
    run(work, "shot", List.of("--screenshot=" + png, "--window-size=" + width + "," + height, page.toUri().toString()));
    return png;
  }

  /** Runs Chromium headless on a fresh profile, with a timeout; returns its stdout. */
  private static String run(Path work, String name, List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path profile = Files.createTempDirectory(work, "profile-");
    List<String> command = new ArrayList<>(List.of(
        BINARY.toString(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these Chromium reaches for update, sync and field-trial servers, which this
        // closed network refuses (slowly).
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile));
    command.addAll(args);
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IOException("chromium " + args + " did not finish within " + RUN_SECONDS + " s; see " + err);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium " + args + " exited " + p.exitValue() + ": " + Files.readString(err));
    }
    return Files.readString(out);
  }
}
