package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.storage.Storage;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one line a failed run ends with, cause first. */
class FailureMessageTest {
  private static final long MB = 1024 * 1024;

  @Test
  void anErrorIsToldWithTheStepItsStackRanThrough() {
    Error e = new StackOverflowError("deep");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("io.microstructure.engine.SnapshotReplay", "replay", null, 1),
          new StackTraceElement(
              "io.microstructure.transforms.ReplayMarkets$ReplayFn", "process", null, 2),
          new StackTraceElement("org.apache.beam.runners.direct.Worker", "run", null, 3)
        });
    RuntimeException wrapped = new RuntimeException("Job execution failed", e);

    assertThat(FailureMessage.of("the pipeline", wrapped))
        .isEqualTo(
            "the pipeline failed in step Features/Compute (the per-market replay): StackOverflowError:"
                + " deep");
  }

  @Test
  void aLargerHeapIsTwiceTheCurrentRoundedUp() {
    assertThat(FailureMessage.larger(40 * MB)).isEqualTo("128m"); // 80 MB → the next 64 MB step
    assertThat(FailureMessage.larger(256 * MB)).isEqualTo("512m");
    assertThat(FailureMessage.larger(600 * MB)).isEqualTo("2g"); // 1,200 MB → whole gigabytes
    assertThat(FailureMessage.larger(1024 * MB)).isEqualTo("2g");
  }

  @Test
  void anS3EndpointThatRefusesTheConnectionIsNamed() {
    Storage.optionsFromArgs(List.of("--endpoint=http://127.0.0.1:9", "--awsRegion=eu-west-1"));
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused"))
            .build();
    RuntimeException inTheRun =
        new RuntimeException("java.io.IOException: listing failed", refused);

    assertThat(FailureMessage.of("the pipeline", inTheRun))
        .isEqualTo("cannot reach the S3 endpoint http://127.0.0.1:9: connection refused");
  }
}
