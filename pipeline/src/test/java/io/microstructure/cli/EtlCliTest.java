package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract with a user who gets something wrong. */
class EtlCliTest {
  @TempDir Path dir;

  private static final class Result {
    int code;
    String out;
    String err;
  }

  private static Result etl(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Result r = new Result();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      r.code = EtlCli.commandLine().execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    r.out = out.toString(StandardCharsets.UTF_8);
    r.err = err.toString(StandardCharsets.UTF_8);
    return r;
  }

  @Test
  void missingInputFolderIsOneClearLineAndExitCode2() {
    Result r =
        etl(
            "run",
            "--raw-root",
            dir.resolve("nope").toString(),
            "--output-root",
            dir.resolve("out").toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .startsWith("etl: error: input ")
        .contains("nope")
        .contains("does not exist or holds no Parquet files under ready/ccxt/");
    assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void runnerNamesAreReadAsBinEtlReadsThem() {
    assertThat(RunCommand.canonicalRunner("flink")).isEqualTo("FlinkRunner");
    assertThat(RunCommand.canonicalRunner("SparkRunner")).isEqualTo("SparkRunner");
    assertThat(RunCommand.canonicalRunner("dataflowrunner")).isEqualTo("DataflowRunner");
    assertThat(RunCommand.canonicalRunner("Direct")).isEqualTo("DirectRunner");
    assertThat(RunCommand.canonicalRunner("org.apache.beam.runners.flink.FlinkRunner"))
        .isEqualTo("org.apache.beam.runners.flink.FlinkRunner");
  }

  @Test
  void aRunnerMissingFromTheClasspathIsOneClearLineAndExitCode2() {
    // Only the DirectRunner is on this module's test classpath (bin/etl picks runners/<name>).
    Result r =
        etl(
            "run",
            "--raw-root",
            dir.toString(),
            "--output-root",
            dir.resolve("out").toString(),
            "--runner",
            "flink");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip()).startsWith("etl: error: ").contains("FlinkRunner");
    assertThat(r.err).doesNotContain("\tat ");
  }

  @Test
  void inputWithoutOrderBookFilesIsRejectedBeforeAnyPipelineRuns() throws Exception {
    Path trades = dir.resolve("raw/ready/ccxt/trades");
    Files.createDirectories(trades);
    Files.writeString(
        trades.resolve("segment_20260105T000000_20260105T010000.parquet"), "not parquet");
    Result r =
        etl(
            "run",
            "--raw-root",
            dir.resolve("raw").toString(),
            "--output-root",
            dir.resolve("out").toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err)
        .contains(
            "no order-book files (segment_*.parquet) in "
                + dir.resolve("raw/ready/ccxt/orderbook"));
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void unreadableParquetFailsNamingTheFile() throws Exception {
    Path books = dir.resolve("raw/ready/ccxt/orderbook");
    Files.createDirectories(books);
    Files.writeString(
        books.resolve("segment_20260105T000000_20260105T010000.parquet"), "not parquet at all");
    Result r =
        etl(
            "run",
            "--raw-root",
            dir.resolve("raw").toString(),
            "--output-root",
            dir.resolve("out").toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err)
        .contains("segment_20260105T000000_20260105T010000.parquet")
        .contains("not readable Parquet");
  }

  @Test
  void missingOutputRootIsNamed() {
    Result r = etl("run", "--raw-root", "x");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .isEqualTo(
            "etl: error: no output: give --output-root, or set storage.output.root in the config");
  }

  @Test
  void helpListsTheCommands() {
    Result r = etl("--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("generate").contains("run").contains("demo");
  }
}
