package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.io.ParquetFooters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery rule of the data contract through the command line (issue 9, item 8a): files are
 * found recursively under a channel folder, hidden files and folders and macOS' {@code ._*} files
 * are skipped, only {@code segment_*.parquet} is read, and what was skipped is listed in the dry
 * run and the run summary. Every skipped file here is not Parquet at all: had it been read, the run
 * would have failed naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputDiscoveryTest {
  private static final String FIRST = "segment_20260105T000000_20260105T000200.parquet";
  private static final String NESTED =
      "exchange=okx/symbol=BTC-USDT/segment_20260105T000200_20260105T000400.parquet";

  @TempDir static Path dir;
  private Path raw;
  private Path books;

  @BeforeAll
  void layOut() throws Exception {
    raw = dir.resolve("raw");
    generate(raw, Instant.parse("2026-01-05T00:00:00Z"));
    // A second segment, two minutes on, in a Hive-style subfolder of the order book's folder.
    Path later = dir.resolve("later");
    generate(later, Instant.parse("2026-01-05T00:02:00Z"));
    books = raw.resolve("ready/ccxt/orderbook");
    Path nested = books.resolve(NESTED);
    Files.createDirectories(nested.getParent());
    Files.move(
        later.resolve("ready/ccxt/orderbook/segment_20260105T000200_20260105T000400.parquet"),
        nested);
    Files.writeString(books.resolve(".segment_20260105T000000_20260105T000200.parquet"), "junk");
    Files.writeString(books.resolve("._" + FIRST), "AppleDouble");
    Files.writeString(books.resolve("notes.parquet"), "junk");
    Files.createDirectories(books.resolve(".staging"));
    Files.writeString(books.resolve(".staging/" + FIRST), "junk");
  }

  private static void generate(Path root, Instant start) throws Exception {
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .start(start)
            .duration(Duration.ofMinutes(2))
            .seed(21)
            .exchanges(List.of("okx"))
            .symbols(List.of("BTC/USDT"))
            .writeNdjson(false)
            .build(),
        root.toString());
  }

  private static final List<String> SKIPPED_LINES =
      List.of(
          "Skipped 4 files under %s (only segment_*.parquet is read; hidden files and folders"
              + " never): 1 hidden file, 1 in a hidden folder, 1 macOS metadata file (._*), 1 not"
              + " named segment_*.parquet",
          "  orderbook/.segment_20260105T000000_20260105T000200.parquet",
          "  orderbook/.staging/" + FIRST,
          "  orderbook/._" + FIRST,
          "  orderbook/notes.parquet");

  private void assertListsTheSkippedFiles(String out) {
    assertThat(out)
        .contains(String.format(SKIPPED_LINES.get(0), raw + "/ready/ccxt/"))
        .contains(SKIPPED_LINES.subList(1, SKIPPED_LINES.size()));
  }

  @Test
  void theDryRunListsWhatIsReadAndWhatIsSkipped() {
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("never").toString(),
            "--channel",
            "orderbook",
            "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("orderbook     2 files").contains(FIRST).contains(NESTED);
    assertListsTheSkippedFiles(r.out());
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void theRunReadsSegmentsAtAnyDepthSkipsTheRestAndSaysSo() throws Exception {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    long expected =
        ParquetFooters.rowCount(
                FileSystems.matchNewResource(books.resolve(FIRST).toString(), false))
            + ParquetFooters.rowCount(
                FileSystems.matchNewResource(books.resolve(NESTED).toString(), false));
    Path report = dir.resolve("report.json");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("out").toString(),
            "--channel",
            "orderbook",
            "--report-json",
            report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertListsTheSkippedFiles(r.out());
    JsonObject counters =
        JsonParser.parseString(Files.readString(report))
            .getAsJsonObject()
            .getAsJsonObject("counters");
    assertThat(counters.get("orderbook/rows_read").getAsLong()).isEqualTo(expected);
  }

  @Test
  void aFolderOfSkippedFilesOnlySaysHowManyWereSkipped() throws Exception {
    Path onlyJunk = dir.resolve("junk-only");
    Path folder = Files.createDirectories(onlyJunk.resolve("ready/ccxt/orderbook"));
    Files.writeString(folder.resolve("._" + FIRST), "AppleDouble");
    Files.writeString(folder.resolve("book.parquet"), "junk");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            onlyJunk.toString(),
            "--output-root",
            dir.resolve("out-junk").toString(),
            "--channel",
            "orderbook");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "etl: error: input "
                + onlyJunk
                + " does not exist or holds no Parquet files under ready/ccxt/; 2 other files were"
                + " skipped (hidden, or not named segment_*.parquet: see --dry-run)");
  }
}
