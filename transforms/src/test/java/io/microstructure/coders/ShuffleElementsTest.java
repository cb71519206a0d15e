package io.microstructure.coders;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.TradeBlock;
import java.util.stream.IntStream;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The estimate of a row's size follows what the coder writes, so elements stay near the target. */
class ShuffleElementsTest {

  @Test
  void aPieceOfABookBlockEncodesToAboutTheTarget() throws Exception {
    for (boolean decimal : new boolean[] {true, false}) {
      BookBlock.Builder b = BookBlock.builder("binance", "BTC/USDT", 1);
      double[] bp = new double[20];
      double[] ba = new double[20];
      double[] ap = new double[20];
      double[] aa = new double[20];
      for (int i = 0; i < 20_000; i++) {
        for (int m = 0; m < 20; m++) {
          // Decimal prices scale to ints; irrational-looking ones stay doubles.
          bp[m] = decimal ? 100 - m * 0.25 : 100 - m * Math.PI / 7;
          ba[m] = (i + m) % 97 / 100.0;
          ap[m] = decimal ? 101 + m * 0.25 : 101 + m * Math.E / 7;
          aa[m] = (i * 3 + m) % 89 / 100.0;
        }
        b.add(1_000_000L * i, i, i, bp, ba, 20, ap, aa, 20);
      }
      BookBlock block = b.build();
      int per = ShuffleElements.rowsPerElement(block);
      EventBlock piece = block.select(IntStream.range(0, per).toArray());
      long bytes = CoderUtils.encodeToByteArray(EventBlockCoder.of(), piece).length;
      assertThat(bytes).isBetween(ShuffleElements.TARGET_BYTES * 8 / 10, ShuffleElements.TARGET_BYTES * 12 / 10);
      // 20 levels a side at 4 (decimal) or 8 (price doubles) bytes per price, 4 per amount.
      assertThat(per).isEqualTo((int) (ShuffleElements.TARGET_BYTES / (24 + 8 + 40 * (decimal ? 8 : 12))));
    }
  }

  @Test
  void tradesAreCutToo() throws Exception {
    TradeBlock.Builder t = TradeBlock.builder("okx", "ETH/USDT", 5);
    for (int i = 0; i < 40_000; i++) {
      t.add(i, i, i, "id-" + (1_000_000_000L + i), i % 2 == 0, 3000 + i % 10, 0.25);
    }
    TradeBlock block = t.build();
    int per = ShuffleElements.rowsPerElement(block);
    assertThat(per).isLessThan(block.size());
    long bytes =
        CoderUtils.encodeToByteArray(
                EventBlockCoder.of(), block.select(IntStream.range(0, per).toArray()))
            .length;
    assertThat(bytes).isLessThanOrEqualTo(ShuffleElements.TARGET_BYTES);
  }
}
