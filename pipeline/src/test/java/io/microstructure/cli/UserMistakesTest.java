package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake a user can fix exits 2 with one line on stderr naming it, before any input is read
 * or output written (issue 9, item 7). Flag mistakes are given with a raw root that does not exist:
 * were the input looked at first, the line would be about the input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserMistakesTest {
  @TempDir static Path dir;
  private String raw;

  @BeforeAll
  void generate() throws Exception {
    raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(2))
            .seed(3)
            .exchanges(java.util.List.of("okx"))
            .symbols(java.util.List.of("BTC/USDT"))
            .writeNdjson(false)
            .build(),
        raw);
  }

  /** Asserts exit 2 and exactly one line on stderr; returns that line. */
  private static String mistake(EtlRuns.Result r) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.out()).doesNotContain("Outputs under").doesNotContain("Running ");
    return r.err().strip();
  }

  private EtlRuns.Result runWithFlag(String name, String flag) {
    return EtlRuns.inProcess(
        "run",
        "--raw-root",
        dir.resolve("no-such-input").toString(),
        "--output-root",
        dir.resolve("out-" + name).toString(),
        flag);
  }

  @Test
  void aMisspeltFlagGetsADidYouMeanWithoutJavaNames() {
    assertThat(mistake(EtlRuns.inProcess("run", "--raw_root", raw, "--output-root", "o")))
        .isEqualTo("etl: error: unknown option --raw_root; did you mean --raw-root?");
    assertThat(mistake(EtlRuns.inProcess("run", "--Output-Root=o", "--raw-root", raw)))
        .isEqualTo("etl: error: unknown option --Output-Root; did you mean --output-root?");
    assertThat(mistake(runWithFlag("horizon", "--horizon=5")))
        .isEqualTo("etl: error: unknown option --horizon; did you mean --horizons?");
    assertThat(mistake(runWithFlag("unit", "--captureTsUnt=ms")))
        .isEqualTo("etl: error: unknown option --captureTsUnt; did you mean --captureTsUnit?");
  }

  @Test
  void aFolderInsideTheRawRootIsAnsweredWithTheRoot() {
    assertThat(
            mistake(
                EtlRuns.inProcess(
                    "run", "--raw-root", raw + "/ready/ccxt", "--output-root", "o-inside")))
        .startsWith("etl: error: input " + raw + "/ready/ccxt does not exist")
        .contains("that is the ccxt source folder inside a raw root: give --raw-root " + raw);
    assertThat(
            mistake(
                EtlRuns.inProcess(
                    "run", "--raw-root", raw + "/ready/ccxt/trades", "--output-root", "o-inside")))
        .contains("that is the trades channel folder inside a raw root: give --raw-root " + raw);
  }

  @Test
  void runHelpNamesWhereTheConfigIsAndTheInputOptions() {
    EtlRuns.Result help = EtlRuns.inProcess("run", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--captureTsUnit").contains("--print-default-config");
    // Every file the help names exists (from the repository root, where bin/etl runs).
    java.util.regex.Matcher files =
        java.util.regex.Pattern.compile("config/[\\w.-]+\\.yaml").matcher(help.out());
    int named = 0;
    while (files.find()) {
      assertThat(Path.of("..").resolve(files.group())).as(files.group()).exists();
      named++;
    }
    assertThat(named).isPositive();
    EtlRuns.Result config = EtlRuns.inProcess("run", "--print-default-config");
    assertThat(config.code()).isZero();
    assertThat(config.out()).contains("capture_ts_unit:").contains("horizons:");
  }

  @Test
  void aNegativeHorizonIsNamedByItsFlag() {
    assertThat(mistake(runWithFlag("horizons", "--horizons=-5")))
        .isEqualTo("etl: error: --horizons: must be > 0, got -5");
    assertThat(dir.resolve("out-horizons")).doesNotExist();
  }

  @Test
  void aZeroVpinWindowIsNamedByItsFlag() {
    assertThat(mistake(runWithFlag("vpin", "--vpinWindow=0")))
        .isEqualTo("etl: error: --vpinWindow: must be >= 1, got 0");
    assertThat(dir.resolve("out-vpin")).doesNotExist();
  }

  @Test
  void anUnknownCaptureTsUnitIsNamedByItsFlag() {
    assertThat(mistake(runWithFlag("unit", "--captureTsUnit=s")))
        .isEqualTo("etl: error: --captureTsUnit: unknown time unit 's' (auto, ms, us, ns)");
    assertThat(dir.resolve("out-unit")).doesNotExist();
  }

  @Test
  void unknownChoicesAreNamedByTheirFlagWithTheChoices() {
    assertThat(mistake(runWithFlag("mode", "--mode=fast")))
        .isEqualTo("etl: error: --mode: unknown mode 'fast' (hybrid, vectorized)");
    assertThat(mistake(runWithFlag("reader", "--orderbookReader=arrow")))
        .isEqualTo("etl: error: --orderbookReader: unknown order-book reader 'arrow' (columnar, avro)");
    assertThat(dir.resolve("out-mode")).doesNotExist();
  }

  @Test
  void theConfigTwinOfAFlagFailsAlike() throws Exception {
    Path config = dir.resolve("horizons.yaml");
    Files.writeString(config, "features:\n  horizons: [-5]\n");
    String line =
        mistake(
            EtlRuns.inProcess(
                "run",
                "--config",
                config.toString(),
                "--raw-root",
                dir.resolve("no-such-input").toString(),
                "--output-root",
                dir.resolve("out-config").toString()));
    assertThat(line).startsWith("etl: error: ").contains("horizons").contains("-5");
    assertThat(dir.resolve("out-config")).doesNotExist();
  }

  @Test
  void generateWithZeroHoursIsOneLine() {
    Path out = dir.resolve("gen-zero");
    String line = mistake(EtlRuns.inProcess("generate", "--out", out.toString(), "--hours", "0"));
    assertThat(line).startsWith("etl: error: ").contains("hours").doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void aRegularFileAsOutputRootIsReportedBeforeTheInputIsLooked() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    String line =
        mistake(
            EtlRuns.inProcess(
                "run",
                "--raw-root",
                dir.resolve("no-such-input").toString(),
                "--output-root",
                file.toString()));
    assertThat(line).isEqualTo("etl: error: output root " + file + " is a file, not a folder");
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void anOutputRootBelowAFileCannotBeCreated() throws Exception {
    Path file = Files.writeString(dir.resolve("another-file"), "x");
    String line =
        mistake(
            EtlRuns.inProcess(
                "run", "--raw-root", raw, "--output-root", file.resolve("out").toString()));
    assertThat(line)
        .isEqualTo(
            "etl: error: output root "
                + file.resolve("out")
                + " cannot be created: "
                + file
                + " is a file");
  }

  @Test
  void aZeroByteSegmentIsNamedByItsPath() throws Exception {
    Path copy = dir.resolve("raw-zero");
    try (var files = Files.walk(Path.of(raw))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(Path.of(raw).relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path empty =
        Files.createFile(
            copy.resolve("ready/ccxt/orderbook/segment_20260105T010000_20260105T020000.parquet"));
    Path out = dir.resolve("out-zero");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            copy.toString(),
            "--output-root",
            out.toString(),
            "--channel",
            "orderbook");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "etl: error: "
                + empty
                + ": not readable Parquet: the file is not a Parquet file (length is too low: 0)");
    assertThat(r.out()).doesNotContain("Outputs under");
  }

  @Test
  void anUnknownOptionIsOneLineNotTheUsage() {
    String line = mistake(EtlRuns.inProcess("generate", "--out", "x", "--no-such-option"));
    assertThat(line).startsWith("etl: error: ").contains("--no-such-option");
  }
}
