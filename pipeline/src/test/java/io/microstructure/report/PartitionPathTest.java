package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPathTest {
  @Test
  void marketAndDayComeFromTheFoldersPercentDecoded() {
    assertThat(
            PartitionPath.ofRelativeFile(
                "ccxt/orderbook/hf/exchange=binance/symbol=BTC%2FUSDT%3AUSDT/date=2026-01-05/part-00000-of-00001.parquet"))
        .contains(new PartitionPath("ccxt/orderbook/hf", "binance", "BTC/USDT:USDT", LocalDate.of(2026, 1, 5)));
    assertThat(
            PartitionPath.ofRelativeFile(
                "ccxt/orderbook/bars/duration=60s/exchange=okx/symbol=ETH-USDT/date=2026-01-06/x.parquet"))
        .contains(new PartitionPath("ccxt/orderbook/bars/duration=60s", "okx", "ETH-USDT", LocalDate.of(2026, 1, 6)));
    assertThat(PartitionPath.ofRelativeFile("ccxt/orderbook/hf/x.parquet")).isEmpty();
    assertThat(PartitionPath.ofRelativeFile("t/exchange=a/symbol=b/date=yesterday/x.parquet")).isEmpty();
  }

  @Test
  void filterMatchesSymbolsAsGivenOrPathSafeAndDayRanges() {
    PartitionPath p = new PartitionPath("t", "binance", "BTC-USDT", LocalDate.of(2026, 1, 5));
    PartitionPath encoded = new PartitionPath("t", "binance", "BTC/USDT", LocalDate.of(2026, 1, 5));
    Selection btc = new Selection(List.of(), List.of("BTC/USDT"), List.of());
    assertThat(btc.matches(p)).isTrue();
    assertThat(btc.matches(encoded)).isTrue();
    assertThat(btc.matches(new PartitionPath("t", "binance", "ETH-USDT", p.date()))).isFalse();
    Selection days = new Selection(List.of("okx"), List.of(), List.of(DateRange.parse("2026-01-04..2026-01-05")));
    assertThat(days.matches(p)).isFalse(); // binance
    assertThat(days.matches(new PartitionPath("t", "okx", "X", LocalDate.of(2026, 1, 4)))).isTrue();
    assertThat(days.matches(new PartitionPath("t", "okx", "X", LocalDate.of(2026, 1, 6)))).isFalse();
    assertThat(Selection.ALL.matches(p)).isTrue();
    assertThat(DateRange.parse("2026-01-05").toString()).isEqualTo("2026-01-05");
    assertThatThrownBy(() -> DateRange.parse("2026-1-5")).hasMessageContaining("'2026-1-5' is not a UTC day");
    assertThatThrownBy(() -> DateRange.parse("2026-01-05..2026-01-04")).hasMessageContaining("ends before");
  }
}
