package io.microstructure.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Partition folder values: escaped as Spark writes them, decoded as pyarrow reads them. */
class PartitionValueTest {
  @Test
  void ccxtSymbolsAreEscapedAsSparkWritesThem() {
    // Spark's ExternalCatalogUtils.escapePathName: '/' → %2F, ':' → %3A, '=' → %3D, '%' → %25.
    assertThat(PartitionValue.escape("BTC/USDT")).isEqualTo("BTC%2FUSDT");
    assertThat(PartitionValue.escape("1000PEPE/USDT:USDT")).isEqualTo("1000PEPE%2FUSDT%3AUSDT");
    assertThat(PartitionValue.escape("a=b%c d")).isEqualTo("a%3Db%25c%20d");
    assertThat(PartitionValue.escape("BTC-USDT")).isEqualTo("BTC-USDT");
    assertThat(PartitionValue.escape("binance.us_2")).isEqualTo("binance.us_2");
    assertThat(PartitionValue.escape("€/x")).isEqualTo("€%2Fx");
  }

  @Test
  void foldersDecodeAsPyarrowDecodesThem() {
    assertThat(PartitionValue.unescape("BTC%2FUSDT")).isEqualTo("BTC/USDT");
    assertThat(PartitionValue.unescape("BTC%2fUSDT")).isEqualTo("BTC/USDT");
    // A tool that escapes everything (pyarrow's writer) escapes multi-byte UTF-8 too.
    assertThat(PartitionValue.unescape("%E2%82%AC%2Fx")).isEqualTo("€/x");
    assertThat(PartitionValue.unescape("100%")).isEqualTo("100%");
    assertThat(PartitionValue.unescape("%zz1")).isEqualTo("%zz1");
    assertThat(PartitionValue.unescape("%zz%4")).isEqualTo("%zz%4");
    assertThat(PartitionValue.unescape("%25")).isEqualTo("%");
    assertThat(PartitionValue.unescape("a+b")).isEqualTo("a+b"); // path rules, not form encoding
    assertThat(PartitionValue.unescape("%E2%82%AC%20x")).isEqualTo("€ x");
  }

  @Property
  void escapingRoundTripsAndNeverLeavesASeparator(@ForAll String value) {
    String folder = PartitionValue.escape(value);
    assertThat(folder).doesNotContain("/", "\\", ":", "=", "*", "?", "\"", "<", ">", "|");
    if (StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
      assertThat(PartitionValue.unescape(folder)).isEqualTo(value);
    }
  }

  @Property
  void distinctValuesGetDistinctFolders(@ForAll String a, @ForAll String b) {
    if (!a.equals(b)) {
      assertThat(PartitionValue.escape(a)).isNotEqualTo(PartitionValue.escape(b));
    }
  }

  @Test
  void anEmptyValueCannotNameAFolder() {
    assertThat(PartitionValue.problem("exchange", ""))
        .isEqualTo("exchange cannot name a partition folder: empty");
  }

  @Test
  void twoHundredBytesOnceEscapedCanTwoHundredAndOneCannot() {
    assertThat(PartitionValue.problem("symbol", "A".repeat(200))).isNull();
    assertThat(PartitionValue.problem("symbol", "A".repeat(201)))
        .isEqualTo("symbol cannot name a partition folder: 201 bytes once escaped, more than 200");
    // 66 × '/' is 198 bytes once escaped; one more character of 3 bytes is 201.
    assertThat(PartitionValue.problem("symbol", "/".repeat(66) + "AB")).isNull();
    assertThat(PartitionValue.problem("symbol", "/".repeat(67)))
        .isEqualTo("symbol cannot name a partition folder: 201 bytes once escaped, more than 200");
    // '€' stays as is: 3 bytes of UTF-8 each.
    assertThat(PartitionValue.problem("symbol", "€".repeat(66) + "AB")).isNull();
    assertThat(PartitionValue.problem("symbol", "€".repeat(67)))
        .isEqualTo("symbol cannot name a partition folder: 201 bytes once escaped, more than 200");
  }
}
