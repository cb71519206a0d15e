package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.output.RunRecord;
import io.microstructure.pipeline.StateOnlyRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails inside the runner ends with exit code 1 and its cause on the first line of
 * stderr, never with a summary that looks like success (issue 9, item 0).
 */
class FailedRunTest {
  /** A heap far below what the generated hour needs, yet enough for the JVM and Beam to start. */
  private static final String TINY_HEAP = "-Xmx40m";

  @Test
  void aRunOutOfHeapExitsOneNamingTheStepAndTheFix(@TempDir Path dir) throws Exception {
    String raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(30))
            .seed(9)
            .writeNdjson(false)
            .build(),
        raw);
    Path out = dir.resolve("out");
    Path logs = dir.resolve("logs/tiny-heap");

    Process p =
        EtlRuns.start(
            List.of(TINY_HEAP),
            logs,
            "run",
            "--raw-root",
            raw,
            "--output-root",
            out.toString(),
            "--runner=DirectRunner");
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
    EtlRuns.Result r = EtlRuns.finished(p, logs);

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    String first = r.err().lines().findFirst().orElse("");
    assertThat(first)
        .startsWith("etl: error: out of memory (Java heap space")
        .contains(" in step ")
        // 40 MB now; twice that, in 64 MB steps, is the value to try.
        .contains("the Java heap is limited to ")
        .contains("raise it with ETL_JAVA_OPTS=-Xmx128m");
    assertThat(r.out()).doesNotContain("Outputs under").doesNotContain("Input per channel");
    // The root tells the same: the run's record says failed, with the line printed, and its
    // staged files are gone.
    assertFailedRecord(out, first.substring("etl: error: ".length()));
  }

  /** The one run record under {@code root} says failed with {@code error}; no staging is left. */
  static void assertFailedRecord(Path root, String error) throws Exception {
    List<Path> records;
    try (Stream<Path> files = Files.list(root.resolve("_runs"))) {
      records = files.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertThat(records).hasSize(1);
    RunRecord record =
        RunRecord.fromJson(Files.readString(records.get(0)), records.get(0).toString());
    assertThat(record.status).isEqualTo(RunRecord.Status.FAILED);
    assertThat(record.error).isEqualTo(error);
    assertThat(root.resolve("_temporary")).doesNotExist();
  }

  @Test
  void aJobThatEndsInAnotherStateThanDoneExitsOne(@TempDir Path dir) throws Exception {
    String raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(1))
            .exchanges(List.of("okx"))
            .symbols(List.of("BTC/USDT"))
            .writeNdjson(false)
            .build(),
        raw);
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw,
            "--output-root",
            dir.resolve("out").toString(),
            "--runner",
            StateOnlyRunner.class.getName());

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "etl: error: the pipeline ended in state CANCELLED, not DONE, and the runner gave no"
                + " reason: see its log or UI");
    assertThat(r.out()).doesNotContain("Outputs under").doesNotContain("Input per channel");
    assertFailedRecord(
        dir.resolve("out"),
        "the pipeline ended in state CANCELLED, not DONE, and the runner gave no reason:"
            + " see its log or UI");
  }
}
