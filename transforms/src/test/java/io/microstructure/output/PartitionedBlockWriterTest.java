package io.microstructure.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.TickerFeatures;
import io.microstructure.model.FeatureBlock;
import io.microstructure.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One market's rows go to one staged file per UTC date, split inside a block where needed. */
class PartitionedBlockWriterTest {
  private static final long DAY = 86_400_000_000L;
  private static final long JAN5 = 1_767_571_200_000_000L; // 2026-01-05T00:00:00Z

  @TempDir Path dir;

  private static FeatureBlock block(long... times) {
    FeatureBlock b =
        new FeatureBlock(TickerFeatures.COLUMNS.size(), 0, 16).clear("okx", "BTC/USDT");
    for (long t : times) {
      int r = b.addRow(t);
      for (int c = 0; c < b.valueColumns(); c++) {
        b.values(c)[r] = (t - JAN5) / 1e6 + c;
      }
    }
    return b;
  }

  @Test
  void rowsAcrossMidnightSplitIntoOneFilePerDateInTheirOrder() throws Exception {
    Schema schema = OutputSchemas.tickerHf();
    String table = dir.resolve("ccxt/ticker/hf").toString();
    PartitionedBlockWriter w =
        new PartitionedBlockWriter(table, dir.resolve("staging").toString(), schema);
    // Two rows on Jan 5, then a block that crosses midnight, then one more row on Jan 6.
    w.write(block(JAN5 + 1, JAN5 + 2));
    w.write(block(JAN5 + DAY - 1, JAN5 + DAY, JAN5 + DAY + 5));
    w.write(block(JAN5 + DAY + 6));
    List<WrittenFile> files = w.finish();
    files.sort(Comparator.comparingLong(WrittenFile::firstTime));

    assertThat(files)
        .extracting(WrittenFile::partition)
        .containsExactly(
            "exchange=okx/symbol=BTC%2FUSDT/date=2026-01-05",
            "exchange=okx/symbol=BTC%2FUSDT/date=2026-01-06");
    assertThat(files).extracting(WrittenFile::rows).containsExactly(3L, 3L);
    assertThat(files).extracting(WrittenFile::firstTime).containsExactly(JAN5 + 1, JAN5 + DAY);
    assertThat(files).allSatisfy(f -> assertThat(f.tableRoot()).isEqualTo(table));
    assertThat(w.rows()).isEqualTo(6);

    // Each staged file holds exactly its date's rows, values intact, in the order given.
    try (DuckDb duck = new DuckDb()) {
      List<Object> day1 =
          duck
              .query("SELECT ticker_mid FROM read_parquet('" + files.get(0).tempFile() + "')")
              .stream()
              .map(r -> r.get("ticker_mid"))
              .collect(Collectors.toList());
      assertThat(day1).containsExactly(0.000001, 0.000002, 86_399.999999);
      assertThat(
              duck.count(
                  "SELECT count(*) FROM read_parquet('"
                      + files.get(1).tempFile()
                      + "') WHERE capture_ts >= TIMESTAMPTZ '2026-01-06 00:00:00+00'"))
          .isEqualTo(3);
    }
    assertThat(Files.exists(Path.of(table))).as("nothing in the table before the commit").isFalse();
  }
}
