package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.io.PausePoints;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.pipeline.OutputSummary;
import io.microstructure.pipeline.RootState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a real run at four moments, each into a root that already holds an earlier run's
 * tables, then a plain re-run. What the kill leaves must be what the README promises a reader can
 * tell (the root is whole, or says it is interrupted), and the re-run must leave exactly what a
 * clean run into an empty root does: same files, same rows, same dead letters, no staging, no
 * lock, without any manual cleanup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {
  @TempDir static Path dir;
  private Path raw;
  private Path clean;
  private Path earlier;

  @BeforeAll
  void generateAndRunCleanly() throws Exception {
    raw = dir.resolve("raw");
    Path otherRaw = dir.resolve("other-raw");
    GeneratorConfig.Builder config =
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(3))
            .exchanges("binance")
            .symbols("BTC/USDT", "ETH/USDT")
            .writeNdjson(false);
    SampleMarketGenerator.generate(config.seed(21).build(), raw.toString());
    // The earlier run's input: the same markets and hours, other values.
    SampleMarketGenerator.generate(config.seed(22).build(), otherRaw.toString());
    clean = dir.resolve("clean");
    earlier = dir.resolve("earlier");
    run(raw, clean);
    run(otherRaw, earlier);
  }

  private static void run(Path input, Path output) {
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run", "--raw-root", input.toString(), "--output-root", output.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PausePoints.RUN_STARTED,
        PausePoints.FILE_STAGED,
        PausePoints.PARTITION_COMMITTED,
        PausePoints.RUN_COMMITTED
      })
  void aRunKilledAtAnyMomentIsFinishedByTheNextOne(String moment) throws Exception {
    Path out = dir.resolve("killed-at-" + moment);
    OutputFiles.copy(earlier, out);
    Path marker = dir.resolve(moment + ".paused");
    Process child =
        EtlRuns.start(
            List.of("-Detl.pauseAt=" + moment, "-Detl.pauseMarker=" + marker),
            dir.resolve("logs/" + moment),
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            out.toString());
    awaitMarker(child, marker, moment);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    child.waitFor();

    RunRecord killed = newRecord(out);
    RootState state = RootState.of(out.toString());
    switch (moment) {
      case PausePoints.RUN_STARTED, PausePoints.FILE_STAGED -> {
        assertThat(killed.status).isEqualTo(RunRecord.Status.RUNNING);
        assertThat(state.complete()).as(state.describe()).isTrue();
        assertThat(identical(earlier, out)).as("tables untouched").isTrue();
        if (moment.equals(PausePoints.FILE_STAGED)) {
          try (Stream<Path> staged = Files.walk(out.resolve("_temporary"))) {
            assertThat(staged.filter(p -> p.toString().endsWith(".parquet"))).isNotEmpty();
          }
        }
      }
      case PausePoints.PARTITION_COMMITTED -> {
        assertThat(killed.status).isEqualTo(RunRecord.Status.COMMITTING);
        assertThat(state.complete()).isFalse();
        assertThat(state.describe()).contains("interrupted").contains(killed.runId);
        EtlRuns.Result parity = EtlRuns.inProcess("parity", clean.toString(), out.toString());
        assertThat(parity.code()).isEqualTo(2);
        assertThat(parity.err()).contains("RIGHT_ROOT " + out + " is interrupted");
      }
      case PausePoints.RUN_COMMITTED -> {
        assertThat(killed.status).isEqualTo(RunRecord.Status.COMPLETE);
        assertThat(out.resolve("_runs/lock")).exists(); // the kill left it: stale now
        assertThat(identical(clean, out)).isTrue();
      }
      default -> throw new IllegalArgumentException(moment);
    }

    EtlRuns.Result rerun =
        EtlRuns.inProcess("run", "--raw-root", raw.toString(), "--output-root", out.toString());
    assertThat(rerun.code()).as(rerun.err()).isZero();

    assertThat(OutputFiles.rowsPerFile(out)).isEqualTo(OutputFiles.rowsPerFile(clean));
    assertThat(identical(clean, out)).isTrue();
    assertThat(OutputSummary.scan(out.toString(), "ccxt").rejectedPerChannel())
        .isEqualTo(OutputSummary.scan(clean.toString(), "ccxt").rejectedPerChannel())
        .isNotEmpty();
    assertThat(out.resolve("_temporary")).doesNotExist();
    assertThat(out.resolve("_runs/lock")).doesNotExist();
    assertThat(RootState.of(out.toString()).complete()).isTrue();
    RunRecord after = new RunLog(out.toString()).read(killed.runId).orElseThrow();
    RunRecord last = newestRecord(out);
    switch (moment) {
      case PausePoints.RUN_STARTED, PausePoints.FILE_STAGED -> {
        assertThat(after.status).isEqualTo(RunRecord.Status.ABANDONED);
        assertThat(after.recoveredBy).isEqualTo(last.runId);
        assertThat(rerun.out()).contains("run " + killed.runId + " was stopped before");
      }
      case PausePoints.PARTITION_COMMITTED -> {
        assertThat(after.status).isEqualTo(RunRecord.Status.COMPLETE);
        assertThat(after.recoveredBy).isEqualTo(last.runId);
        assertThat(rerun.out()).contains("finished the commit of run " + killed.runId);
      }
      default -> assertThat(after.recoveredBy).isNull();
    }
    assertThat(last.status).isEqualTo(RunRecord.Status.COMPLETE);
  }

  private static void awaitMarker(Process child, Path marker, String moment)
      throws InterruptedException, IOException {
    Instant deadline = Instant.now().plusSeconds(180);
    while (!Files.exists(marker)) {
      assertThat(child.isAlive())
          .as("the run ended (exit %s) before reaching %s", exit(child), moment)
          .isTrue();
      assertThat(Instant.now()).as("reaching " + moment).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static String exit(Process p) {
    return p.isAlive() ? "still running" : String.valueOf(p.exitValue());
  }

  /** The record of the run that is not the earlier one copied into the root. */
  private RunRecord newRecord(Path out) throws IOException {
    List<String> earlierRuns =
        new RunLog(earlier.toString()).all().stream().map(r -> r.runId).toList();
    List<RunRecord> fresh =
        new RunLog(out.toString())
            .all().stream().filter(r -> !earlierRuns.contains(r.runId)).toList();
    assertThat(fresh).hasSize(1);
    return fresh.get(0);
  }

  private static RunRecord newestRecord(Path out) throws IOException {
    List<RunRecord> all = new RunLog(out.toString()).all();
    return all.get(all.size() - 1);
  }

  private static boolean identical(Path left, Path right) throws IOException {
    ParityReport report = ParityCheck.compare(left.toString(), right.toString());
    return report.identical() && !report.tables().isEmpty();
  }
}
