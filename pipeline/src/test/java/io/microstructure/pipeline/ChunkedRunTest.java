package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.parity.TableReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markets replayed in 2-minute chunks give every table of one replay per market: generated data
 * with capture gaps, duplicate snapshots and trades, equal timestamps, regime changes and VPIN
 * bucket edges, 15 minutes of it so that every chunk edge meets some of them.
 */
class ChunkedRunTest {
  @TempDir Path dir;

  private PipelineResult run(String raw, String out, ChunkSize chunk) {
    MicrostructureOptions o =
        org.apache.beam.sdk.options.PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.as(DirectOptions.class).setEnforceImmutability(false);
    o.as(DirectOptions.class).setEnforceEncodability(false);
    o.setRawRoot(raw);
    o.setOutputRoot(out);
    o.setChunk(chunk);
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  void twoMinuteChunksGiveEveryTableOfWholeMarkets() throws IOException {
    String raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(15))
            .seed(5)
            .gapsPerHour(6)
            .sameTsTradeRate(0.02)
            .duplicateTradeRate(0.02)
            .writeNdjson(false)
            .build(),
        raw);
    String whole = dir.resolve("whole").toString();
    String chunked = dir.resolve("chunked").toString();
    PipelineResult wholeRun = run(raw, whole, ChunkSize.WHOLE);
    PipelineResult chunkedRun = run(raw, chunked, ChunkSize.parse("2m"));

    ParityReport report = ParityCheck.compare(whole, chunked);
    assertThat(report.tables())
        .extracting(TableReport::table)
        .contains(
            "ccxt/orderbook/hf",
            "ccxt/orderbook/bars/duration=60s",
            "ccxt/trades/hf",
            "ccxt/trades/volume_bars",
            "ccxt/ticker/hf");
    assertThat(report.identical()).as(report.toJson()).isTrue();
    // 15 minutes in 2-minute chunks: 8 or 9 chunks per market (8 markets), less those that a
    // capture gap left without snapshots, were replayed; whole markets replay none.
    assertThat(counter(chunkedRun, "replay", "chunks")).isBetween(8L * 6, 8L * 9);
    assertThat(counter(wholeRun, "replay", "chunks")).isZero();
    // The counts the run summary shows are the same too.
    String[][] counts = {
      {"orderbook", "snapshots_replayed"}, {"orderbook", "duplicate_snapshots"},
      {"orderbook", "hf_rows"}, {"trades", "trades_replayed"}, {"trades", "duplicate_trades"},
      {"trades", "hf_rows"}, {"ticker", "hf_rows"}, {"replay", "keys"}
    };
    for (String[] c : counts) {
      assertThat(counter(chunkedRun, c[0], c[1]))
          .as(c[0] + " " + c[1])
          .isEqualTo(counter(wholeRun, c[0], c[1]))
          .isPositive();
    }
  }

  private static long counter(PipelineResult r, String namespace, String name) {
    var counters =
        r.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build())
            .getCounters();
    long sum = 0;
    for (var c : counters) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
