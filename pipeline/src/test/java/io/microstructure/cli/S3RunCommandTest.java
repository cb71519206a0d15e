package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.pipeline.OutputSummary;
import io.microstructure.storage.PathStyleS3ClientBuilderFactory;
import io.microstructure.storage.S3ProxyServer;
import io.microstructure.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code etl run} and {@code etl parity} on s3:// roots with Beam's own flags (--endpoint,
 * --awsRegion, --awsCredentialsProvider, --s3ClientFactoryClass), against S3Proxy on 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3RunCommandTest {
  private S3ProxyServer s3;

  @BeforeAll
  void start() throws Exception {
    s3 = S3ProxyServer.start("cli-bucket");
    Storage.configure(PipelineOptionsFactory.create(), s3.settings());
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(2))
            .seed(5)
            .exchanges("okx")
            .symbols("ETH/USDT")
            .writeNdjson(false)
            .build(),
        "s3://cli-bucket/raw");
  }

  @AfterAll
  void stop() throws Exception {
    s3.close();
  }

  private static final class Result {
    int code;
    String out;
    String err;
  }

  private static Result etl(List<String> args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Result r = new Result();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      r.code = EtlCli.commandLine().execute(args.toArray(new String[0]));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    r.out = out.toString(StandardCharsets.UTF_8);
    r.err = err.toString(StandardCharsets.UTF_8);
    assertThat(r.out + r.err)
        .doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY)
        .doesNotContain(S3ProxyServer.ACCESS_KEY_ID);
    return r;
  }

  /** Beam's flags for {@code endpoint} with the server's key pair. */
  private static List<String> flags(String endpoint) {
    return List.of(
        "--endpoint=" + endpoint,
        "--awsRegion=" + S3ProxyServer.REGION,
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + S3ProxyServer.ACCESS_KEY_ID
            + "\",\"secretAccessKey\":\""
            + S3ProxyServer.SECRET_ACCESS_KEY
            + "\"}",
        "--s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName());
  }

  private static List<String> run(String raw, String out, List<String> flags) {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--raw-root", raw, "--output-root", out, "--channel", "ticker"));
    args.addAll(flags);
    return args;
  }

  /**
   * Incremental runs on S3: state files, keyed files and their replacement go through Beam's S3
   * filesystem (globs, renames, reads) as they do locally, and give one full run's tables.
   */
  @Test
  void incrementalRunsOnS3EqualOneFullRun() throws Exception {
    String gen = "s3://cli-bucket/inc-gen";
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .start(java.time.Instant.parse("2026-01-05T23:00:00Z"))
            .hours(2)
            .seed(7)
            .exchanges("okx")
            .symbols("ETH/USDT")
            .snapshotHz(1)
            .tradeRateScale(0.2)
            .writeNdjson(false)
            .build(),
        gen);
    List<String> sizes =
        List.of("--vpinBucketVolume={\"ETH/USDT\":4.0}", "--volumeBarSize={\"ETH/USDT\":30.0}");
    for (int hour = 0; hour < 2; hour++) {
      for (String channel : List.of("orderbook", "trades", "ticker")) {
        var segments =
            org.apache.beam.sdk.io.FileSystems.match(gen + "/ready/ccxt/" + channel + "/*.parquet")
                .metadata()
                .stream()
                .map(m -> m.resourceId())
                .sorted(java.util.Comparator.comparing(Object::toString))
                .toList();
        var from = segments.get(hour);
        org.apache.beam.sdk.io.FileSystems.copy(
            List.of(from),
            List.of(
                org.apache.beam.sdk.io.FileSystems.matchNewResource(
                    "s3://cli-bucket/inc-raw/ready/ccxt/" + channel + "/" + from.getFilename(),
                    false)));
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run", "--raw-root", "s3://cli-bucket/inc-raw", "--output-root",
                  "s3://cli-bucket/inc-out", "--incremental"));
      args.addAll(sizes);
      args.addAll(flags(s3.endpoint()));
      Result r = etl(args);
      assertThat(r.code).as(r.err).isZero();
      assertThat(r.out)
          .contains(hour == 0 ? "resumed at the beginning" : "resumed at 2026-01-05T23:00:00Z");
    }
    List<String> full =
        new ArrayList<>(List.of("run", "--raw-root", gen, "--output-root", "s3://cli-bucket/inc-full"));
    full.addAll(sizes);
    full.addAll(flags(s3.endpoint()));
    assertThat(etl(full).code).isZero();
    List<String> parity =
        new ArrayList<>(List.of("parity", "s3://cli-bucket/inc-full", "s3://cli-bucket/inc-out"));
    parity.addAll(flags(s3.endpoint()));
    Result p = etl(parity);
    assertThat(p.code).as(p.out + p.err).isZero();
    assertThat(p.out).contains("identical");
  }

  @Test
  void runReadsAndWritesS3WithBeamsFlagsOnAHostName() throws Exception {
    String byName = "http://localhost:" + s3.port();
    Result r = etl(run("s3://cli-bucket/raw", "s3://cli-bucket/out", flags(byName)));
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("s3://cli-bucket/raw -> s3://cli-bucket/out").contains("ticker/hf");

    Storage.configure(PipelineOptionsFactory.create(), s3.settings());
    OutputSummary summary = OutputSummary.scan("s3://cli-bucket/out", "ccxt");
    assertThat(summary.rows("ticker/hf")).isPositive();
    assertThat(summary.rowsPerTableAndKey()).containsOnlyKeys("ticker/hf");

    List<String> parity =
        new ArrayList<>(List.of("parity", "s3://cli-bucket/out", "s3://cli-bucket/out"));
    parity.addAll(flags(s3.endpoint()));
    Result p = etl(parity);
    assertThat(p.code).as(p.out + p.err).isZero();
  }

  @Test
  void runTakesS3SettingsFromTheConfigFile() throws Exception {
    Path config = Files.createTempFile("s3-run", ".yaml");
    String yaml =
        "storage:\n"
            + "  input:\n    root: s3://cli-bucket/raw\n"
            + "  output:\n    root: s3://cli-bucket/out-settings\n"
            + "  s3:\n    region: us-east-1\n    endpoint: http://localhost:"
            + s3.port()
            + "\n"
            + "    credentials:\n      provider: static\n"
            + "      access_key_id: "
            + S3ProxyServer.ACCESS_KEY_ID
            + "\n"
            + "      secret_access_key: "
            + S3ProxyServer.SECRET_ACCESS_KEY
            + "\n"
            + "channels: [ticker]\n";
    Files.writeString(config, yaml);
    Result r = etl(List.of("run", "--config", config.toString()));
    assertThat(r.code).as(r.err).isZero();
    Storage.configure(PipelineOptionsFactory.create(), s3.settings());
    assertThat(OutputSummary.scan("s3://cli-bucket/out-settings", "ccxt").rows("ticker/hf"))
        .isPositive();
    assertThat(r.out + r.err)
        .doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY)
        .doesNotContain(S3ProxyServer.ACCESS_KEY_ID);

    Files.writeString(config, yaml.replace(S3ProxyServer.ACCESS_KEY_ID, "AKIAWRONGKEY00000000"));
    Result denied = etl(List.of("run", "--config", config.toString()));
    assertThat(denied.code).isEqualTo(2);
    assertThat(denied.err.strip())
        .startsWith(
            "etl: error: access denied to bucket 'cli-bucket' at http://localhost:" + s3.port())
        .doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY);
  }

  @Test
  void generateWritesIntoTheBucketWithBeamsFlags() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--out",
                "s3://cli-bucket/gen",
                "--duration",
                "PT1M",
                "--exchanges",
                "okx",
                "--symbols",
                "BTC/USDT",
                "--no-ndjson"));
    args.addAll(flags("http://localhost:" + s3.port()));
    Result r = etl(args);
    assertThat(r.code).as(r.err).isZero();
    assertThat(s3.blobStore().blobExists("cli-bucket", "gen/manifest.json")).isTrue();

    args.set(2, "s3://missing-gen-bucket/gen");
    Result missing = etl(args);
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err.strip())
        .isEqualTo(
            "etl: error: bucket 'missing-gen-bucket' does not exist at http://localhost:"
                + s3.port());
  }

  @Test
  void aMissingBucketStopsTheRunWithOneLine() {
    Result r = etl(run("s3://no-such-bucket/raw", "s3://cli-bucket/x", flags(s3.endpoint())));
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .isEqualTo("etl: error: bucket 'no-such-bucket' does not exist at " + s3.endpoint());
  }

  @Test
  void anUnreachableEndpointStopsTheRunWithOneLine() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closed;
    Result r = etl(run("s3://cli-bucket/raw", "s3://cli-bucket/x", flags(endpoint)));
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .isEqualTo("etl: error: cannot reach the S3 endpoint " + endpoint + ": connection refused");
  }

  @Test
  void anEmptyPrefixIsReportedAsForALocalFolder() {
    Result r = etl(run("s3://cli-bucket/nothing", "s3://cli-bucket/x", flags(s3.endpoint())));
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .isEqualTo(
            "etl: error: input s3://cli-bucket/nothing does not exist or holds no Parquet files"
                + " under ready/ccxt/");
  }
}
