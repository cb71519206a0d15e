package io.microstructure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.pipeline.OutputSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline S3 → S3 on the DirectRunner against a real S3 server (S3Proxy on 127.0.0.1):
 * sample data generated into the bucket, features written back into it, read back from it, and
 * equal to the same run on a local copy of the same market.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3EndToEndTest {
  private static final String RAW = "s3://market/raw";
  private static final String OUT = "s3://market/out";

  private S3ProxyServer s3;
  private S3Settings settings;
  private GenerationManifest manifest;
  private String localOut;

  @BeforeAll
  void generateAndRunOnS3AndLocally(@TempDir Path dir) throws Exception {
    s3 = S3ProxyServer.start("market");
    settings = s3.settings();
    Storage.configure(PipelineOptionsFactory.create(), settings);
    GeneratorConfig cfg =
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(3))
            .seed(20260105L)
            // Two keys keep the S3 round trips (a dozen requests per written file) to seconds.
            .exchanges("binance")
            .symbols("BTC/USDT", "1000PEPE/USDT:USDT")
            .writeNdjson(false)
            .build();
    manifest = SampleMarketGenerator.generate(cfg, RAW);
    String localRaw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(cfg, localRaw);
    localOut = dir.resolve("out").toString();

    run(RAW, OUT);
    run(localRaw, localOut);
    // Each run registers the filesystems with its own options; reads below use the S3 ones.
    Storage.configure(PipelineOptionsFactory.create(), settings);
  }

  private void run(String rawRoot, String outputRoot) {
    MicrostructureOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--enforceImmutability=false",
                "--enforceEncodability=false")
            .as(MicrostructureOptions.class);
    options.setRawRoot(rawRoot);
    options.setOutputRoot(outputRoot);
    Storage.configure(options, settings);
    Pipeline pipeline = Pipeline.create(options);
    MicrostructurePipeline.buildPipeline(pipeline, options);
    pipeline.run().waitUntilFinish();
  }

  @AfterAll
  void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void theRawMarketIsInTheBucket() throws Exception {
    for (String channel : List.of("orderbook", "trades", "ticker")) {
      assertThat(match(RAW + "/ready/ccxt/" + channel + "/*.parquet")).isNotEmpty();
    }
    assertThat(s3.blobStore().blobExists("market", "raw/manifest.json")).isTrue();
  }

  @Test
  void rowCountsReadBackFromS3() throws Exception {
    OutputSummary summary = OutputSummary.scan(OUT, "ccxt");
    assertThat(summary.rows("orderbook/hf"))
        .isPositive()
        .isEqualTo(
            manifest.orderbook().rows()
                - manifest.orderbook().invalidRows()
                - manifest.orderbook().duplicateSnapshots());
    assertThat(summary.rowsPerTableAndKey().get("orderbook/hf"))
        .containsOnlyKeys(
            io.microstructure.model.MarketKey.of("binance", "BTC/USDT"),
            io.microstructure.model.MarketKey.of("binance", "1000PEPE/USDT:USDT"));
    assertThat(summary.rows("trades/hf")).isPositive();
    assertThat(summary.rows("ticker/hf")).isPositive();
    assertThat(summary.rows("orderbook/bars/duration=60s")).isPositive();

    OutputSummary local = OutputSummary.scan(localOut, "ccxt");
    assertThat(summary.rowsPerTableAndKey()).isEqualTo(local.rowsPerTableAndKey());
    assertThat(summary.rejectedPerChannel()).isEqualTo(local.rejectedPerChannel());
  }

  @Test
  void theS3OutputEqualsTheLocalRunColumnByColumn() throws Exception {
    ParityReport report = ParityCheck.compare(OUT, localOut);
    assertThat(report.tables()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(report.identical()).as(report::toJson).isTrue();
  }

  @Test
  void deadLettersAreUnderRejected() throws Exception {
    OutputSummary summary = OutputSummary.scan(OUT, "ccxt");
    Map<String, Long> rejected = summary.rejectedPerChannel();
    assertThat(rejected.getOrDefault("orderbook", 0L))
        .isEqualTo(manifest.orderbook().invalidRows());
    assertThat(rejected.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    assertThat(match(OUT + "/_rejected/*/*.parquet")).isNotEmpty();
  }

  @Test
  void noStagedFilesAreLeftInTheBucketAndTheRunRecordSaysComplete() throws Exception {
    assertThat(match(OUT + "/_temporary/**")).isEmpty();
    assertThat(match(OUT + "/**"))
        .allSatisfy(
            m ->
                assertThat(m.resourceId().toString())
                    .matches(".*\\.parquet$|.*/out/_runs/[^/]+\\.json$"));
    List<RunRecord> runs = new RunLog(OUT).all();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).status).isEqualTo(RunRecord.Status.COMPLETE);
    assertThat(runs.get(0).deadLetters.get("orderbook"))
        .isEqualTo(manifest.orderbook().invalidRows());
  }

  private static List<MatchResult.Metadata> match(String glob) throws Exception {
    MatchResult r = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return r.status() == MatchResult.Status.OK ? r.metadata() : List.of();
  }
}
