package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.io.PausePoints;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.pipeline.IncrementalFeeds;
import io.microstructure.pipeline.OutputSummary;
import io.microstructure.pipeline.RootState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of an incremental run at four moments, new data arriving meanwhile, then the next
 * incremental run: the state recorded is always that of the last complete run, and the sequence
 * ends with the same tables as one never interrupted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalCrashTest {
  @TempDir static Path dir;
  private Path generated;
  private Path reference;

  @BeforeAll
  void generateAndRunUninterrupted() throws IOException {
    generated = dir.resolve("generated");
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .start(Instant.parse("2026-01-05T23:00:00Z"))
            .hours(3)
            .seed(31)
            .exchanges("binance")
            .symbols("BTC/USDT", "ETH/USDT")
            .snapshotHz(1)
            .tradeRateScale(0.2)
            .writeNdjson(false)
            .build(),
        generated.toString());
    Path feed = dir.resolve("feed-reference");
    reference = dir.resolve("reference");
    for (int h = 0; h < 3; h++) {
      IncrementalFeeds.feedHour(generated, feed, h);
      incremental(feed, reference);
    }
  }

  private static EtlRuns.Result incremental(Path feed, Path out) {
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run", "--raw-root", feed.toString(), "--output-root", out.toString(), "--incremental");
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PausePoints.RUN_STARTED,
        PausePoints.FILE_STAGED,
        PausePoints.PARTITION_COMMITTED,
        PausePoints.RUN_COMMITTED
      })
  void aKilledIncrementalRunConvergesToTheUninterruptedSequence(String moment) throws Exception {
    Path feed = dir.resolve("feed-" + moment);
    Path out = dir.resolve("killed-at-" + moment);
    IncrementalFeeds.feedHour(generated, feed, 0);
    incremental(feed, out);
    String first = newest(out).runId;
    IncrementalFeeds.feedHour(generated, feed, 1);
    Path marker = dir.resolve(moment + ".paused");
    Process child =
        EtlRuns.start(
            List.of("-Detl.pauseAt=" + moment, "-Detl.pauseMarker=" + marker),
            dir.resolve("logs/" + moment),
            "run",
            "--raw-root",
            feed.toString(),
            "--output-root",
            out.toString(),
            "--incremental");
    Instant deadline = Instant.now().plusSeconds(180);
    while (!Files.exists(marker)) {
      assertThat(child.isAlive()).as("the run ended before reaching " + moment).isTrue();
      assertThat(Instant.now()).as("reaching " + moment).isBefore(deadline);
      Thread.sleep(50);
    }
    child.destroyForcibly(); // SIGKILL
    child.waitFor();
    RunRecord killed = newest(out);
    assertThat(killed.runId).isNotEqualTo(first);

    // The next hour arrives; the next incremental run picks up from the last complete state.
    IncrementalFeeds.feedHour(generated, feed, 2);
    EtlRuns.Result next = incremental(feed, out);
    RunRecord after = new RunLog(out.toString()).read(killed.runId).orElseThrow();
    RunRecord last = newest(out);
    switch (moment) {
      case PausePoints.RUN_STARTED, PausePoints.FILE_STAGED -> {
        // Killed before it committed: its state never counted, the next run continues the first.
        assertThat(after.status).isEqualTo(RunRecord.Status.ABANDONED);
        assertThat(last.incremental.basedOn).isEqualTo(first);
        assertThat(last.incremental.newSegments).hasSize(6);
      }
      case PausePoints.PARTITION_COMMITTED -> {
        // Its commit was finished first, so its state is the last complete one.
        assertThat(after.status).isEqualTo(RunRecord.Status.COMPLETE);
        assertThat(next.out()).contains("finished the commit of run " + killed.runId);
        assertThat(last.incremental.basedOn).isEqualTo(killed.runId);
        assertThat(last.incremental.newSegments).hasSize(3);
      }
      case PausePoints.RUN_COMMITTED -> {
        assertThat(after.status).isEqualTo(RunRecord.Status.COMPLETE);
        assertThat(last.incremental.basedOn).isEqualTo(killed.runId);
      }
      default -> throw new IllegalArgumentException(moment);
    }
    ParityReport report = ParityCheck.compare(reference.toString(), out.toString());
    assertThat(report.tables()).isNotEmpty();
    assertThat(report.identical()).as(report.toJson()).isTrue();
    // Same files of the same rows; dead letters are named by the run that wrote them, so only
    // their counts per channel can agree.
    assertThat(tableFiles(out)).isEqualTo(tableFiles(reference));
    assertThat(OutputSummary.scan(out.toString(), "ccxt").rejectedPerChannel())
        .isEqualTo(OutputSummary.scan(reference.toString(), "ccxt").rejectedPerChannel())
        .isNotEmpty();
    assertThat(out.resolve("_temporary")).doesNotExist();
    assertThat(out.resolve("_runs/lock")).doesNotExist();
    assertThat(RootState.of(out.toString()).complete()).isTrue();
  }

  private static java.util.Map<String, Long> tableFiles(Path root) throws IOException {
    java.util.Map<String, Long> rows = new java.util.TreeMap<>(OutputFiles.rowsPerFile(root));
    rows.keySet().removeIf(f -> f.startsWith("_rejected/"));
    return rows;
  }

  private static RunRecord newest(Path out) throws IOException {
    List<RunRecord> all = new RunLog(out.toString()).all();
    return all.get(all.size() - 1);
  }
}
