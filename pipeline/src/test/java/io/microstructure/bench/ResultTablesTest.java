package io.microstructure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's tables: what a reader of BENCHMARKS.md sees for good and failed runs. */
class ResultTablesTest {
  private static final long MIB = 1024 * 1024;
  private static final Path HOME = Path.of("/etl");

  private static RunResult ours(double wall, long heap, long afterGc, long hfRows) {
    return RunResult.ok(
        wall + 2,
        new RunFigures(
            null, wall, heap, afterGc, 4096 * MIB, 2 * heap, hfRows, Map.of("write", wall / 2)));
  }

  private static RunResult baseline(double wall, long rss, long hfRows) {
    return RunResult.ok(
        wall + 0.5, new RunFigures("v1.4.4", wall, -1, -1, -1, rss, hfRows, Map.of()));
  }

  private static Samples samples(Contender c, RunResult... runs) {
    Samples s = new Samples(c);
    for (RunResult r : runs) {
      s.add(r);
    }
    return s;
  }

  @Test
  void aComparisonRowShowsMinAndMedianWallMemoryAndTheRatioOfMedians() {
    Samples o =
        samples(
            new Contender.Ours(HOME, "DirectRunner", false),
            ours(10, 3000 * MIB, 900 * MIB, 1_000),
            ours(14, 3200 * MIB, 1000 * MIB, 1_000));
    Samples d =
        samples(
            new Contender.DuckDb(HOME, 2),
            baseline(2, 700 * MIB, 1_000),
            baseline(4, 800 * MIB, 1_000));

    List<String> t =
        ResultTables.comparison(
            "Ours vs DuckDB", "DuckDB", List.of(new ResultTables.Pair("DirectRunner", o, d)));

    assertThat(t)
        .contains(
            "| DirectRunner | 10.0 / 12.0 | 14.0 | 3,200 / 1,000 | 6,400 | 2.00 / 3.00 | 3.50 | 800"
                + " | 4.0× |",
            "Order-book rows written: ours 1,000 (DirectRunner); DuckDB 1,000.");
  }

  @Test
  void aFailedRepeatIsShownAsFailedWithItsExitCodeAndLogNeverAsATime() {
    Samples o =
        samples(
            new Contender.Ours(HOME, "SparkRunner", false),
            ours(10, 3000 * MIB, 900 * MIB, 1_000),
            RunResult.failed(137, 61.0, List.of("Killed", "etl: error: out of memory")));
    Samples d = samples(new Contender.DuckDb(HOME, 2), baseline(2, 700 * MIB, 1_000));

    List<String> t =
        ResultTables.comparison(
            "Ours vs DuckDB", "DuckDB", List.of(new ResultTables.Pair("SparkRunner", o, d)));

    assertThat(t)
        .contains(
            "| SparkRunner | 1 of 2 failed (exit 137) | – | – | – | 2.00 / 2.00 | 2.50 | 700 | – |",
            "- SparkRunner, ours, run 2 of 2: failed with exit code 137; log ends: `Killed ⏎ etl:"
                + " error: out of memory`");
    assertThat(String.join("\n", t)).doesNotContain("10.0").doesNotContain("61");
  }

  @Test
  void scalingShowsTimeAndHeapPerSnapshotForEveryScale() {
    Contender direct = new Contender.Ours(HOME, "DirectRunner", false);
    ScaleResults quarter =
        new ScaleResults(
            0.25,
            250_000,
            125_000,
            25_000,
            List.of(
                new ScaleResults.RunnerResults(
                    "DirectRunner",
                    samples(direct, ours(20, 1500 * MIB, 100 * MIB, 250_000)),
                    null,
                    null,
                    null,
                    null)));
    ScaleResults full =
        new ScaleResults(
            1,
            1_000_000,
            500_000,
            100_000,
            List.of(
                new ScaleResults.RunnerResults(
                    "DirectRunner",
                    samples(direct, ours(80, 5000 * MIB, -1, 1_000_000)),
                    null,
                    null,
                    null,
                    null)));

    List<String> t = ResultTables.scaling("DirectRunner", List.of(quarter, full));

    // 20 s / 250,000 = 80 µs; 100 MiB / 250,000 = 419.4 bytes; no collection: no after-GC figure.
    assertThat(t)
        .contains(
            "| 0.25 | 250,000 | 20.0 / 20.0 | 80.0 | 1,500 | 100 | 6,291 | 419 |",
            "| 1 | 1,000,000 | 80.0 / 80.0 | 80.0 | 5,000 | no GC | 5,243 | – |");
  }

  @Test
  void theTwelveSecondTargetIsOnlyAppliedToTheSeedsWorkload() {
    Contender direct = new Contender.Ours(HOME, "DirectRunner", false);
    for (long snapshots : new long[] {1_002_097, 200_441}) {
      ScaleResults s =
          new ScaleResults(
              1,
              snapshots,
              snapshots / 2,
              snapshots / 10,
              List.of(
                  new ScaleResults.RunnerResults(
                      "DirectRunner",
                      samples(direct, ours(60, 5000 * MIB, 2000 * MIB, snapshots)),
                      null,
                      null,
                      null,
                      null)));
      assertThat(ResultTables.stages(s))
          .contains(
              "| DirectRunner | 60.0 | "
                  + Format.count(Math.round(snapshots / 60.0))
                  + " | "
                  + (snapshots > 1_000_000 ? "5.0×" : "–")
                  + " | 5,000 | write 30.0 |");
    }
  }

  @Test
  void timesKeepThreeSignificantFiguresAtAnyMagnitude() {
    assertThat(Format.seconds(0.0423)).isEqualTo("0.042");
    assertThat(Format.seconds(7.314)).isEqualTo("7.31");
    assertThat(Format.seconds(71.04)).isEqualTo("71.0");
    assertThat(Format.seconds(1234.4)).isEqualTo("1,234");
    assertThat(Format.ratio(0.534)).isEqualTo("0.53×");
    assertThat(Format.ratio(0.0423)).isEqualTo("0.042×");
    assertThat(Format.ratio(23.6)).isEqualTo("24×");
    assertThat(Format.mb(-1)).isEqualTo("–");
  }
}
