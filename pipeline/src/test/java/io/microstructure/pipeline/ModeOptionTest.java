package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** --mode is an enum Beam parses itself, in either case, with a message naming the choices. */
class ModeOptionTest {
  private static MicrostructureOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(MicrostructureOptions.class);
  }

  @Test
  void beamParsesEitherCaseAndDefaultsToHybrid() {
    assertThat(parse().getMode()).isEqualTo(Mode.HYBRID);
    assertThat(parse("--mode=vectorized").getMode()).isEqualTo(Mode.VECTORIZED);
    assertThat(parse("--mode=VECTORIZED").getMode()).isEqualTo(Mode.VECTORIZED);
    assertThat(parse("--mode=Hybrid").getMode()).isEqualTo(Mode.HYBRID);
  }

  @Test
  void anUnknownModeNamesTheChoices() {
    assertThatThrownBy(() -> parse("--mode=fast").getMode())
        .hasStackTraceContaining("hybrid, vectorized");
  }

  @Test
  void theOptionsKeepTheModeThroughTheirJson() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModules(com.fasterxml.jackson.databind.ObjectMapper.findModules());
    MicrostructureOptions o = parse("--mode=vectorized");
    String json = mapper.writeValueAsString(o);
    assertThat(json).contains("\"mode\":\"vectorized\"");
    assertThat(mapper.readValue(json, org.apache.beam.sdk.options.PipelineOptions.class)
            .as(MicrostructureOptions.class).getMode())
        .isEqualTo(Mode.VECTORIZED);
  }
}
