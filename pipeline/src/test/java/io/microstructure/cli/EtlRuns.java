package io.microstructure.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/etl} for tests: in this JVM (fast), or in a JVM of its own as a user starts it, for
 * what only a separate process shows (exit code, a small heap, a kill -9).
 */
public final class EtlRuns {
  private EtlRuns() {}

  public record Result(int code, String out, String err) {}

  /** Runs the command line in this JVM, capturing its output. */
  public static Result inProcess(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = EtlCli.commandLine().execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Starts the command line in a child JVM on this test's classpath; its stdout and stderr go to
   * {@code <logs>.out} and {@code <logs>.err}.
   */
  static Process start(List<String> jvmArgs, Path logs, String... args) throws IOException {
    Files.createDirectories(logs.toAbsolutePath().getParent());
    return new ProcessBuilder(command(jvmArgs, args))
        .redirectOutput(Path.of(logs + ".out").toFile())
        .redirectError(Path.of(logs + ".err").toFile())
        .start();
  }

  /** The command line of a child JVM running {@code etl args} on this test's classpath. */
  static List<String> command(List<String> jvmArgs, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EtlCli.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** What a finished child wrote. */
  static Result finished(Process p, Path logs) throws IOException, InterruptedException {
    int code = p.waitFor();
    return new Result(
        code,
        Files.readString(Path.of(logs + ".out"), StandardCharsets.UTF_8),
        Files.readString(Path.of(logs + ".err"), StandardCharsets.UTF_8));
  }
}
