package io.microstructure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timed run reads the contender's report, or shows the failure with its exit code and the end of
 * its log. The contender here is the Polars one with a shell script standing in for Python: it sees
 * the same command line and environment.
 */
class TimedRunTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /** A stand-in interpreter running {@code body} with $report and $out taken from the flags. */
  private Contender fakePython(String body) throws Exception {
    Path python = dir.resolve("python");
    Files.writeString(
        python,
        "#!/bin/sh\n"
            + "while [ $# -gt 0 ]; do\n"
            + "  case \"$1\" in --report-json) report=\"$2\" ;; --output) out=\"$2\" ;; esac\n"
            + "  shift\n"
            + "done\n"
            + body);
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new Contender.Polars(dir, python, 2);
  }

  private RunResult run(Contender c) throws Exception {
    return TimedRun.run(
        c,
        dir.resolve("raw"),
        dir.resolve("out"),
        dir.resolve("reports/r.json"),
        dir.resolve("logs/r.log"),
        progress);
  }

  @Test
  void aSuccessfulRunGivesTheFiguresOfItsReport() throws Exception {
    Files.createDirectories(dir.resolve("out/exchange=x"));
    Files.writeString(dir.resolve("out/exchange=x/stale.parquet"), "from the previous run");
    Contender c =
        fakePython(
            "[ -e \"$out/exchange=x/stale.parquet\" ] && exit 9\n"
                + "echo \"threads $POLARS_MAX_THREADS\"\n"
                + "echo '{\"tool\": \"polars\", \"version\": \"1.2.3\", \"threads\": 2,"
                + " \"rows_written\": 1234, \"wall_seconds\": 0.25, \"peak_rss_bytes\": 1048576}'"
                + " > \"$report\"\n");

    RunResult r = run(c);

    assertThat(r.failed()).isFalse();
    assertThat(r.exitCode()).isZero();
    assertThat(r.processSeconds()).isPositive();
    RunFigures f = r.figures();
    assertThat(f.wallSeconds()).isEqualTo(0.25);
    assertThat(f.hfRows()).isEqualTo(1234);
    assertThat(f.peakRss()).isEqualTo(1048576);
    assertThat(f.version()).isEqualTo("1.2.3");
    assertThat(f.peakHeap()).as("a baseline has no Java heap").isEqualTo(-1);
    assertThat(Files.readString(dir.resolve("logs/r.log"))).isEqualTo("threads 2\n");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Polars: 0.250 s (process ");
  }

  @Test
  void aFailedRunKeepsItsExitCodeAndTheEndOfItsLogAndNoTime() throws Exception {
    Contender c =
        fakePython(
            "echo '{\"wall_seconds\": 1.0}' > \"$report\"\n"
                + "for i in 1 2 3 4 5; do echo \"line $i\"; done\n"
                + "exit 3\n");

    RunResult r = run(c);

    assertThat(r.failed()).isTrue();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.figures()).isNull();
    assertThat(r.logTail()).containsExactly("line 3", "line 4", "line 5");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Polars failed (exit 3): line 3 | line 4 | line 5");
  }

  @Test
  void aRunThatWroteNoRowsHasFailedThoughItExitedNormally() throws Exception {
    // What etl run on Direct reported after an OutOfMemoryError in a worker thread.
    Contender c =
        fakePython(
            "echo 'java.lang.OutOfMemoryError: Java heap space'\n"
                + "echo 'Wall time: 20.5 s on DirectRunner'\n"
                + "echo '{\"wall_seconds\": 20.5, \"rows_written\": 0}' > \"$report\"\n");

    RunResult r = run(c);

    assertThat(r.failed()).isTrue();
    assertThat(r.exitCode()).isZero();
    assertThat(r.logTail())
        .containsExactly(
            "java.lang.OutOfMemoryError: Java heap space",
            "Wall time: 20.5 s on DirectRunner",
            "the run wrote no order-book rows; first error in the log: java.lang.OutOfMemoryError:"
                + " Java heap space");
  }

  @Test
  void aRunThatWritesNoReportHasFailedWhateverItsExitCode() throws Exception {
    RunResult r = run(fakePython("echo 'wrote nothing'\n"));

    assertThat(r.failed()).isTrue();
    assertThat(r.exitCode()).isZero();
    assertThat(r.logTail()).containsExactly("wrote nothing");
  }
}
