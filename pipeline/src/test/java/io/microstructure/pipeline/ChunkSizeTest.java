package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.microstructure.coders.ShuffleElements;
import java.time.Duration;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class ChunkSizeTest {

  @Test
  void durationsInEitherNotation() {
    assertThat(ChunkSize.parse("90s").resolve(true)).isEqualTo(Duration.ofSeconds(90));
    assertThat(ChunkSize.parse("15m").resolve(true)).isEqualTo(Duration.ofMinutes(15));
    assertThat(ChunkSize.parse("15min").resolve(false)).isEqualTo(Duration.ofMinutes(15));
    assertThat(ChunkSize.parse(" 1H ").resolve(true)).isEqualTo(Duration.ofHours(1));
    assertThat(ChunkSize.parse("1d").resolve(true)).isEqualTo(Duration.ofDays(1));
    assertThat(ChunkSize.parse("PT30M").resolve(true)).isEqualTo(Duration.ofMinutes(30));
    // Written back in the shortest form, which parses to the same setting.
    assertThat(ChunkSize.parse("PT120M")).hasToString("2h").isEqualTo(ChunkSize.parse("2h"));
    assertThat(ChunkSize.parse("3600s")).isEqualTo(ChunkSize.parse("1h"));
  }

  @Test
  void autoIsAnHourWhereShufflesSpillAndWholeMarketsOnTheDirectRunner() {
    assertThat(ChunkSize.AUTO.resolve(true)).isEqualTo(Duration.ofHours(1));
    assertThat(ChunkSize.AUTO.resolve(false)).isEqualTo(Duration.ZERO);
    assertThat(ChunkSize.WHOLE.resolve(true)).isEqualTo(Duration.ZERO);
    assertThat(ChunkSize.parse("15m").resolve(false)).isEqualTo(Duration.ofMinutes(15));

    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    assertThat(ShuffleElements.runnerWritesShuffles(o)).isFalse();
  }

  @Test
  void beamParsesTheFlagAndWritesItBack() throws Exception {
    MicrostructureOptions o =
        PipelineOptionsFactory.fromArgs("--chunk=30m").as(MicrostructureOptions.class);
    assertThat(o.getChunk()).isEqualTo(ChunkSize.parse("30m"));
    assertThat(PipelineOptionsFactory.create().as(MicrostructureOptions.class).getChunk())
        .isEqualTo(ChunkSize.AUTO);
    // Runners ship options as JSON to their workers.
    ObjectMapper json = new ObjectMapper().registerModules(ObjectMapper.findModules());
    MicrostructureOptions shipped =
        json.readValue(json.writeValueAsString(o), PipelineOptions.class)
            .as(MicrostructureOptions.class);
    assertThat(shipped.getChunk()).isEqualTo(ChunkSize.parse("30m"));
  }

  @Test
  void numbersWithoutAUnitAndEmptyChunksAreRefused() {
    assertThatThrownBy(() -> ChunkSize.parse("60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a number needs a unit");
    assertThatThrownBy(() -> ChunkSize.parse("0m"))
        .hasMessage("chunk '0m': a chunk must be longer than 0, got PT0S");
    assertThatThrownBy(() -> ChunkSize.parse("PT-1H")).hasMessageContaining("longer than 0");
    assertThatThrownBy(() -> ChunkSize.parse("PTx")).hasMessageStartingWith("chunk 'PTx': ");
  }
}
