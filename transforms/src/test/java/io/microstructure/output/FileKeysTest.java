package io.microstructure.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File keys name an incremental run's files so that a later run replaces exactly those from its
 * resume point on; a commit with {@code replacesFrom} keeps the earlier ones.
 */
class FileKeysTest {
  @TempDir Path root;

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli() * 1000;
  }

  @Test
  void namesSortAsTheirKeysAndReadBack() {
    long k = at("2026-01-05T22:00:00Z");
    assertThat(FileKeys.name(k, 3, "parquet")).isEqualTo("part-20260105T220000Z-00003.parquet");
    assertThat(FileKeys.parse(FileKeys.stamp(k))).isEqualTo(k);
    assertThat(FileKeys.stamp(WrittenFile.NO_KEY)).isEqualTo("00000000T000000Z");
    assertThat(FileKeys.parse("00000000T000000Z")).isEqualTo(WrittenFile.NO_KEY);
    String from = FileKeys.stamp(k);
    assertThat(FileKeys.keyedFrom("part-20260105T220000Z-00000.parquet", from)).isTrue();
    assertThat(FileKeys.keyedFrom("part-20260106T000000Z-00012.parquet", from)).isTrue();
    assertThat(FileKeys.keyedFrom("part-20260105T210000Z-00000.parquet", from)).isFalse();
    assertThat(FileKeys.keyedFrom("part-00000000T000000Z-00000.parquet", from)).isFalse();
    // Names of plain runs and anything else are no keyed files.
    assertThat(FileKeys.keyedFrom("part-00001-of-00002.parquet", from)).isFalse();
    assertThat(FileKeys.stampOf("notes.parquet")).isEmpty();
    assertThatThrownBy(() -> FileKeys.parse("2026-01-05")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aResumedCommitReplacesTheFilesKeyedFromItsPointAndKeepsTheEarlierOnes() throws IOException {
    Path folder = root.resolve("ccxt/orderbook/hf/exchange=binance/symbol=BTC-USDT/date=2026-01-05");
    Files.createDirectories(folder);
    for (String name :
        List.of(
            "part-20260105T210000Z-00000.parquet", // before the point: kept
            "part-20260105T220000Z-00000.parquet", // recomputed: replaced
            "part-20260105T230000Z-00000.parquet", // recomputed, none now: deleted
            "part-00000-of-00001.parquet")) { // not keyed: kept
      Files.writeString(folder.resolve(name), name);
    }
    Path staged = root.resolve("_temporary/run/x.parquet");
    Files.createDirectories(staged.getParent());
    Files.writeString(staged, "new");
    RunLog log = new RunLog(root.toString());
    RunRecord.Partition p =
        new RunRecord.Partition(
            log.relative(folder.toString()),
            List.of(
                new RunRecord.File(
                    log.relative(staged.toString()), "part-20260105T220000Z-00000.parquet", 1)),
            "20260105T220000Z");
    PartitionCommit.apply(log, p);
    PartitionCommit.apply(log, p); // a retried commit changes nothing more
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly(
              "part-00000-of-00001.parquet",
              "part-20260105T210000Z-00000.parquet",
              "part-20260105T220000Z-00000.parquet");
    }
    assertThat(folder.resolve("part-20260105T220000Z-00000.parquet")).hasContent("new");
  }
}
