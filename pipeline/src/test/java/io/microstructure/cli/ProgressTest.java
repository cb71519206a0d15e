package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void showsRowsReadOutOfTheInputsRowsAndWhenReadingShouldEnd() {
    Map<String, Long> counters =
        Map.of(
            "orderbook/rows_read", 100L,
            "trades/rows_read", 50L,
            "ticker/rows_read", 50L,
            "orderbook/rows_written", 7L);
    Map<String, Long> totals = Map.of("orderbook", 400L, "trades", 100L, "ticker", 100L);

    // 200 of 600 rows in 10 s: a third, so 20 s more at that pace.
    assertThat(Progress.line(counters, totals, 10))
        .isEqualTo(
            "     10 s  read:  orderbook 100/400  trades 50/100  ticker 50/100  |  written: 7 rows"
                + "  |  reading: 33%, about 20 s left");
  }

  @Test
  void withoutTotalsShowsWhatWasReadAndOnceAllIsReadSaysSo() {
    Map<String, Long> counters = Map.of("orderbook/rows_read", 400L, "trades/rows_read", 100L);

    assertThat(Progress.line(counters, Map.of(), 3))
        .isEqualTo("      3 s  read:  orderbook 400  trades 100  ticker 0  |  written: 0 rows");
    assertThat(Progress.line(counters, Map.of("orderbook", 400L, "trades", 100L), 3))
        .endsWith("|  input read; computing and writing");
  }
}
