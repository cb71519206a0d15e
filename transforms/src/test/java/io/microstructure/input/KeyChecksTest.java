package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.CaptureTsRange;
import org.junit.jupiter.api.Test;

/** The shared key checks: which column is blamed, and in which order the checks run. */
class KeyChecksTest {
  // [2009-01-01T00:00:00Z, 2026-01-06T00:00:00Z] in epoch microseconds.
  private static final long MIN = 1_230_768_000_000_000L;
  private static final long MAX = 1_767_657_600_000_000L;
  private final KeyChecks checks = new KeyChecks(CaptureTsRange.ofMicros(MIN, MAX));

  private String verdict(String exchange, String symbol, boolean tsNull, long ts) {
    return checks.pass(exchange, symbol, tsNull, ts) ? "pass" : checks.column + "|" + checks.reason;
  }

  @Test
  void aGoodRowPassesAndClearsTheLastVerdict() {
    assertThat(verdict(null, "BTC/USDT", false, MIN)).startsWith("exchange|");
    assertThat(verdict("binance", "BTC/USDT", false, MIN)).isEqualTo("pass");
    assertThat(checks.column).isNull();
    assertThat(checks.reason).isNull();
    assertThat(verdict("binance", "BTC/USDT", false, MAX)).isEqualTo("pass");
  }

  @Test
  void eachColumnIsBlamedForItsOwnProblem() {
    String s201 = "S".repeat(201);
    assertThat(verdict(null, "BTC/USDT", false, MIN)).isEqualTo("exchange|required column is null");
    assertThat(verdict("", "BTC/USDT", false, MIN))
        .isEqualTo("exchange|exchange cannot name a partition folder: empty");
    assertThat(verdict("binance", null, false, MIN)).isEqualTo("symbol|required column is null");
    assertThat(verdict("binance", s201, false, MIN))
        .isEqualTo(
            "symbol|symbol cannot name a partition folder: 201 bytes once escaped, more than"
                + " 200");
    assertThat(verdict("binance", "BTC/USDT", true, 0))
        .isEqualTo("capture_ts|required column is null");
    assertThat(verdict("binance", "BTC/USDT", false, MIN - 1))
        .isEqualTo("capture_ts|capture_ts 2008-12-31T23:59:59.999999Z before 2009-01-01T00:00:00Z");
    assertThat(verdict("binance", "BTC/USDT", false, MAX + 1))
        .isEqualTo("capture_ts|capture_ts 2026-01-06T00:00:00.000001Z after 2026-01-06T00:00:00Z");
  }

  @Test
  void checksRunExchangeThenSymbolThenCaptureTs() {
    // Everything wrong: the exchange is named; then the symbol; then capture_ts.
    assertThat(verdict("", "", true, 0)).startsWith("exchange|");
    assertThat(verdict("binance", "", false, 0)).startsWith("symbol|");
    assertThat(verdict("binance", "BTC/USDT", false, 0)).startsWith("capture_ts|");
  }
}
