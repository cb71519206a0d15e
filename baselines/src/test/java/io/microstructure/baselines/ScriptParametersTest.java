package io.microstructure.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptParametersTest {
  @Test
  void fillsEveryParameterAsTheTextOfAStringLiteral() {
    assertThat(
            ScriptParameters.substitute(
                "FROM read_parquet('${raw_root}/x/*.parquet') TO '${output_dir}' -- ${raw_root}",
                Map.of("raw_root", "/data/it's", "output_dir", "/out/$1\\n")))
        .isEqualTo("FROM read_parquet('/data/it''s/x/*.parquet') TO '/out/$1\\n' -- /data/it''s");
  }

  @Test
  void aParameterWithoutAValueIsAnErrorNotLeftInTheScript() {
    assertThatThrownBy(() -> ScriptParameters.substitute("'${out}'", Map.of("output_dir", "o")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${out}")
        .hasMessageContaining("output_dir");
  }
}
