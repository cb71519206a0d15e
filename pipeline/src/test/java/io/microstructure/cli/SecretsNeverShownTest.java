package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential given on the command line or in the config never appears in stdout, stderr (where
 * the logs go too), the JSON report or any file the run writes, whatever path the run takes (issue
 * 9, item 2). Each case runs {@code etl} in a JVM of its own, as a user does, and every file under
 * the case's folder (its logs included) is searched for the key pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNeverShownTest {
  private static final String KEY_ID = "AKIAQWERTYSECRETID42";
  private static final String SECRET = "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";

  @TempDir static Path dir;
  private String raw;

  @BeforeAll
  void generate() throws Exception {
    raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(1))
            .seed(11)
            .exchanges(List.of("okx"))
            .symbols(List.of("BTC/USDT"))
            .writeNdjson(false)
            .build(),
        raw);
  }

  /** Runs {@code etl} in a child JVM; asserts no file under {@code case} holds the key pair. */
  private static EtlRuns.Result etl(Path caseDir, String... args) throws Exception {
    Path logs = caseDir.resolve("logs/etl");
    Process p = EtlRuns.start(List.of(), logs, args);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("etl ends").isTrue();
    EtlRuns.Result r = EtlRuns.finished(p, logs);
    assertThat(r.out()).doesNotContain(SECRET).doesNotContain(KEY_ID);
    assertThat(r.err()).doesNotContain(SECRET).doesNotContain(KEY_ID);
    assertThat(filesHolding(caseDir, SECRET)).isEmpty();
    assertThat(filesHolding(caseDir, KEY_ID)).isEmpty();
    return r;
  }

  private static List<Path> filesHolding(Path root, String text) throws IOException {
    List<Path> holding = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (content.contains(text) && !f.getFileName().toString().endsWith(".yaml")) {
          holding.add(f);
        }
      }
    }
    return holding;
  }

  private String[] run(Path caseDir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--raw-root",
                raw,
                "--output-root",
                caseDir.resolve("out").toString(),
                "--report-json",
                caseDir.resolve("report.json").toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private static String provider(String type, String closing) {
    return "--awsCredentialsProvider={\"@type\":\""
        + type
        + "\",\"accessKeyId\":\""
        + KEY_ID
        + "\",\"secretAccessKey\":\""
        + SECRET
        + closing;
  }

  @Test
  void aMalformedProviderJsonIsNotEchoed() throws Exception {
    Path c = dir.resolve("malformed");
    EtlRuns.Result r = etl(c, run(c, provider("StaticCredentialsProvider", "")));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("etl: error: --awsCredentialsProvider: ")
        .contains("\"secretAccessKey\":\"***");
  }

  @Test
  void aProviderOfUnknownTypeIsNotEchoed() throws Exception {
    Path c = dir.resolve("unknown-type");
    EtlRuns.Result r = etl(c, run(c, provider("NoSuchCredentialsProvider", "\"}")));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("etl: error: --awsCredentialsProvider: ");
  }

  @Test
  void generateAndParityDoNotEchoTheProviderEither() throws Exception {
    Path c = dir.resolve("generate");
    EtlRuns.Result g =
        etl(
            c,
            "generate",
            "--out",
            c.resolve("gen").toString(),
            "--duration",
            "PT1M",
            provider("StaticCredentialsProvider", ""));
    assertThat(g.code()).isEqualTo(2);
    Path p = dir.resolve("parity");
    EtlRuns.Result parity =
        etl(p, "parity", raw, raw, provider("NoSuchCredentialsProvider", "\"}"));
    assertThat(parity.code()).isEqualTo(2);
  }

  @Test
  void aYamlSyntaxErrorOnTheSecretsLineShowsNoSnippet() throws Exception {
    Path c = dir.resolve("yaml");
    Files.createDirectories(c);
    Path config = c.resolve("etl.yaml");
    Files.writeString(
        config,
        "storage:\n  s3:\n    region: us-east-1\n    credentials:\n      provider: static\n"
            + "      access_key_id: "
            + KEY_ID
            + "\n      secret_access_key: "
            + SECRET
            + ": oops\n");
    EtlRuns.Result r = etl(c, run(c, "--config", config.toString()));
    assertThat(r.code()).isEqualTo(2);
    // The ': ' after the secret on line 7 is the mistake; the line itself is not quoted.
    assertThat(r.err().strip())
        .startsWith("etl: error: " + config + ": not valid YAML at line 7, column ")
        .contains("mapping values are not allowed here");
  }

  @Test
  void aRunThatSucceedsWithCredentialsWritesThemNowhere() throws Exception {
    Path c = dir.resolve("success");
    EtlRuns.Result r = etl(c, run(c, provider("StaticCredentialsProvider", "\"}")));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Outputs under");
    assertThat(c.resolve("report.json")).exists();
  }

  @Test
  void aRunThatFailsAfterTheCredentialsWereReadShowsThemNowhere() throws Exception {
    Path c = dir.resolve("failure");
    Files.createDirectories(c);
    Path config = c.resolve("etl.yaml");
    // Valid YAML whose static credentials are read, then a feature parameter the run refuses.
    Files.writeString(
        config,
        "storage:\n  s3:\n    region: us-east-1\n    credentials:\n      provider: static\n"
            + "      access_key_id: "
            + KEY_ID
            + "\n      secret_access_key: "
            + SECRET
            + "\nfeatures:\n  vpin_window: 0\n");
    EtlRuns.Result r = etl(c, run(c, "--config", config.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
  }
}
