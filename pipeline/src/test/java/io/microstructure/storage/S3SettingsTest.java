package io.microstructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.construction.PipelineOptionsTranslation;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** S3Settings and Storage.configure without a server. */
class S3SettingsTest {
  private static final String KEY_ID = "AKIAUNITTESTKEYID999";
  private static final String SECRET = "unit-test-secret-value-0123456789";

  @Test
  void pathStyleDefaultsToTrueWithAnEndpointAndFalseForAws() {
    S3Settings aws = S3Settings.builder().region("eu-west-1").build();
    assertThat(aws.endpoint()).isNull();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.credentials()).isEqualTo(S3Settings.Credentials.DEFAULT);
    assertThat(aws.effectiveEndpoint()).isEqualTo("https://s3.eu-west-1.amazonaws.com");

    S3Settings minio =
        S3Settings.builder().region("us-east-1").endpoint("http://minio:9000/").build();
    assertThat(minio.endpoint()).isEqualTo("http://minio:9000");
    assertThat(minio.pathStyle()).isTrue();
    assertThat(
            S3Settings.builder()
                .region("us-east-1")
                .endpoint("http://minio:9000")
                .pathStyle(false)
                .build()
                .pathStyle())
        .isFalse();
    assertThat(S3Settings.builder().region("us-east-1").pathStyle(true).build().pathStyle())
        .isTrue();
  }

  @Test
  void invalidSettingsAreRejectedWithoutEchoingAKey() {
    assertThatThrownBy(() -> S3Settings.builder().build()).hasMessageContaining("region");
    assertThatThrownBy(() -> S3Settings.builder().region("us east").build())
        .hasMessageContaining("not a region name");
    assertThatThrownBy(
            () -> S3Settings.builder().region("us-east-1").endpoint("minio:9000").build())
        .hasMessageContaining("http://host[:port]");
    assertThatThrownBy(() -> S3Settings.builder().region("us-east-1").credentials("static").build())
        .hasMessageContaining("access key id");
    assertThatThrownBy(
            () ->
                S3Settings.builder()
                    .region("us-east-1")
                    .credentials("static")
                    .accessKeyId(KEY_ID)
                    .build())
        .hasMessageContaining("secret access key")
        .message()
        .doesNotContain(KEY_ID);
    assertThatThrownBy(
            () -> S3Settings.builder().region("us-east-1").credentials("profile").build())
        .hasMessageContaining("profile name");
    assertThatThrownBy(() -> S3Settings.builder().region("us-east-1").credentials("iam").build())
        .hasMessageContaining("default, environment, profile, static");
    assertThatThrownBy(
            () -> S3Settings.builder().region("us-east-1").uploadBufferBytes(1024).build())
        .hasMessageContaining("smallest part");
  }

  @Test
  void toStringNeverShowsTheKeys() {
    S3Settings s =
        S3Settings.builder()
            .region("us-east-1")
            .endpoint("http://127.0.0.1:9000")
            .staticCredentials(KEY_ID, SECRET)
            .build();
    assertThat(s.toString())
        .contains("us-east-1", "http://127.0.0.1:9000", "pathStyle=true", "credentials=static")
        .doesNotContain(KEY_ID)
        .doesNotContain(SECRET);
    assertThat(S3Settings.builder().region("eu-west-1").profileCredentials("etl").build())
        .hasToString(
            "S3Settings{region=eu-west-1, endpoint=AWS, pathStyle=false,"
                + " credentials=profile 'etl', uploadBufferBytes=8388608}");
  }

  @Test
  void settingsAreSerializableAndEqualAfterARoundTrip() throws Exception {
    S3Settings s =
        S3Settings.builder()
            .region("us-east-1")
            .endpoint("http://localhost:9000")
            .staticCredentials(KEY_ID, SECRET)
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(s);
    }
    assertThat(s.toBuilder().region("eu-west-1").build().region()).isEqualTo("eu-west-1");
  }

  @Test
  void eachCredentialsKindIsARealProvider() {
    assertThat(S3Settings.builder().region("us-east-1").build().credentialsProvider())
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(
            S3Settings.builder()
                .region("us-east-1")
                .credentials("env")
                .build()
                .credentialsProvider())
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    assertThat(
            S3Settings.builder()
                .region("us-east-1")
                .profileCredentials("etl")
                .build()
                .credentialsProvider())
        .isInstanceOf(ProfileCredentialsProvider.class);
    AwsCredentials c =
        S3Settings.builder()
            .region("us-east-1")
            .staticCredentials(KEY_ID, SECRET)
            .build()
            .credentialsProvider()
            .resolveCredentials();
    assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
    assertThat(c.secretAccessKey()).isEqualTo(SECRET);
  }

  @Test
  void configureSetsBeamsS3OptionsAndTheyTravelWithThePipeline() {
    PipelineOptions options = PipelineOptionsFactory.create();
    Storage.configure(
        options,
        S3Settings.builder()
            .region("eu-central-1")
            .endpoint("http://localhost:9000")
            .staticCredentials(KEY_ID, SECRET)
            .build());
    S3Options s3 = options.as(S3Options.class);
    assertThat(s3.getAwsRegion()).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(s3.getEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
    assertThat(s3.getAwsCredentialsProvider()).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(s3.getS3ClientFactoryClass()).isEqualTo(PathStyleS3ClientBuilderFactory.class);
    assertThat(s3.getS3UploadBufferSizeBytes()).isEqualTo(S3Settings.DEFAULT_UPLOAD_BUFFER_BYTES);

    // What a runner ships to its workers: the options as JSON, read back.
    PipelineOptions shipped =
        PipelineOptionsTranslation.fromProto(PipelineOptionsTranslation.toProto(options));
    S3Options back = shipped.as(S3Options.class);
    assertThat(back.getAwsRegion()).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(back.getEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
    assertThat(back.getS3ClientFactoryClass()).isEqualTo(PathStyleS3ClientBuilderFactory.class);
    assertThat(back.getAwsCredentialsProvider().resolveCredentials().accessKeyId())
        .isEqualTo(KEY_ID);

    // AWS without path style: back to Beam's own client factory.
    Storage.configure(options, S3Settings.builder().region("eu-west-1").build());
    assertThat(s3.getEndpoint()).isNull();
    assertThat(s3.getS3ClientFactoryClass()).isEqualTo(DefaultS3ClientBuilderFactory.class);
    assertThat(s3.getAwsCredentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void beamsOwnFlagsParse() {
    PipelineOptions options =
        Storage.optionsFromArgs(
            List.of(
                "--awsRegion=ap-southeast-2",
                "--endpoint=http://localhost:9000",
                "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
                    + "\"accessKeyId\":\""
                    + KEY_ID
                    + "\",\"secretAccessKey\":\""
                    + SECRET
                    + "\"}",
                "--s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName()));
    S3Options s3 = options.as(S3Options.class);
    assertThat(s3.getAwsRegion()).isEqualTo(Region.AP_SOUTHEAST_2);
    assertThat(s3.getEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
    assertThat(s3.getS3ClientFactoryClass()).isEqualTo(PathStyleS3ClientBuilderFactory.class);
    assertThat(s3.getAwsCredentialsProvider().resolveCredentials().secretAccessKey())
        .isEqualTo(SECRET);
  }

  @Test
  void theSaferCredentialsFlagsParseToo() {
    assertThat(
            Storage.optionsFromArgs(
                    List.of(
                        "--awsCredentialsProvider={\"@type\":\"ProfileCredentialsProvider\","
                            + "\"profileName\":\"etl\"}"))
                .as(S3Options.class)
                .getAwsCredentialsProvider())
        .isInstanceOf(ProfileCredentialsProvider.class);
    assertThat(
            Storage.optionsFromArgs(
                    List.of(
                        "--awsCredentialsProvider="
                            + "{\"@type\":\"EnvironmentVariableCredentialsProvider\"}"))
                .as(S3Options.class)
                .getAwsCredentialsProvider())
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }

  @Test
  void aRegionFlagIsKeptAndNoneIsAddedWhenTheEnvironmentHasOne() {
    assertThat(Storage.withDefaultRegion(List.of("--awsRegion=eu-west-3", "--x=1")))
        .containsExactly("--awsRegion=eu-west-3", "--x=1");
    // Tests run with -Daws.region (see the root pom), which the SDK reads before any metadata.
    assertThat(Storage.regionWithoutInstanceMetadata()).contains(Region.US_EAST_1);
    assertThat(Storage.withDefaultRegion(List.of("--x=1"))).containsExactly("--x=1");
  }

  @Test
  void bucketNamesAreCheckedBeforeAnyRequest() {
    assertThat(Storage.bucket("s3://my-bucket/raw/x")).isEqualTo("my-bucket");
    assertThat(Storage.bucket("s3://my-bucket")).isEqualTo("my-bucket");
    assertThatThrownBy(() -> Storage.bucket("s3://ab/raw"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("3 to 63 characters");
    assertThatThrownBy(() -> Storage.bucket("s3:///raw")).hasMessageContaining("no bucket");
    assertThat(Storage.isS3("S3://b/x")).isTrue();
    assertThat(Storage.isS3("/tmp/s3://x")).isFalse();
    // Not S3: nothing to check.
    Storage.check(PipelineOptionsFactory.create(), "/tmp/anything");
  }
}
