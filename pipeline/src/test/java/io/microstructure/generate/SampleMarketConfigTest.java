package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleMarketConfigTest {

  @Test
  void defaults() {
    GeneratorConfig c = GeneratorConfig.defaults();
    assertThat(c.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(c.end()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
    assertThat(c.seed()).isEqualTo(42);
    assertThat(c.exchanges()).containsExactly("binance", "okx");
    assertThat(c.symbols())
        .containsExactly("BTC/USDT", "ETH/USDT", "SOL/USDT", "1000PEPE/USDT:USDT");
    assertThat(c.source()).isEqualTo("ccxt");
    assertThat(c.snapshotHz()).isEqualTo(10);
    assertThat(c.bookLevels()).isEqualTo(20);
    assertThat(c.bookLayout()).isEqualTo(BookLayout.STRUCT);
    assertThat(c.legacyLists()).isFalse();
    assertThat(c.withSeq()).isTrue();
    assertThat(c.writeNdjson()).isTrue();
    assertThat(c.cleanOnly()).isFalse();
    assertThat(c.edgeCaseRates().values()).containsOnly(0.001);
    assertThat(c.gapsPerHour()).isEqualTo(1);
  }

  @Test
  void cleanOnlyZeroesEveryRateWhateverTheOrder() {
    GeneratorConfig c =
        GeneratorConfig.builder().cleanOnly(true).duplicateTradeRate(0.2).edgeCaseRate(0.3).build();
    assertThat(c.edgeCaseRates().values()).containsOnly(0.0);
    assertThat(c.toBuilder().cleanOnly(false).build().edgeCaseRates().values()).containsOnly(0.0);
    GeneratorConfig d = GeneratorConfig.builder().invalidRowRate(0.05).build();
    assertThat(d.invalidRowRate()).isEqualTo(0.05);
    assertThat(d.toBuilder().build().toString()).isEqualTo(d.toString());
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> GeneratorConfig.builder().hours(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().duration(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().exchanges(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().symbols("BTC/USDT", "BTC/USDT").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().source("a/b").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().snapshotHz(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().crossedBookRate(0.9).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratorConfig.builder().gapSeconds(400, 300).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneGapPerHourOfData() {
    GeneratorConfig oneHour = GeneratorConfig.defaults();
    Map<Integer, List<long[]>> w1 = SampleMarketGenerator.gapWindows(oneHour, 8);
    assertThat(w1.values().stream().mapToInt(List::size).sum()).isEqualTo(1);
    GeneratorConfig threeHours = GeneratorConfig.builder().hours(3).build();
    Map<Integer, List<long[]>> w3 = SampleMarketGenerator.gapWindows(threeHours, 8);
    List<long[]> all = w3.values().stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(3);
    for (long[] w : all) {
      assertThat(w[1] - w[0]).isBetween(320_000_000L, 400_000_000L);
      assertThat(w[0]).isGreaterThanOrEqualTo(threeHours.startMicros() + 30_000_000L);
      assertThat(w[1]).isLessThanOrEqualTo(threeHours.endMicros() - 30_000_000L);
    }
    // Deterministic, seed-dependent.
    assertThat(SampleMarketGenerator.gapWindows(oneHour, 8).get(w1.keySet().iterator().next()))
        .containsExactlyElementsOf(w1.values().iterator().next());
    GeneratorConfig tooShort = GeneratorConfig.builder().duration(Duration.ofMinutes(5)).build();
    assertThat(SampleMarketGenerator.gapWindows(tooShort, 8)).isEmpty();
    assertThat(
            SampleMarketGenerator.gapWindows(GeneratorConfig.builder().gapsPerHour(0).build(), 8))
        .isEmpty();
  }

  @Test
  void segmentNames() {
    long start = GeneratorConfig.toMicros(Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(SampleMarketGenerator.segmentName(start, start + 3_600_000_000L))
        .isEqualTo("segment_20260105T000000_20260105T010000");
  }

  @Test
  void decimalsArePrintedExactly() {
    assertThat(NdjsonWriter.fixedToString(600001, 1)).isEqualTo("60000.1");
    assertThat(NdjsonWriter.fixedToString(600000, 1)).isEqualTo("60000.0");
    assertThat(NdjsonWriter.fixedToString(118166, 7)).isEqualTo("0.0118166");
    assertThat(NdjsonWriter.fixedToString(120000, 7)).isEqualTo("0.012");
    assertThat(NdjsonWriter.fixedToString(5, 3)).isEqualTo("0.005");
    assertThat(NdjsonWriter.fixedToString(3869809, 0)).isEqualTo("3869809.0");
    assertThat(NdjsonWriter.fixedToString(-1050, 2)).isEqualTo("-10.5");
    for (long units : new long[] {1, 7, 118166, 600001, 123456789}) {
      for (int d = 0; d <= 9; d++) {
        assertThat(Double.parseDouble(NdjsonWriter.fixedToString(units, d)))
            .isEqualTo(units / CaptureRow.POW10[d]);
      }
    }
  }
}
