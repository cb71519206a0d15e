package io.microstructure.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a value can name a partition folder: 1 to 200 bytes once made path-safe. */
class PartitionValueTest {
  @Test
  void ordinaryValuesCan() {
    assertThat(PartitionValue.problem("symbol", "BTC/USDT")).isNull();
    assertThat(PartitionValue.problem("symbol", "1000PEPE/USDT:USDT")).isNull();
    assertThat(PartitionValue.problem("exchange", "b")).isNull();
  }

  @Test
  void anEmptyValueCannot() {
    assertThat(PartitionValue.problem("exchange", ""))
        .isEqualTo("exchange cannot name a partition folder: empty");
  }

  @Test
  void twoHundredBytesCanTwoHundredAndOneCannot() {
    assertThat(PartitionValue.problem("symbol", "A".repeat(200))).isNull();
    assertThat(PartitionValue.problem("symbol", "A".repeat(201)))
        .isEqualTo(
            "symbol cannot name a partition folder: 201 bytes after sanitising, more than 200");
    assertThat(PartitionValue.problem("symbol", "B".repeat(300)))
        .isEqualTo(
            "symbol cannot name a partition folder: 300 bytes after sanitising, more than 200");
  }

  @Test
  void bytesAreCountedAfterSanitising() {
    // 150 × '€' is 450 bytes of UTF-8 but becomes 150 × '-' in the folder name: accepted.
    assertThat("€".repeat(150).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(450);
    assertThat(PartitionValue.problem("symbol", "€".repeat(150))).isNull();
    // 67 × "€/" plus "X" is 135 characters, so 135 bytes once sanitised: accepted.
    assertThat(PartitionValue.problem("symbol", "€/".repeat(67) + "X")).isNull();
    // 101 × "/:" is 202 characters: 202 dashes, refused.
    assertThat(PartitionValue.problem("symbol", "/:".repeat(101)))
        .isEqualTo(
            "symbol cannot name a partition folder: 202 bytes after sanitising, more than 200");
  }

  @Test
  void theCheckAgreesWithTheFolderName() {
    for (String v : new String[] {"BTC/USDT", "€".repeat(201), "ß/€", "a".repeat(200)}) {
      int bytes = MarketFilter.pathSafe(v).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      assertThat(PartitionValue.problem("symbol", v) == null).as(v).isEqualTo(bytes <= 200);
    }
  }
}
