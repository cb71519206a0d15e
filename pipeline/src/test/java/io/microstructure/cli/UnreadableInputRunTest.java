package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.ParquetDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl run --skipUnreadableFiles} over a zero-byte order-book file and one whose row group 1
 * of 3 is broken: the run completes, the dead letters name both files and the summary accounts for
 * every row of the footers. (Without skipping, the zero-byte file fails the run naming it:
 * UserMistakesTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableInputRunTest {
  @TempDir static Path dir;
  private Path raw;
  private Path empty;
  private Path broken;

  @BeforeAll
  void writeInput() throws Exception {
    raw = dir.resolve("raw");
    Path books = raw.resolve("ready/ccxt/orderbook");
    Files.createDirectories(books);
    empty = books.resolve("segment_20260105T020000_20260105T030000.parquet");
    Files.createFile(empty);
    broken = books.resolve("segment_20260105T030000_20260105T040000.parquet");
    try (DuckDb duck = new DuckDb()) {
      duck.execute(
          "COPY (SELECT 'kraken' AS exchange, 'XBT/EUR' AS symbol,"
              + " 1767582000000000 + i * 1000 AS capture_ts, [{'price': 90000.0, 'amount': 1.0}]"
              + " AS bids, [{'price': 90001.0, 'amount': 1.0}] AS asks FROM range(12288) t(i)"
              + " ORDER BY i) TO '"
              + broken
              + "' (FORMAT PARQUET, ROW_GROUP_SIZE 4096)");
      ParquetDamage.breakDataPage(duck, broken, 1, "capture_ts");
    }
  }

  @Test
  void skippingAccountsForEveryRowOfTheFootersAndNamesTheFiles() throws Exception {
    Path out = dir.resolve("o2");
    Path json = dir.resolve("report.json");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            out.toString(),
            "--report-json",
            json.toString(),
            "--skipUnreadableFiles=true");
    assertThat(r.code()).as(r.err()).isZero();
    // The JSON report carries the same accounting: 8,192 + 4,096 = 12,288 (the empty file's
    // footer holds no rows).
    JsonObject counters =
        JsonParser.parseString(Files.readString(json))
            .getAsJsonObject()
            .getAsJsonObject("counters");
    assertThat(counters.get("orderbook/rows_in_footers").getAsLong()).isEqualTo(12_288);
    assertThat(counters.get("orderbook/rows_read").getAsLong()).isEqualTo(8_192);
    assertThat(counters.get("orderbook/rows_unreadable").getAsLong()).isEqualTo(4_096);
    assertThat(counters.get("orderbook/row_groups_skipped").getAsLong()).isEqualTo(1);
    assertThat(counters.get("orderbook/files_skipped").getAsLong()).isEqualTo(1);
    // Row groups 0 and 2 of the broken file are read, row group 1 is not.
    assertThat(r.out())
        .contains(
            "  orderbook         8,192 read + 4,096 unreadable = 12,288 rows in the footers"
                + " (row groups skipped: 1, files skipped: 1; see _rejected/orderbook/)");
    try (DuckDb duck = new DuckDb()) {
      assertThat(
              duck.query(
                  "SELECT source_file, row, reason FROM read_parquet('"
                      + out
                      + "/_rejected/orderbook/*.parquet') ORDER BY row"))
          .extracting(m -> m.get("source_file") + "|" + m.get("row") + "|" + m.get("reason"))
          .containsExactly(
              empty
                  + "|-1|file skipped (footer unreadable): not readable Parquet: "
                  + empty
                  + " is not a Parquet file (length is too low: 0)",
              broken
                  + "|4096|row group 1 of 3 unreadable (rows 4096..8191): can not read class"
                  + " org.apache.parquet.format.PageHeader: Required field"
                  + " 'uncompressed_page_size' was not found in serialized data! Struct:"
                  + " org.apache.parquet.format.PageHeader$PageHeaderStandardScheme");
    }
  }
}
