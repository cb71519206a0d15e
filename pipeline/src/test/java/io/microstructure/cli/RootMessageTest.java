package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RootMessageTest {
  @Test
  void keepsTheWrapperThatNamesTheFileAndDropsThoseThatOnlyRestateIt() {
    IOException disk = new IOException("No space left on device");
    IOException named =
        new IOException("writing /out/_temporary/r/x.parquet: " + disk.getMessage(), disk);
    // As Beam wraps a DoFn's exception: the cause's toString() as message, twice.
    RuntimeException user = new RuntimeException(named.toString(), named);
    RuntimeException pipeline = new RuntimeException(user.toString(), user);

    assertThat(PipelineRunner.rootMessage(pipeline))
        .isEqualTo("writing /out/_temporary/r/x.parquet: No space left on device");
  }

  @Test
  void anUnrelatedOuterMessageDoesNotHideTheCause() {
    IllegalStateException cause = new IllegalStateException("two markets share symbol=BTC-USDT");
    RuntimeException outer = new RuntimeException("Error while running step commit", cause);

    assertThat(PipelineRunner.rootMessage(outer)).isEqualTo("two markets share symbol=BTC-USDT");
  }
}
