package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.CaptureTsRange;
import java.time.Instant;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** --captureTsMin and --captureTsMaxAheadHours: defaults, flags, and the range they give. */
class CaptureTsOptionsTest {
  private static final Instant NOW = Instant.parse("2026-01-05T12:00:00.500Z");

  private static MicrostructureOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(MicrostructureOptions.class);
  }

  @Test
  void defaultsAre2009AndADayAfterTheWallClock() {
    MicrostructureOptions o = options();
    assertThat(o.getCaptureTsMin()).isEqualTo("2009-01-01T00:00:00Z");
    assertThat(o.getCaptureTsMaxAheadHours()).isEqualTo(24);
    // 2009-01-01T00:00Z = 1,230,768,000 s; 2026-01-06T12:00:00Z = 1,767,700,800 s.
    assertThat(MicrostructurePipeline.captureTsRange(o, NOW))
        .isEqualTo(CaptureTsRange.ofMicros(1_230_768_000_000_000L, 1_767_700_800_000_000L));
  }

  @Test
  void flagsMoveBothEnds() {
    MicrostructureOptions o =
        options("--captureTsMin=2020-01-01T00:00:00Z", "--captureTsMaxAheadHours=2");
    // 2020-01-01T00:00Z = 1,577,836,800 s; 2026-01-05T14:00:00Z = 1,767,571,200 + 50,400 s.
    assertThat(MicrostructurePipeline.captureTsRange(o, NOW))
        .isEqualTo(CaptureTsRange.ofMicros(1_577_836_800_000_000L, 1_767_621_600_000_000L));
  }

  @Test
  void aMinimumThatIsNoInstantIsAClearError() {
    MicrostructureOptions o = options("--captureTsMin=2009-01-01");
    assertThatThrownBy(() -> MicrostructurePipeline.captureTsRange(o, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--captureTsMin must be a UTC instant like 2009-01-01T00:00:00Z, got 2009-01-01");
  }
}
