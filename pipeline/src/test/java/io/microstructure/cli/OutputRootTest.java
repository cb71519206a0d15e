package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.io.PausePoints;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.pipeline.RootState;
import io.microstructure.testing.DuckDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an output root promises beyond a single clean run (README, "What an output root
 * guarantees"): one run at a time, a full disk that costs nothing once there is room again, a
 * summary of the run and not of the folder, and colliding partition names refused before any table
 * changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputRootTest {
  @TempDir static Path dir;
  private Path raw;
  private Path clean;

  @BeforeAll
  void generateAndRunCleanly() throws Exception {
    raw = dir.resolve("raw");
    SampleMarketGenerator.generate(
        baseConfig().symbols("BTC/USDT", "ETH/USDT").seed(31).build(), raw.toString());
    clean = dir.resolve("clean");
    EtlRuns.Result r = run(raw, clean);
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static GeneratorConfig.Builder baseConfig() {
    return GeneratorConfig.builder()
        .duration(Duration.ofMinutes(3))
        .exchanges("binance")
        .writeNdjson(false);
  }

  private static EtlRuns.Result run(Path input, Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--raw-root", input.toString(), "--output-root", output.toString()));
    args.addAll(List.of(more));
    return EtlRuns.inProcess(args.toArray(new String[0]));
  }

  @Test
  void aSecondRunOnAHeldRootIsRefusedAndTheRootStaysTheFirstRunsOwn() throws Exception {
    Path out = dir.resolve("held");
    Path marker = dir.resolve("held.paused");
    Path logs = dir.resolve("logs/held");
    Process first =
        EtlRuns.start(
            List.of("-Detl.pauseAt=" + PausePoints.RUN_STARTED, "-Detl.pauseMarker=" + marker),
            logs,
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            out.toString());
    try {
      awaitFile(first, marker);
      String holder = new RunLog(out.toString()).all().get(0).runId;

      EtlRuns.Result second = run(raw, out);

      assertThat(second.code()).isEqualTo(2);
      assertThat(second.err().strip().lines()).hasSize(1);
      assertThat(second.err()).contains(out.toString()).contains("in use by run " + holder);
      assertThat(new RunLog(out.toString()).all()).hasSize(1); // the refused run left no record
      assertThat(RootState.of(out.toString()).describe()).contains(holder);
    } finally {
      first.destroyForcibly();
      first.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskFailsNamingThePathAndARunWithRoomSucceedsWithoutCleanup() throws Exception {
    assumeTrue(
        canMountTmpfs(),
        "skipped: `unshare --user --map-root-user --mount` cannot mount a tmpfs on this machine");
    Path mount = Files.createDirectories(dir.resolve("tmpfs"));
    Path logs = Files.createDirectories(dir.resolve("logs/full"));
    // Both runs inside one mount namespace (the tmpfs lives as long as it): the first on 1 MiB,
    // room for the run's record but not its tables, the second after growing it to 64 MiB.
    String script =
        String.join(
            "\n",
            "set -u",
            "mount -t tmpfs -o size=1m tmpfs \"$MNT\"",
            "\"$@\" > \"$LOGS/first.out\" 2> \"$LOGS/first.err\"; echo $? > \"$LOGS/first.rc\"",
            "(cd \"$MNT\" && find . -type f -name '*.parquet' | sort) > \"$LOGS/first.files\"",
            "mkdir \"$LOGS/first\" && cp -r \"$MNT/out/_runs\" \"$LOGS/first/_runs\"",
            "mount -o remount,size=64m \"$MNT\"",
            "\"$@\" > \"$LOGS/second.out\" 2> \"$LOGS/second.err\"; echo $? > \"$LOGS/second.rc\"",
            "cp -r \"$MNT/out\" \"$LOGS/copy\"");
    List<String> command =
        new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount"));
    command.addAll(List.of("sh", "-c", script, "sh"));
    command.addAll(
        EtlRuns.command(
            List.of(),
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            mount.resolve("out").toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("MNT", mount.toString());
    pb.environment().put("LOGS", logs.toString());
    pb.redirectOutput(logs.resolve("unshare.log").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(read(logs.resolve("unshare.log"))).isZero();

    String firstErr = read(logs.resolve("first.err"));
    assertThat(read(logs.resolve("first.rc")).strip()).isNotEqualTo("0");
    assertThat(firstErr.strip().lines().findFirst().orElse(""))
        .contains("No space left on device")
        .contains(mount.resolve("out").toString());
    assertThat(read(logs.resolve("first.out"))).doesNotContain("Outputs under");
    assertThat(read(logs.resolve("first.files"))).isEmpty(); // no table, no staged file left
    List<RunRecord> records = new RunLog(logs.resolve("first").toString()).all();
    assertThat(records).hasSize(1);
    RunRecord failed = records.get(0);
    assertThat(failed.status).isEqualTo(RunRecord.Status.FAILED);
    assertThat(failed.error).contains("No space left on device");

    assertThat(read(logs.resolve("second.rc")).strip())
        .as(read(logs.resolve("second.err")))
        .isEqualTo("0");
    Path copy = logs.resolve("copy");
    assertThat(OutputFiles.rowsPerFile(copy)).isEqualTo(OutputFiles.rowsPerFile(clean));
    assertThat(ParityCheck.compare(clean.toString(), copy.toString()).identical()).isTrue();
    assertThat(copy.resolve("_temporary")).doesNotExist();
    assertThat(new RunLog(copy.toString()).read(failed.runId).orElseThrow().status)
        .isEqualTo(RunRecord.Status.FAILED);
  }

  @Test
  void theSummaryCountsThisRunOnlyAndItsDeadLettersReplaceTheEarlierOnes() throws Exception {
    Path out = dir.resolve("rerun");
    OutputFiles.copy(clean, out); // an earlier run: two markets, dead letters in every channel
    assertThat(deadLetterFiles(out)).isNotEmpty();
    Path fixed = dir.resolve("fixed-raw");
    SampleMarketGenerator.generate(
        baseConfig().symbols("BTC/USDT").seed(32).cleanOnly(true).build(), fixed.toString());
    Path report = dir.resolve("rerun-report.json");

    EtlRuns.Result r = run(fixed, out, "--report-json", report.toString());

    assertThat(r.code()).as(r.err()).isZero();
    // What this run wrote, counted from the files it wrote and nothing else.
    String hf = "ccxt/orderbook/hf/exchange=binance/symbol=BTC%2FUSDT/date=2026-01-05";
    long btcRows = OutputFiles.rowsPerFile(out.resolve(hf)).values().stream().mapToLong(x -> x).sum();
    long cleanBtcRows =
        OutputFiles.rowsPerFile(clean.resolve(hf)).values().stream().mapToLong(x -> x).sum();
    assertThat(btcRows).isPositive().isNotEqualTo(cleanBtcRows); // other input, other rows
    JsonObject json =
        JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    assertThat(json.getAsJsonObject("rows_written").get("ccxt/orderbook/hf").getAsLong())
        .isEqualTo(btcRows);
    assertThat(json.getAsJsonObject("dead_letters").entrySet())
        .extracting(e -> e.getKey() + "=" + e.getValue().getAsLong())
        .containsExactlyInAnyOrder("orderbook=0", "trades=0", "ticker=0");
    assertThat(r.out())
        .contains("dead letters: none")
        .doesNotContain("binance/ETH/USDT"); // the earlier run's market is not this run's
    // The channels this run read had their dead letters rewritten: none now.
    assertThat(deadLetterFiles(out)).isEmpty();
    // The partitions this run did not write keep the earlier run's files.
    assertThat(out.resolve("ccxt/orderbook/hf/exchange=binance/symbol=ETH%2FUSDT")).exists();
  }

  @Test
  void symbolsThatSanitiseAlikeGetFoldersOfTheirOwnAndReadBackAsThemselves() throws Exception {
    Path raw = dir.resolve("alike-raw");
    SampleMarketGenerator.generate(
        baseConfig().symbols("BTC/USDT", "BTC-USDT").seed(33).build(), raw.toString());
    Path out = dir.resolve("alike");

    EtlRuns.Result r = run(raw, out);

    assertThat(r.code()).as(r.err()).isZero();
    Path hf = out.resolve("ccxt/orderbook/hf/exchange=binance");
    long slash = rows(hf.resolve("symbol=BTC%2FUSDT"));
    long dash = rows(hf.resolve("symbol=BTC-USDT"));
    assertThat(slash).isPositive();
    assertThat(dash).isPositive();
    // A hive-partitioned reader gives each folder's rows their own symbol back.
    try (DuckDb duck = new DuckDb()) {
      assertThat(
              duck.query(
                  "SELECT symbol, count(*) AS n FROM read_parquet('"
                      + hf
                      + "/**/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY 1"))
          .extracting(row -> row.get("symbol") + "=" + row.get("n"))
          .containsExactly("BTC-USDT=" + dash, "BTC/USDT=" + slash);
    }
  }

  private static long rows(Path folder) throws IOException {
    return OutputFiles.rowsPerFile(folder).values().stream().mapToLong(x -> x).sum();
  }

  private static boolean canMountTmpfs() {
    try {
      Process p =
          new ProcessBuilder(
                  "unshare",
                  "--user",
                  "--map-root-user",
                  "--mount",
                  "sh",
                  "-c",
                  "mount -t tmpfs tmpfs /mnt")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void awaitFile(Process child, Path file) throws Exception {
    Instant deadline = Instant.now().plusSeconds(180);
    while (!Files.exists(file)) {
      assertThat(child.isAlive()).as("the first run ended before holding the root").isTrue();
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static List<Path> deadLetterFiles(Path root) throws IOException {
    if (!Files.exists(root.resolve("_rejected"))) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root.resolve("_rejected"))) {
      return s.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
