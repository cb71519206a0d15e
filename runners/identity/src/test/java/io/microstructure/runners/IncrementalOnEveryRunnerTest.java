package io.microstructure.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.parity.TableReport;
import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs on Flink and Spark: six generated hours across a UTC midnight fed one at a time
 * and in batches of 1, 3 and 2 hours, each time with a segment arriving late and one rewritten,
 * write the tables of one full run on the DirectRunner. Their carries cross the runners' shuffles and the state file between runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalOnEveryRunnerTest {
  private static final String[] CHANNELS = {"orderbook", "trades", "ticker"};
  @TempDir static Path dir;
  private Path generated;
  private Path alternate;
  private Path full;

  @BeforeAll
  void generateAndRunWholeOnTheDirectRunner() throws IOException {
    generated = dir.resolve("generated");
    alternate = dir.resolve("alternate");
    SampleMarketGenerator.generate(config(51), generated.toString());
    SampleMarketGenerator.generate(config(52), alternate.toString());
    full = dir.resolve("full");
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.as(DirectOptions.class).setEnforceEncodability(false);
    run(o, generated, full, false);
  }

  private static GeneratorConfig config(long seed) {
    return GeneratorConfig.builder()
        .start(Instant.parse("2026-01-05T22:00:00Z"))
        .hours(6)
        .seed(seed)
        .exchanges("binance")
        .symbols("BTC/USDT", "ETH/USDT")
        .snapshotHz(1)
        .tradeRateScale(0.2)
        .writeNdjson(false)
        .build();
  }

  private static void run(MicrostructureOptions o, Path raw, Path out, boolean incremental) {
    o.setRawRoot(raw.toString());
    o.setOutputRoot(out.toString());
    o.setChunk(ChunkSize.parse("1h"));
    o.setIncremental(incremental);
    o.setVpinBucketVolume(Map.of("BTC/USDT", 0.5, "ETH/USDT", 4.0));
    o.setVolumeBarSize(Map.of("BTC/USDT", 2.0, "ETH/USDT", 30.0));
    o.setRunId(null);
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);
    p.run().waitUntilFinish();
  }

  private void feedHour(Path feed, int hour) throws IOException {
    for (String c : CHANNELS) {
      feed(generated, feed, c, hour);
    }
  }

  private static void feed(Path from, Path feed, String channel, int hour) throws IOException {
    Path source;
    try (Stream<Path> files = Files.list(from.resolve("ready/ccxt/" + channel))) {
      source = files.sorted().toList().get(hour);
    }
    Path target = feed.resolve("ready/ccxt/" + channel).resolve(source.getFileName());
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * One run per hour: hour 1's trades arrive late, with hour 3; hour 2's order book lands first
   * from another capture and is rewritten with hour 5.
   */
  private void hourByHour(String name, Supplier<MicrostructureOptions> options)
      throws IOException {
    Path feed = dir.resolve("feed-hourly-" + name);
    Path out = dir.resolve("hourly-" + name);
    for (int h = 0; h < 6; h++) {
      for (String c : CHANNELS) {
        if (h == 1 && c.equals("trades")) {
          continue;
        }
        feed(h == 2 && c.equals("orderbook") ? alternate : generated, feed, c, h);
      }
      if (h == 3) {
        feed(generated, feed, "trades", 1);
      }
      if (h == 5) {
        feed(generated, feed, "orderbook", 2);
      }
      run(options.get(), feed, out, true);
    }
    List<RunRecord> runs =
        new RunLog(out.toString())
            .all().stream().filter(r -> r.status == RunRecord.Status.COMPLETE).toList();
    assertThat(runs).hasSize(6);
    // Only the first run starts from the beginning.
    assertThat(runs.subList(1, 6))
        .extracting(r -> r.incremental.resumedFrom)
        .doesNotContain("00000000T000000Z");
    assertEqualsFullRun("hourly " + name, out);
  }

  private void assertEqualsFullRun(String name, Path out) throws IOException {
    ParityReport report = ParityCheck.compare(full.toString(), out.toString());
    assertThat(report.tables()).extracting(TableReport::table).hasSize(RunnerIdentityTest.TABLES.size());
    assertThat(report.identical()).as("%s:%n%s", name, report.toJson()).isTrue();
  }

  /**
   * Hour 0; hours 1 to 3 with hour 2's order book from another capture and hour 3's ticker
   * missing; hours 4 and 5 with that ticker, late, and hour 2's order book rewritten.
   */
  private void inBatches(String name, Supplier<MicrostructureOptions> options)
      throws IOException {
    Path feed = dir.resolve("feed-" + name);
    Path out = dir.resolve(name);
    feedHour(feed, 0);
    run(options.get(), feed, out, true);
    feedHour(feed, 1);
    feed(alternate, feed, "orderbook", 2);
    feed(generated, feed, "trades", 2);
    feed(generated, feed, "ticker", 2);
    feed(generated, feed, "orderbook", 3);
    feed(generated, feed, "trades", 3);
    run(options.get(), feed, out, true);
    feedHour(feed, 4);
    feedHour(feed, 5);
    feed(generated, feed, "ticker", 3);
    feed(generated, feed, "orderbook", 2);
    run(options.get(), feed, out, true);

    List<RunRecord> runs =
        new RunLog(out.toString())
            .all().stream().filter(r -> r.status == RunRecord.Status.COMPLETE).toList();
    assertThat(runs).extracting(r -> r.incremental.resumedFrom)
        // the last run goes back to before the rewritten hour 2 (00:00 less the 15-min horizon)
        .containsExactly("00000000T000000Z", "20260105T220000Z", "20260105T230000Z");
    assertThat(runs.get(2).incremental.changedSegments).hasSize(1);
    assertThat(runs.get(2).incremental.newSegments).hasSize(7);
    assertEqualsFullRun("batches " + name, out);
  }

  @Test
  void flinkIncrementalRunsWriteTheFullRunsTables() throws IOException {
    Supplier<MicrostructureOptions> flink =
        () -> {
          FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
          o.setRunner(FlinkRunner.class);
          o.setFlinkMaster("[local]");
          o.setParallelism(2);
          o.setObjectReuse(true);
          o.setFasterCopy(true);
          return o.as(MicrostructureOptions.class);
        };
    inBatches("flink", flink);
    hourByHour("flink", flink);
  }

  @Test
  void sparkIncrementalRunsWriteTheFullRunsTables() throws IOException {
    Supplier<MicrostructureOptions> spark =
        () -> {
          SparkPipelineOptions o = PipelineOptionsFactory.create().as(SparkPipelineOptions.class);
          o.setRunner(SparkRunner.class);
          o.setSparkMaster("local[2]");
          return o.as(MicrostructureOptions.class);
        };
    inBatches("spark", spark);
    hourByHour("spark", spark);
  }
}
