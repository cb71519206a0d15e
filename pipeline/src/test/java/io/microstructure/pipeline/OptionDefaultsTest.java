package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.FeatureParameters;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The options' feature defaults are FeatureParameters.defaults(), and flags still override. */
class OptionDefaultsTest {
  @Test
  void withoutFlagsTheOptionsGiveTheDefaultParameters() {
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    assertThat(MicrostructurePipeline.featureParameters(o)).isEqualTo(FeatureParameters.defaults());
    // The values the README and the contract state, written out here on their own.
    assertThat(o.getMaxLevels()).isEqualTo(20);
    assertThat(o.getOfiLevels()).isEqualTo(10);
    assertThat(o.getOfiDecayAlpha()).isEqualTo(0.5);
    assertThat(o.getOfiHalfLifeSeconds()).isEqualTo(10.0);
    assertThat(o.getMaxGapSeconds()).isEqualTo(300.0);
    assertThat(o.getSpreadRegimeWindowSeconds()).isEqualTo(300.0);
    assertThat(o.getVpinWindow()).isEqualTo(50);
  }

  @Test
  void flagsOverrideTheDefaults() {
    MicrostructureOptions o =
        PipelineOptionsFactory.fromArgs("--ofiHalfLifeSeconds=2.5", "--vpinWindow=7")
            .as(MicrostructureOptions.class);
    FeatureParameters p = MicrostructurePipeline.featureParameters(o);
    assertThat(p.ofiHalfLifeMicros()).isEqualTo(2_500_000L);
    assertThat(p.vpinWindow()).isEqualTo(7);
    assertThat(p.maxLevels()).isEqualTo(20);
  }
}
