package io.microstructure.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.model.MarketKey;
import io.microstructure.output.PartitionCollisionException;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.output.WrittenFile;
import io.microstructure.testing.Pipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit of a run's staged files: names, order, stale files, untouched partitions, emptied
 * folders, the run record it leaves, retries, and markets whose partition folders collide.
 */
class CommitRunTest {
  private static final String RUN = "20260105T000000Z-0000abcd";
  private static final MarketKey BTC = MarketKey.of("binance", "BTC/USDT");

  @TempDir Path dir;

  private Path staged(String name, String content) throws IOException {
    Path f = dir.resolve("_temporary/" + RUN + "/orderbook_hf/" + name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private Path table() {
    return dir.resolve("ccxt/orderbook/hf");
  }

  private WrittenFile file(String partition, String name, long firstTime, long rows, MarketKey m)
      throws IOException {
    return new WrittenFile(
        table().toString(),
        partition,
        staged(name, name).toString(),
        firstTime,
        rows,
        m == null ? List.of() : List.of(m));
  }

  private void commit(WrittenFile... files) {
    commit(List.of(), files);
  }

  private void commit(List<String> alsoReplaced, WrittenFile... files) {
    TestPipeline p = Pipelines.create();
    p.apply(Create.of(List.of(files)).withCoder(WrittenFileCoder.of()))
        .apply(CommitRun.into(dir.toString(), RUN).replacingAlso(alsoReplaced));
    p.run().waitUntilFinish();
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void stagedFilesMoveIntoTheirPartitionsAndReplaceWhatAnEarlierRunLeftThere() throws IOException {
    String a = "exchange=binance/symbol=BTC-USDT/date=2026-01-05";
    String b = "exchange=binance/symbol=BTC-USDT/date=2026-01-06";
    String untouched = "exchange=okx/symbol=BTC-USDT/date=2026-01-05";
    // An earlier run left two files in partition a (one of them under a name this run reuses)
    // and one in a partition this run does not write.
    Files.createDirectories(table().resolve(a));
    Files.writeString(table().resolve(a + "/part-00000-of-00001.parquet"), "old");
    Files.writeString(table().resolve(a + "/part-00003-of-00004.parquet"), "old");
    Files.createDirectories(table().resolve(untouched));
    Files.writeString(table().resolve(untouched + "/part-00000-of-00001.parquet"), "keep");
    // Partition a got two files: the later first row is numbered second whatever the order here.
    WrittenFile late = file(a, "late", 200, 3, BTC);
    WrittenFile early = file(a, "early", 100, 5, BTC);
    WrittenFile only = file(b, "b", 300, 1, BTC);
    staged("left-by-a-failed-attempt.parquet", "junk");

    commit(late, only, early);

    assertThat(names(table().resolve(a)))
        .containsExactly("part-00000-of-00002.parquet", "part-00001-of-00002.parquet");
    assertThat(read(table().resolve(a + "/part-00000-of-00002.parquet"))).isEqualTo("early");
    assertThat(read(table().resolve(a + "/part-00001-of-00002.parquet"))).isEqualTo("late");
    assertThat(names(table().resolve(b))).containsExactly("part-00000-of-00001.parquet");
    assertThat(read(table().resolve(b + "/part-00000-of-00001.parquet"))).isEqualTo("b");
    assertThat(read(table().resolve(untouched + "/part-00000-of-00001.parquet"))).isEqualTo("keep");
    // The run's staging folder is gone, files of failed attempts with it.
    assertThat(dir.resolve("_temporary/" + RUN)).doesNotExist();
  }

  @Test
  void theRunRecordListsEveryFileAndEndsComplete() throws IOException {
    String a = "exchange=binance/symbol=BTC-USDT/date=2026-01-05";
    commit(file(a, "early", 100, 5, BTC), file(a, "late", 200, 3, BTC));

    RunRecord r = new RunLog(dir.toString()).read(RUN).orElseThrow();
    assertThat(r.status).isEqualTo(RunRecord.Status.COMPLETE);
    assertThat(r.ended).isNotNull();
    assertThat(r.partitions)
        .containsExactly(
            new RunRecord.Partition(
                "ccxt/orderbook/hf/" + a,
                List.of(
                    new RunRecord.File(
                        "_temporary/" + RUN + "/orderbook_hf/early",
                        "part-00000-of-00002.parquet",
                        5),
                    new RunRecord.File(
                        "_temporary/" + RUN + "/orderbook_hf/late",
                        "part-00001-of-00002.parquet",
                        3))));
    assertThat(r.tables)
        .containsExactly(
            Map.entry(
                "ccxt/orderbook/hf",
                new RunRecord.TableRows(2, 8, Map.of("binance/BTC-USDT", 8L))));
    assertThat(r.deadLetters).isEmpty();
  }

  @Test
  void foldersTheRunReplacesAreEmptiedEvenWhenItWritesNothingThere() throws IOException {
    Path rejected = dir.resolve("_rejected");
    Files.createDirectories(rejected.resolve("ticker"));
    Files.writeString(rejected.resolve("ticker/part-00000-of-00001.parquet"), "old dead letters");
    Files.createDirectories(rejected.resolve("trades"));
    Files.writeString(rejected.resolve("trades/part-00000-of-00001.parquet"), "not read: kept");
    String a = "exchange=binance/symbol=BTC-USDT/date=2026-01-05";

    commit(List.of("_rejected/ticker", "_rejected/orderbook"), file(a, "x", 1, 1, BTC));

    assertThat(names(rejected.resolve("ticker"))).isEmpty();
    assertThat(names(rejected.resolve("trades"))).containsExactly("part-00000-of-00001.parquet");
    RunRecord r = new RunLog(dir.toString()).read(RUN).orElseThrow();
    assertThat(r.partitions).contains(new RunRecord.Partition("_rejected/ticker", List.of()));
  }

  @Test
  void aRetriedCommitFindsItsFilesAlreadyInPlace() throws IOException {
    String a = "exchange=binance/symbol=ETH-USDT/date=2026-01-05";
    WrittenFile f = file(a, "rows", 1, 1, MarketKey.of("binance", "ETH/USDT"));
    commit(f);
    commit(f); // the staged file is gone now: the rename finds it in place

    assertThat(names(table().resolve(a))).containsExactly("part-00000-of-00001.parquet");
    assertThat(read(table().resolve(a + "/part-00000-of-00001.parquet"))).isEqualTo("rows");
  }

  @Test
  void twoMarketsInOnePartitionFolderAreRefusedBeforeAnythingMoves() throws IOException {
    String a = "exchange=binance/symbol=BTC-USDT/date=2026-01-05";
    Files.createDirectories(table().resolve(a));
    Files.writeString(table().resolve(a + "/part-00000-of-00001.parquet"), "earlier run");
    WrittenFile slash = file(a, "slash", 1, 1, BTC);
    WrittenFile dash = file(a, "dash", 2, 1, MarketKey.of("binance", "BTC-USDT"));

    assertThatThrownBy(() -> commit(slash, dash))
        .rootCause()
        .isInstanceOf(PartitionCollisionException.class)
        .hasMessageContaining("'BTC-USDT' on 'binance' and 'BTC/USDT' on 'binance'")
        .hasMessageContaining("ccxt/orderbook/hf/" + a)
        .hasMessageContaining("nothing was written to the output root");
    assertThat(names(table().resolve(a))).containsExactly("part-00000-of-00001.parquet");
    assertThat(read(table().resolve(a + "/part-00000-of-00001.parquet"))).isEqualTo("earlier run");
    assertThat(new RunLog(dir.toString()).read(RUN)).isEmpty();
  }
}
