package io.microstructure.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.io.WrittenFile;
import io.microstructure.testing.Pipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit of a run's staged files: names, order, stale files, other partitions, staging. */
class FinalizeTablesTest {
  @TempDir Path dir;

  private Path staged(String name, String content) throws IOException {
    Path f = dir.resolve("_temporary/run/orderbook_hf/" + name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private Path table() {
    return dir.resolve("ccxt/orderbook/hf");
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

    String root = table().toString();
    // Partition a got two files: the later first row is numbered second whatever the order here.
    WrittenFile late = new WrittenFile(root, a, staged("x.parquet", "late").toString(), 200, 3);
    WrittenFile early = new WrittenFile(root, a, staged("y.parquet", "early").toString(), 100, 5);
    WrittenFile only = new WrittenFile(root, b, staged("z.parquet", "b").toString(), 300, 1);
    staged("left-by-a-failed-attempt.parquet", "junk");

    TestPipeline p = Pipelines.create();
    p.apply(Create.of(late, only, early).withCoder(WrittenFileCoder.of()))
        .apply(new FinalizeTables(dir.resolve("_temporary/run").toString()));
    p.run().waitUntilFinish();

    assertThat(names(table().resolve(a)))
        .containsExactly("part-00000-of-00002.parquet", "part-00001-of-00002.parquet");
    assertThat(read(table().resolve(a + "/part-00000-of-00002.parquet"))).isEqualTo("early");
    assertThat(read(table().resolve(a + "/part-00001-of-00002.parquet"))).isEqualTo("late");
    assertThat(names(table().resolve(b))).containsExactly("part-00000-of-00001.parquet");
    assertThat(read(table().resolve(b + "/part-00000-of-00001.parquet"))).isEqualTo("b");
    assertThat(read(table().resolve(untouched + "/part-00000-of-00001.parquet"))).isEqualTo("keep");
    // Nothing of the run's staging is left but (empty) folders.
    try (Stream<Path> s = Files.walk(dir.resolve("_temporary"))) {
      assertThat(s.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aRetriedCommitFindsItsFilesAlreadyInPlace() throws IOException {
    String a = "exchange=binance/symbol=ETH-USDT/date=2026-01-05";
    String root = table().toString();
    WrittenFile f = new WrittenFile(root, a, staged("w.parquet", "rows").toString(), 1, 1);
    for (int attempt = 0; attempt < 2; attempt++) {
      TestPipeline p = Pipelines.create();
      p.apply(Create.of(f).withCoder(WrittenFileCoder.of()))
          .apply(new FinalizeTables(dir.resolve("_temporary/run").toString()));
      p.run().waitUntilFinish();
    }
    assertThat(names(table().resolve(a))).containsExactly("part-00000-of-00001.parquet");
    assertThat(read(table().resolve(a + "/part-00000-of-00001.parquet"))).isEqualTo("rows");
  }
}
