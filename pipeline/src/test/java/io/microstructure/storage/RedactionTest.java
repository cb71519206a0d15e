package io.microstructure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials in every shape a message can show them, masked; everything else left alone. */
class RedactionTest {
  private static final String SECRET = "RedactionTest/Secret+Key0123456789abcdEF";

  @Test
  void masksTheValuesOfCredentialKeysInJsonYamlAndFlags() {
    assertThat(
            Redaction.apply(
                "Unable to parse JSON value {\"@type\":\"StaticCredentialsProvider\","
                    + "\"accessKeyId\":\"AKIA1\",\"secretAccessKey\":\"s3cr3t-value\"}"))
        .isEqualTo(
            "Unable to parse JSON value {\"@type\":\"StaticCredentialsProvider\","
                + "\"accessKeyId\":\"***\",\"secretAccessKey\":\"***\"}");
    // Cut off before the closing quote, and unquoted (both seen in parser messages).
    assertThat(Redaction.apply("{\"secretAccessKey\":\"s3cr3t-val"))
        .isEqualTo("{\"secretAccessKey\":\"***");
    assertThat(Redaction.apply("{\"sessionToken\":tok3n-value}"))
        .isEqualTo("{\"sessionToken\":***}");
    assertThat(Redaction.apply("  secret_access_key: abc/def+ghi\n  region: eu-west-1"))
        .isEqualTo("  secret_access_key: ***\n  region: eu-west-1");
    assertThat(Redaction.apply("AWS_SESSION_TOKEN=tok3n AWS_REGION=us-east-1"))
        .isEqualTo("AWS_SESSION_TOKEN=*** AWS_REGION=us-east-1");
    assertThat(Redaction.apply("password='p a s s'")).isEqualTo("password='***'");
  }

  @Test
  void masksThePasswordOfAUrisUserInfo() {
    assertThat(Redaction.apply("S3 endpoint 'ftp://minio:hunter22@host:9000' is wrong"))
        .isEqualTo("S3 endpoint 'ftp://minio:***@host:9000' is wrong");
    assertThat(Redaction.apply("http://host:9000/bucket")).isEqualTo("http://host:9000/bucket");
  }

  @Test
  void masksARememberedSecretWhereverItAppears() {
    // A JSON parser's complaint names the bad token alone, with no key before it.
    Redaction.rememberIn(
        List.of(
            "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
                + "\"secretAccessKey\":"
                + SECRET
                + "}"));
    assertThat(Redaction.apply("Unrecognized token '" + SECRET + "': was expecting"))
        .isEqualTo("Unrecognized token '***': was expecting");
  }

  @Test
  void leavesOrdinaryMessagesAlone() {
    String plain =
        "etl: error: bucket 'market' does not exist at http://127.0.0.1:9000 (key: value, id=7)";
    assertThat(Redaction.apply(plain)).isEqualTo(plain);
    assertThat(Redaction.apply("storage.s3.credentials.secret_access_key: expected a string"))
        .isEqualTo("storage.s3.credentials.secret_access_key: expected a string");
  }
}
