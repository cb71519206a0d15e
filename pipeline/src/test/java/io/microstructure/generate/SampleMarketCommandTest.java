package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SampleMarketCommandTest {
  @TempDir Path dir;

  private static Object[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Object[] {code, out.toString(), err.toString()};
  }

  @Test
  void rowGroupRowsCutsEveryFileIntoRowGroupsOfExactlyThatManyRows() throws Exception {
    Path small = dir.resolve("small");
    Path large = dir.resolve("large");
    String[] common = {"--duration", "PT3M", "--seed", "9", "--no-ndjson"};
    assertThat(run(concat(common, "--out", small.toString(), "--row-group-rows", "1000"))[0])
        .isEqualTo(0);
    assertThat(run(concat(common, "--out", large.toString()))[0]).isEqualTo(0);

    List<Path> files;
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(small)) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    assertThat(files).hasSize(3);
    for (Path f : files) {
      long[] groups = rowGroups(f);
      long[] one = rowGroups(large.resolve(small.relativize(f)));
      assertThat(one).hasSize(1); // the default: one row group of up to 64 MB
      assertThat(java.util.Arrays.stream(groups).sum()).isEqualTo(one[0]);
      assertThat(groups.length).isEqualTo((int) ((one[0] + 999) / 1000));
      for (int g = 0; g < groups.length - 1; g++) {
        assertThat(groups[g]).as(f + " row group " + g).isEqualTo(1000);
      }
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static long[] rowGroups(Path file) throws Exception {
    try (org.apache.parquet.hadoop.ParquetFileReader r =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new io.microstructure.io.BeamInputFile(
                file.toString(),
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)))) {
      return r.getRowGroups().stream()
          .mapToLong(org.apache.parquet.hadoop.metadata.BlockMetaData::getRowCount)
          .toArray();
    }
  }

  @Test
  void generatesWithAllOptions() throws Exception {
    Object[] r =
        run(
            "--out",
            dir.toString(),
            "--duration",
            "PT3M",
            "--seed",
            "7",
            "--start",
            "2026-02-01T12:00:00Z",
            "--exchanges",
            "binance,bybit",
            "--symbols",
            "BTC/USDT,XRP/USDT",
            "--snapshot-hz",
            "2",
            "--levels",
            "10",
            "--book-layout",
            "pairs",
            "--legacy-lists",
            "--no-seq",
            "--no-ndjson",
            "--clean",
            "--source",
            "cli");
    assertThat(r[0]).as("%s", r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("orderbook:", "trades:", "ticker:", "capture gaps");
    GenerationManifest m = GenerationManifest.read(dir.toString());
    assertThat(m.config().seed()).isEqualTo(7);
    assertThat(m.config().bookLayout()).isEqualTo("PAIRS");
    assertThat(m.config().legacyLists()).isTrue();
    assertThat(m.config().withSeq()).isFalse();
    assertThat(m.config().cleanOnly()).isTrue();
    assertThat(m.files()).hasSize(3).allMatch(f -> f.path().startsWith("ready/cli/"));
    assertThat(m.orderbook().invalidRows() + m.trades().duplicateTradeIds()).isZero();
    try (Duck duck = new Duck()) {
      duck.views(dir, "cli", BookLayout.PAIRS);
      assertThat(duck.scalar("SELECT count(*) FROM ob WHERE seq IS NOT NULL")).isZero();
      assertThat(duck.scalar("SELECT count(*) FROM tr WHERE seq IS NOT NULL")).isZero();
      assertThat(duck.scalar("SELECT max(len(bids)) FROM ob")).isEqualTo(10);
      assertThat(
              duck.scalar(
                  "SELECT count(DISTINCT symbol) FROM ob WHERE symbol = 'XRP/USDT'"
                      + " AND exchange = 'bybit' AND bids[1][1] > 0"))
          .isEqualTo(1);
      assertThat(duck.scalarString("SELECT min(capture_ts)::VARCHAR FROM tk"))
          .startsWith("2026-02-01 12:00:0");
    }
  }

  @Test
  void defaultsToOneHourWhenNoLengthIsGiven() {
    GenerateCommand c = new GenerateCommand();
    new CommandLine(c).parseArgs("--out", "x");
    GeneratorConfig cfg = c.toConfig();
    assertThat(cfg.duration()).hasHours(1);
    assertThat(cfg).hasToString(GeneratorConfig.defaults().toString());
  }

  @Test
  void rejectsBadUsage() {
    assertThat(run("--duration", "PT1M")[0]).isEqualTo(2); // --out missing
    assertThat(run("--out", dir.toString(), "--hours", "1", "--duration", "PT1M")[0]).isEqualTo(2);
    Object[] bad = run("--out", dir.toString(), "--book-layout", "columns");
    assertThat(bad[0]).isEqualTo(2);
    assertThat((String) bad[2]).contains("struct or pairs");
    assertThat(run("--out", dir.toString(), "--snapshot-hz", "0")[0]).isEqualTo(2);
  }

  @Test
  void helpListsTheOptions() {
    Object[] r = run("--help");
    assertThat(r[0]).isEqualTo(0);
    assertThat((String) r[1])
        .contains(
            "generate",
            "--out",
            "--hours",
            "--seed",
            "--start",
            "--exchanges",
            "--symbols",
            "--snapshot-hz",
            "--book-layout",
            "--legacy-lists",
            "--no-seq",
            "--no-ndjson",
            "--clean",
            "--source");
  }
}
