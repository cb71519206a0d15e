package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.parity.TableReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six generated hours across a UTC midnight, fed to incremental runs one hour at a time and in
 * uneven batches (1, 3, 2 hours), with a segment arriving late and one rewritten: every table
 * equals one full run over the final input.
 */
class IncrementalRunTest {
  private static final Instant START = Instant.parse("2026-01-05T21:00:00Z");

  @TempDir static Path dir;
  static Path generated;
  static Path alternate;
  static Path full;

  @BeforeAll
  static void generateAndRunWhole() throws IOException {
    generated = dir.resolve("generated");
    alternate = dir.resolve("alternate");
    SampleMarketGenerator.generate(config(11), generated.toString());
    // Another capture of the same hours: the first version of the segment rewritten later.
    SampleMarketGenerator.generate(config(12), alternate.toString());
    full = dir.resolve("full");
    run(generated, full, false);
  }

  private static GeneratorConfig config(long seed) {
    return GeneratorConfig.builder()
        .start(START)
        .hours(6)
        .seed(seed)
        .exchanges("binance")
        .symbols("BTC/USDT", "ETH/USDT")
        .snapshotHz(1)
        .tradeRateScale(0.3)
        .gapsPerHour(1)
        .duplicateTradeRate(0.02)
        .sameTsTradeRate(0.02)
        .writeNdjson(false)
        .build();
  }

  private static void run(Path raw, Path out, boolean incremental) {
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.as(DirectOptions.class).setEnforceImmutability(false);
    o.as(DirectOptions.class).setEnforceEncodability(false);
    o.setRawRoot(raw.toString());
    o.setOutputRoot(out.toString());
    o.setChunk(ChunkSize.parse("1h"));
    o.setIncremental(incremental);
    // Sizes given, so that a full run over six hours and the first hour's pinned ones agree.
    o.setVpinBucketVolume(Map.of("BTC/USDT", 0.5, "ETH/USDT", 4.0));
    o.setVolumeBarSize(Map.of("BTC/USDT", 2.0, "ETH/USDT", 30.0));
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);
    p.run().waitUntilFinish();
  }

  private static void assertEqualsFullRun(Path out) throws IOException {
    ParityReport report = ParityCheck.compare(full.toString(), out.toString());
    assertThat(report.tables())
        .extracting(TableReport::table)
        .contains(
            "ccxt/orderbook/hf",
            "ccxt/orderbook/bars/duration=60s",
            "ccxt/orderbook/bars/duration=3600s",
            "ccxt/trades/hf",
            "ccxt/trades/volume_bars",
            "ccxt/ticker/hf");
    assertThat(report.identical()).as(report.toJson()).isTrue();
  }

  @Test
  void hourByHourWithALateAndARewrittenSegmentEqualsOneFullRun() throws IOException {
    Path feed = dir.resolve("feed-hourly");
    Path out = dir.resolve("out-hourly");
    for (int h = 0; h < 6; h++) {
      for (String c : IncrementalFeeds.CHANNELS) {
        if (h == 1 && c.equals("trades")) {
          continue; // arrives late, with hour 3
        }
        // Hour 2's order book first lands as another capture, rewritten with hour 5.
        IncrementalFeeds.feed(h == 2 && c.equals("orderbook") ? alternate : generated, feed, c, h);
      }
      if (h == 3) {
        IncrementalFeeds.feed(generated, feed, "trades", 1);
      }
      if (h == 5) {
        IncrementalFeeds.feed(generated, feed, "orderbook", 2);
      }
      run(feed, out, true);
    }
    assertEqualsFullRun(out);
    List<RunRecord> runs = IncrementalFeeds.completeRuns(out);
    assertThat(runs).hasSize(6);
    // Each run resumes at the hour whose rows can change: the longest forward horizon (15 min)
    // before the last snapshot, or before the earliest new or changed segment, aligned down to
    // the hour (the chunks and the longest bar).
    assertThat(runs)
        .extracting(r -> r.incremental.resumedFrom)
        .containsExactly(
            "00000000T000000Z", // the first run computes everything
            "20260105T210000Z", // last snapshot 21:59:59 less 15 min
            "20260105T220000Z",
            "20260105T210000Z", // hour 1's trades, late: back to before 22:00
            "20260106T000000Z",
            "20260105T220000Z"); // hour 2's order book rewritten: back to before 23:00
    assertThat(runs.get(0).incremental.basedOn).isNull();
    assertThat(runs.get(3).incremental.newSegments).hasSize(4);
    RunRecord rewriteRun = runs.get(5);
    assertThat(rewriteRun.incremental.basedOn).isEqualTo(runs.get(4).runId);
    assertThat(rewriteRun.incremental.changedSegments).hasSize(1);
    assertThat(rewriteRun.incremental.skippedSegments).isEqualTo(18 - 3 - 1);
    // Resumed at 22:00, it reads again from 21:00 (the trade ids of the hour before): all.
    assertThat(rewriteRun.incremental.warmUpSegments).isEqualTo(14);
    // The state lists every segment fed, as it is now, in a file per day of the segments.
    var recorded = SegmentState.read(new io.microstructure.output.RunLog(out.toString()));
    try (var files = java.nio.file.Files.walk(feed)) {
      Map<String, Long> fed = new java.util.TreeMap<>();
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        fed.put(f.toString(), java.nio.file.Files.size(f));
      }
      Map<String, Long> listed = new java.util.TreeMap<>();
      recorded.forEach((path, in) -> listed.put(path, in.bytes()));
      assertThat(listed).isEqualTo(fed).hasSize(18);
    }
    try (var days = java.nio.file.Files.list(out.resolve("_state/segments"))) {
      assertThat(days.map(d -> d.getFileName().toString()).sorted())
          .containsExactly("2026-01-05.json", "2026-01-06.json");
    }
    // Each record lists the segments its run read: the last one 18 (resumed at 22:00).
    assertThat(rewriteRun.inputs).hasSize(18);
    // Hour 4's run, resumed at 00:00, reads again hours 2 and 3 only, of the 12 processed.
    assertThat(runs.get(4).incremental.skippedSegments).isEqualTo(12);
    assertThat(runs.get(4).incremental.warmUpSegments).isEqualTo(6);
  }

  @Test
  void unevenBatchesEqualOneFullRun() throws IOException {
    Path feed = dir.resolve("feed-batches");
    Path out = dir.resolve("out-batches");
    int[][] batches = {{0}, {1, 2, 3}, {4, 5}};
    for (int[] batch : batches) {
      for (int h : batch) {
        IncrementalFeeds.feedHour(generated, feed, h);
      }
      run(feed, out, true);
    }
    assertEqualsFullRun(out);
    assertThat(IncrementalFeeds.completeRuns(out)).hasSize(3);
  }
}
