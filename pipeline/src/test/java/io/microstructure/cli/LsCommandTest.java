package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl ls} over a root written by two runs (issue 10, item 6): three trades on 2026-01-05
 * then, from a second input, two on 2026-01-06. Each partition is listed with its rows, its time
 * span and the run that wrote it; the table with both; the root is complete.
 */
class LsCommandTest {
  @TempDir Path dir;

  private static void trades(Path file, long firstMs, int n) {
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, ("
              + firstMs
              + " + 1000 * i)::BIGINT AS capture_ts, 't' || i AS id, 'buy' AS side,"
              + " 90000.0 AS price, 0.5 AS amount FROM range("
              + n
              + ") t(i)",
          file);
    }
  }

  /** Runs into {@code out} and returns the new run's id (ids alone sort only to the second). */
  private static String run(Path raw, Path out) throws IOException {
    List<String> before = runIds(out);
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run", "--raw-root", raw.toString(), "--output-root", out.toString(), "--channel", "trades");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> added = new java.util.ArrayList<>(runIds(out));
    added.removeAll(before);
    assertThat(added).hasSize(1);
    return added.get(0);
  }

  private static List<String> runIds(Path out) throws IOException {
    if (!Files.exists(out.resolve("_runs"))) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out.resolve("_runs"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.replace(".json", ""))
          .toList();
    }
  }

  @Test
  void listsTablesPartitionsRowsSpanAndTheirRuns() throws IOException {
    Path out = dir.resolve("out");
    Path raw1 = dir.resolve("raw1");
    // 2026-01-05T00:00:01.250Z = 1,767,571,201,250 ms (see CaptureTsDetectionTest).
    trades(raw1.resolve("ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"),
        1_767_571_201_250L, 3);
    String first = run(raw1, out);
    Path raw2 = dir.resolve("raw2");
    // A day later: + 86,400,000 ms.
    trades(raw2.resolve("ready/ccxt/trades/segment_20260106T000000_20260106T010000.parquet"),
        1_767_657_601_250L, 2);
    String second = run(raw2, out);
    assertThat(second).isNotEqualTo(first);

    EtlRuns.Result ls = EtlRuns.inProcess("ls", out.toString(), "--partitions");
    assertThat(ls.code()).as(ls.err()).isZero();
    List<String> lines = ls.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("Output root " + out + ": complete (last complete run: " + second + ")");
    String ab = first.compareTo(second) < 0 ? first + ", " + second : second + ", " + first;
    assertThat(lines)
        .containsSubsequence(
            "ccxt/trades/hf: 2 partitions, 5 rows, 2026-01-05T00:00:01.250Z .."
                + " 2026-01-06T00:00:02.250Z, run "
                + ab,
            "  exchange=binance/symbol=BTC%2FUSDT/date=2026-01-05: 1 file, 3 rows,"
                + " 2026-01-05T00:00:01.250Z .. 2026-01-05T00:00:03.250Z, run "
                + first,
            "  exchange=binance/symbol=BTC%2FUSDT/date=2026-01-06: 1 file, 2 rows,"
                + " 2026-01-06T00:00:01.250Z .. 2026-01-06T00:00:02.250Z, run "
                + second);
    assertThat(lines).anyMatch(l -> l.startsWith("ccxt/trades/volume_bars: "));

    EtlRuns.Result none = EtlRuns.inProcess("ls", dir.resolve("nothing").toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("etl: error: " + dir.resolve("nothing") + ": no run records");
  }
}
