package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.BookLayout;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.transforms.ReadChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated hour (SampleMarketGenerator: 2 exchanges x 4 symbols at 10 Hz, 20 levels, edge cases
 * and invalid rows injected) decoded by both readers: identical snapshots and rejections for the
 * whole order-book file. Shorter runs cover the pair layout and legacy 2-level lists.
 */
class ColumnarGeneratedHourTest {
  @TempDir Path dir;

  private static List<Path> orderBookFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("ready/ccxt/orderbook"))) {
      return files
          .filter(f -> f.toString().endsWith(".parquet"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void generatedHourDecodesIdentically() throws Exception {
    GeneratorConfig cfg = GeneratorConfig.builder().hours(1).writeNdjson(false).build();
    SampleMarketGenerator.generate(cfg, dir.toString());
    List<Path> files = orderBookFiles(dir);
    assertThat(files).hasSize(1);
    ColumnarParity.Outcome out = ColumnarParity.assertParity(files.get(0), CaptureTsUnit.MICROS);
    assertThat(out.rows).isGreaterThan(250_000);
    assertThat(out.rejections).hasSizeGreaterThan(100);
    assertThat(out.rejections)
        .anySatisfy(r -> assertThat(r).contains("|exchange|required column is null"))
        .anySatisfy(r -> assertThat(r).contains("price is null or NaN"))
        .anySatisfy(r -> assertThat(r).contains("is not finite and >= 0"));
  }

  @Test
  void generatedPairsAndLegacyListsDecodeIdentically() throws Exception {
    for (BookLayout layout : BookLayout.values()) {
      for (boolean legacy : new boolean[] {false, true}) {
        Path root = dir.resolve(layout + "-" + legacy);
        GeneratorConfig cfg =
            GeneratorConfig.builder()
                .duration(Duration.ofMinutes(10))
                .bookLayout(layout)
                .legacyLists(legacy)
                .withSeq(!legacy)
                .edgeCaseRate(0.01)
                .writeNdjson(false)
                .build();
        SampleMarketGenerator.generate(cfg, root.toString());
        for (Path f : orderBookFiles(root)) {
          ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MICROS);
          assertThat(out.rejections).as("%s", f).isNotEmpty();
        }
      }
    }
  }

  @Test
  void orderbookReaderOptionDefaultsToColumnar() {
    MicrostructureOptions defaults = PipelineOptionsFactory.as(MicrostructureOptions.class);
    assertThat(defaults.getOrderbookReader()).isEqualTo(ReadChannel.Reader.COLUMNAR);
    MicrostructureOptions avro =
        PipelineOptionsFactory.fromArgs("--orderbookReader=avro").as(MicrostructureOptions.class);
    assertThat(avro.getOrderbookReader()).isEqualTo(ReadChannel.Reader.AVRO);
  }
}
