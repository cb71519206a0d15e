package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.output.FileKeys;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.pipeline.IncrementalFeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl run --incremental} and {@code --waves} from the command line: waves of an hour equal
 * one full run with the derived sizes the first wave pinned; a dry run lists the new segments and
 * the files it would rewrite; a run with nothing new does nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalCommandTest {
  @TempDir static Path dir;
  private Path generated;

  @BeforeAll
  void generate() throws IOException {
    generated = dir.resolve("generated");
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .start(Instant.parse("2026-01-05T22:00:00Z"))
            .hours(3)
            .seed(41)
            .exchanges("binance")
            .symbols("BTC/USDT", "ETH/USDT")
            .snapshotHz(1)
            .tradeRateScale(0.2)
            .writeNdjson(false)
            .build(),
        generated.toString());
  }

  private static EtlRuns.Result etl(String... args) {
    EtlRuns.Result r = EtlRuns.inProcess(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  /** Per market, a carry field (e.g. vpin.bucket_volume) at every point of every run's file. */
  private static Map<String, List<Double>> pinned(Path out, String part, String field)
      throws IOException {
    Map<String, List<Double>> values = new TreeMap<>();
    for (RunRecord r : IncrementalFeeds.completeRuns(out)) {
      JsonObject f =
          JsonParser.parseString(Files.readString(out.resolve(r.incremental.carries)))
              .getAsJsonObject();
      for (var m : f.getAsJsonArray("markets")) {
        String symbol = m.getAsJsonObject().get("symbol").getAsString();
        for (var c : m.getAsJsonObject().getAsJsonObject("carries").entrySet()) {
          values
              .computeIfAbsent(symbol, k -> new ArrayList<>())
              .add(c.getValue().getAsJsonObject().getAsJsonObject(part).get(field).getAsDouble());
        }
      }
    }
    return values;
  }

  @Test
  void wavesOfAnHourEqualOneFullRunWithTheSizesTheFirstWavePinned() throws IOException {
    Path waves = dir.resolve("waves");
    EtlRuns.Result r =
        etl("run", "--raw-root", generated.toString(), "--output-root", waves.toString(),
            "--waves", "1h");
    assertThat(r.out()).contains("Wave 1 of 3").contains("Wave 3 of 3");
    assertThat(IncrementalFeeds.completeRuns(waves)).hasSize(3);
    // The default VPIN bucket volume and volume-bar size, derived from the first wave's trades,
    // are the same at every point of every run.
    Map<String, List<Double>> buckets = pinned(waves, "vpin", "bucket_volume");
    Map<String, List<Double>> bars = pinned(waves, "volume_bars", "bar_size");
    assertThat(buckets).containsOnlyKeys("BTC/USDT", "ETH/USDT");
    buckets.values().forEach(v -> assertThat(v).hasSizeGreaterThan(2).containsOnly(v.get(0)));
    bars.values().forEach(v -> assertThat(v).containsOnly(v.get(0)));

    Path full = dir.resolve("full");
    etl("run", "--raw-root", generated.toString(), "--output-root", full.toString(),
        "--vpinBucketVolume=" + json(buckets), "--volumeBarSize=" + json(bars));
    ParityReport report = ParityCheck.compare(full.toString(), waves.toString());
    assertThat(report.tables()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(report.identical()).as(report.toJson()).isTrue();

    // etl ls folds each run's files over the earlier ones': the rows of the full run, per table.
    assertThat(tableRows(etl("ls", waves.toString()).out()))
        .isEqualTo(tableRows(etl("ls", full.toString()).out()))
        .hasSize(8);

    // Run again with nothing new: no run, and the dry run says so.
    EtlRuns.Result again =
        etl("run", "--raw-root", generated.toString(), "--output-root", waves.toString(),
            "--incremental");
    assertThat(again.out()).contains("Nothing new since run " + IncrementalFeeds.completeRuns(waves).get(2).runId);
    assertThat(IncrementalFeeds.completeRuns(waves)).hasSize(3);
    EtlRuns.Result dry =
        etl("run", "--raw-root", generated.toString(), "--output-root", waves.toString(),
            "--incremental", "--dry-run");
    assertThat(dry.out()).contains("Segments: 0 new, 0 changed, 0 removed, 9 already processed")
        .contains("Nothing new: the run would do nothing.");
  }

  /** From etl ls: table -> "<n> rows". */
  private static Map<String, String> tableRows(String listing) {
    Map<String, String> rows = new TreeMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^(\\S+): \\d+ partitions?, ([\\d,]+ rows)").matcher(listing);
    while (m.find()) {
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  @Test
  void mistakesEndWithOneLineAndExitCode2() {
    String raw = generated.toString();
    String out = dir.resolve("mistakes").toString();
    String[][] cases = {
      {"--incremental --legacy-input", "--incremental reads a raw root's segments"},
      {"--incremental --mode vectorized", "--incremental needs --mode hybrid"},
      {"--incremental --channel trades", "include the orderbook channel"},
      {"--waves whole", "--waves: a wave is a duration such as 6h or 1d, got whole"},
      {"--incremental --dry-run (no output root)", "give --output-root"},
      {"--incremental --chunk 7m", "every 25200 s, which does not divide a day"}, // lcm(420, 3600)
    };
    List<String[]> args =
        List.of(
            new String[] {"run", "--legacy-input", raw, "--output-root", out, "--incremental"},
            new String[] {"run", "--raw-root", raw, "--output-root", out, "--incremental",
                "--mode", "vectorized"},
            new String[] {"run", "--raw-root", raw, "--output-root", out, "--incremental",
                "--channel", "trades"},
            new String[] {"run", "--raw-root", raw, "--output-root", out, "--waves", "whole"},
            new String[] {"run", "--raw-root", raw, "--incremental", "--dry-run"},
            new String[] {"run", "--raw-root", raw, "--output-root", out, "--incremental",
                "--chunk=7m"});
    for (int i = 0; i < cases.length; i++) {
      EtlRuns.Result r = EtlRuns.inProcess(args.get(i));
      assertThat(r.code()).as(cases[i][0]).isEqualTo(2);
      assertThat(r.err()).as(cases[i][0]).contains(cases[i][1]).doesNotContain("Exception");
    }
    assertThat(dir.resolve("mistakes")).doesNotExist();
  }

  private static String json(Map<String, List<Double>> values) {
    JsonObject o = new JsonObject();
    values.forEach((k, v) -> o.addProperty(k, v.get(0)));
    return o.toString();
  }

  @Test
  void aDryRunListsTheNewSegmentsAndTheFilesItWouldRewrite() throws IOException {
    Path feed = dir.resolve("feed");
    Path out = dir.resolve("dry");
    List<Path> hours = new ArrayList<>();
    for (String c : new String[] {"orderbook", "trades", "ticker"}) {
      try (Stream<Path> files = Files.list(generated.resolve("ready/ccxt/" + c))) {
        List<Path> sorted = files.sorted().toList();
        Files.createDirectories(feed.resolve("ready/ccxt/" + c));
        for (int h = 0; h < 2; h++) {
          Files.copy(sorted.get(h), feed.resolve("ready/ccxt/" + c).resolve(sorted.get(h).getFileName()));
        }
        hours.add(sorted.get(2));
      }
    }
    etl("run", "--raw-root", feed.toString(), "--output-root", out.toString(), "--incremental");
    for (Path h : hours) {
      Files.copy(h, feed.resolve("ready/ccxt/" + h.getParent().getFileName()).resolve(h.getFileName()));
    }
    String before = OutputFiles.rowsPerFile(out).toString();
    EtlRuns.Result dry =
        etl("run", "--raw-root", feed.toString(), "--output-root", out.toString(),
            "--incremental", "--dry-run");
    // Two hours to 23:59:59 less the 15-minute horizon: the run resumes at 23:00.
    String stamp = "20260105T230000Z";
    long rewritten;
    try (Stream<Path> files = Files.walk(out.resolve("ccxt"))) {
      rewritten =
          files.filter(f -> FileKeys.keyedFrom(f.getFileName().toString(), stamp)).count();
    }
    assertThat(rewritten).isPositive();
    assertThat(dry.out())
        .contains("Incremental: against the state of run " + IncrementalFeeds.completeRuns(out).get(0).runId)
        .contains("Segments: 3 new, 0 changed, 0 removed, 6 already processed.")
        .contains("new: " + feed.resolve("ready/ccxt/trades").resolve(hours.get(1).getFileName()))
        .contains("Resumes at 2026-01-05T23:00:00Z")
        .contains("Chunks recomputed per market: 2 of PT1H, 2026-01-05T23:00:00Z to 2026-01-06T01:00:00Z.")
        .contains("Output files rewritten (keyed " + stamp + " or later): " + rewritten + " now");
    // The dry run changed nothing.
    assertThat(OutputFiles.rowsPerFile(out).toString()).isEqualTo(before);
    assertThat(IncrementalFeeds.completeRuns(out)).hasSize(1);

    // Other options compute other tables: the state starts over, and says why.
    EtlRuns.Result other =
        etl("run", "--raw-root", feed.toString(), "--output-root", out.toString(),
            "--incremental", "--dry-run", "--symbol", "BTC/USDT", "--horizons=5,60");
    assertThat(other.out())
        .contains(
            "Incremental: starting over (options changed since run "
                + IncrementalFeeds.completeRuns(out).get(0).runId
                + ": horizons, symbols)")
        .contains("Resumes at the beginning");
  }
}
