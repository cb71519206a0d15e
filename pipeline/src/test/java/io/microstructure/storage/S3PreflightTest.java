package io.microstructure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.MimeTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Storage.check and S3 paths against a real S3 server (S3Proxy on 127.0.0.1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3PreflightTest {
  private S3ProxyServer s3;
  private final List<String> messages = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    s3 = S3ProxyServer.start("preflight");
  }

  @AfterAll
  void stop() throws Exception {
    // Whatever went wrong, no message named a key.
    for (String m : messages) {
      assertThat(m)
          .doesNotContain(S3ProxyServer.ACCESS_KEY_ID)
          .doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY);
    }
    s3.close();
  }

  private PipelineOptions configured(S3Settings settings) {
    PipelineOptions options = PipelineOptionsFactory.create();
    Storage.configure(options, settings);
    return options;
  }

  private String failure(PipelineOptions options, String uri) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Storage.check(options, uri));
    assertThat(t).isInstanceOf(StorageException.class);
    messages.add(t.getMessage());
    assertThat(t.getMessage()).doesNotContain("\n");
    return t.getMessage();
  }

  @Test
  void anExistingBucketPasses() {
    PipelineOptions options = configured(s3.settings());
    Storage.check(options, "s3://preflight/raw");
    Storage.check("s3://preflight"); // with the options configured last
  }

  @Test
  void aMissingBucketIsNamedWithTheEndpoint() {
    assertThat(failure(configured(s3.settings()), "s3://no-such-bucket/raw"))
        .isEqualTo("bucket 'no-such-bucket' does not exist at " + s3.endpoint());
  }

  @Test
  void aClosedPortIsConnectionRefused() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closed;
    long start = System.nanoTime();
    assertThat(failure(configured(s3.settingsFor(endpoint)), "s3://preflight/raw"))
        .isEqualTo("cannot reach the S3 endpoint " + endpoint + ": connection refused");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
  }

  @Test
  void aWrongSecretIsAccessDenied() {
    S3Settings wrong =
        s3.settings().toBuilder()
            .staticCredentials(S3ProxyServer.ACCESS_KEY_ID, "not-the-secret")
            .build();
    assertThat(failure(configured(wrong), "s3://preflight/raw"))
        .startsWith("access denied to bucket 'preflight' at " + s3.endpoint() + ": ")
        .doesNotContain("not-the-secret");
    S3Settings unknownKey =
        s3.settings().toBuilder().staticCredentials("AKIAUNKNOWNKEY000000", "x").build();
    assertThat(failure(configured(unknownKey), "s3://preflight/raw"))
        .startsWith("access denied to bucket 'preflight'")
        .doesNotContain("AKIAUNKNOWNKEY000000");
  }

  @Test
  void aHostNameEndpointWorksThanksToPathStyle() throws Exception {
    S3Settings byName = s3.settingsFor("http://localhost:" + s3.port());
    assertThat(byName.pathStyle()).isTrue();
    PipelineOptions options = configured(byName);
    Storage.check(options, "s3://preflight/by-name");
    write("s3://preflight/by-name/hello.txt", "hello");
    MatchResult m = FileSystems.match("s3://preflight/by-name/*.txt", EmptyMatchTreatment.ALLOW);
    assertThat(m.metadata()).hasSize(1);
    assertThat(m.metadata().get(0).sizeBytes()).isEqualTo(5);
    assertThat(s3.blobStore().blobExists("preflight", "by-name/hello.txt")).isTrue();
  }

  @Test
  void beamsOwnFlagsReachTheServer() throws Exception {
    List<String> flags = new ArrayList<>(List.of(s3.beamFlags()));
    PipelineOptions options = Storage.optionsFromArgs(flags);
    Storage.check(options, "s3://preflight/flags");
    write("s3://preflight/flags/a.txt", "abc");
    assertThat(FileSystems.match("s3://preflight/flags/**", EmptyMatchTreatment.ALLOW).metadata())
        .hasSize(1);
    assertThat(failure(options, "s3://absent-bucket/x"))
        .isEqualTo("bucket 'absent-bucket' does not exist at " + s3.endpoint());
  }

  @Test
  void networkFailuresAreNamedPlainly() {
    String endpoint = "http://s3.example.invalid:9000";
    assertThat(
            Storage.unreachable(
                    software.amazon.awssdk.core.exception.SdkClientException.create(
                        "Unable to execute HTTP request: s3.example.invalid",
                        new java.net.UnknownHostException("s3.example.invalid")),
                    endpoint)
                .getMessage())
        .isEqualTo(
            "cannot reach the S3 endpoint " + endpoint + ": unknown host s3.example.invalid");
    assertThat(
            Storage.unreachable(
                    software.amazon.awssdk.core.exception.SdkClientException.create(
                        "Unable to execute HTTP request: Connect timed out",
                        new java.net.SocketTimeoutException("Connect timed out")),
                    endpoint)
                .getMessage())
        .isEqualTo("cannot reach the S3 endpoint " + endpoint + ": connection timed out");
  }

  private static void write(String path, String text) throws Exception {
    try (OutputStream out =
        Channels.newOutputStream(
            FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
