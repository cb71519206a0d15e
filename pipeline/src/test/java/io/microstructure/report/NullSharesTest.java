package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NullSharesTest {
  @Test
  void sharesOverAllFilesAndAColumnAFileLacksIsNullThere() {
    NullShares s = new NullShares();
    Map<String, Long> first = new LinkedHashMap<>();
    first.put("a", 2L);
    first.put("b", 0L);
    s.addFile(10, first);
    s.addFile(5, Map.of("a", 1L)); // no column b: its 5 rows are null in b
    assertThat(s.rows()).isEqualTo(15);
    assertThat(s.shares())
        .containsExactly(new NullShares.Share("a", 3, 15), new NullShares.Share("b", 5, 15));
    assertThat(s.shares().get(0).share()).isEqualTo(3.0 / 15);
    assertThat(new NullShares().shares()).isEmpty();
    assertThat(new NullShares.Share("x", 0, 0).share()).isZero();
  }
}
