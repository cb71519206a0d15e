package io.microstructure.coders;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.BlockRows;
import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.EventPosition;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.TradeBlock;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Blocks survive their coders whole: every column, nulls, NaN payloads, -0.0, both level forms. */
class BlockCodersTest {
  private final Random rnd = new Random(7);

  @Test
  void bookBlocksRoundTripWithScaledAndPlainLevels() throws Exception {
    BookBlock block = mixedBook();
    assertThat(block.bidPrices().exponent()).isEqualTo(2);
    assertThat(block.askPrices().exponent()).isEqualTo(-1);
    CoderProperties.coderDecodeEncodeEqual(EventBlockCoder.of(), block);
    EventBlock back = CoderUtils.clone(EventBlockCoder.of(), block);
    assertThat(back).isInstanceOf(BookBlock.class).isEqualTo(block);
    BookBlock book = (BookBlock) back;
    assertThat(Double.doubleToRawLongBits(book.snapshot(3).askAmount()[0]))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(book.snapshot(5).seq()).isEqualTo(EventPosition.NO_SEQ);
  }

  /**
   * Routed rows travel as a block of those rows only: the same block as one built snapshot by
   * snapshot from them (the builder, not the columnar copy), for both level forms and empty sides.
   */
  @Test
  void selectedRowsEncodeAsABlockOfThoseRows() throws Exception {
    BookBlock block = mixedBook();
    int[] rows = {0, 3, 4, 17, 48, 49};
    BookBlock.Builder expected = BookBlock.builder(block.exchange(), block.symbol(), block.fileKey());
    for (int r : rows) {
      expected.add(block.snapshot(r));
    }
    BlockRows routed = new BlockRows(block, rows);
    BlockRows back = CoderUtils.clone(BlockRowsCoder.of(), routed);
    assertThat(back.rows()).isNull();
    assertThat(back.block()).isEqualTo(expected.build());
    assertThat(((BookBlock) back.block()).askPrices().exponent()).isEqualTo(-1);
    assertThat(CoderUtils.clone(BlockRowsCoder.of(), BlockRows.all(block)).block()).isEqualTo(block);

    TradeBlock.Builder t = TradeBlock.builder("okx", "ETH/USDT", 5);
    t.add(10, 1, 0, "a1", true, 3000.5, 0.25);
    t.add(11, 2, 1, null, false, 3000.25, 1.5);
    t.add(12, 3, 2, "a3", true, 2999.75, 0.0);
    TradeBlock trades = t.build();
    TradeBlock.Builder lastTwo = TradeBlock.builder("okx", "ETH/USDT", 5);
    lastTwo.add(trades.trades().get(1));
    lastTwo.add(trades.trades().get(2));
    assertThat(CoderUtils.clone(BlockRowsCoder.of(), new BlockRows(trades, new int[] {1, 2})).block())
        .isEqualTo(lastTwo.build());

    TickerBlock.Builder k = TickerBlock.builder("okx", "ETH/USDT", 6);
    TickerUpdate first = new TickerUpdate("okx", "ETH/USDT", 10, 1, 6, 0, 1, 2, Double.NaN, 4, 5, -0.5);
    TickerUpdate second = new TickerUpdate("okx", "ETH/USDT", 11, 2, 6, 1, 1.5, 2.5, 3, Double.NaN, 5, 0);
    k.add(first);
    k.add(second);
    TickerBlock.Builder secondOnly = TickerBlock.builder("okx", "ETH/USDT", 6);
    secondOnly.add(second);
    assertThat(k.build().select(new int[] {1})).isEqualTo(secondOnly.build());
  }

  private BookBlock mixedBook() {
    BookBlock.Builder b = BookBlock.builder("binance", "BTC/USDT", 123L << 20);
    for (int i = 0; i < 50; i++) {
      int bids = rnd.nextInt(4);
      int asks = 1 + rnd.nextInt(3);
      double[] bp = new double[bids];
      double[] ba = new double[bids];
      double[] ap = new double[asks];
      double[] aa = new double[asks];
      for (int m = 0; m < bids; m++) {
        bp[m] = 100 - m * 0.25;
        ba[m] = rnd.nextInt(1000) / 100.0;
      }
      for (int m = 0; m < asks; m++) {
        // Irrational-looking prices: this column cannot be scaled and stays doubles.
        ap[m] = 101 + rnd.nextDouble();
        aa[m] = m == 0 && i == 3 ? -0.0 : rnd.nextInt(1000) / 100.0;
      }
      long seq = i % 5 == 0 ? EventPosition.NO_SEQ : i;
      b.add(1_767_571_200_000_000L + i, seq, i * 3L, bp, ba, bids, ap, aa, asks);
    }
    return b.build();
  }

  @Test
  void tradeAndTickerBlocksRoundTrip() throws Exception {
    TradeBlock.Builder t = TradeBlock.builder("okx", "ETH/USDT", 5);
    t.add(10, 1, 0, "a1", true, 3000.5, 0.25);
    t.add(11, 2, 1, null, false, 3000.25, 1.5);
    t.add(12, 3, 2, "ünïcode-id", true, 2999.75, 0.0);
    CoderProperties.coderDecodeEncodeEqual(EventBlockCoder.of(), t.build());

    TickerBlock.Builder k = TickerBlock.builder("okx", "ETH/USDT", 6);
    k.add(new TickerUpdate("okx", "ETH/USDT", 10, 1, 6, 0, 1, 2, Double.NaN, 4, 5, -0.5));
    k.add(new TickerUpdate("okx", "ETH/USDT", 11, 2, 6, 1, 1.5, 2.5, 3, Double.NaN, 5, 0));
    CoderProperties.coderDecodeEncodeEqual(EventBlockCoder.of(), k.build());
  }

  @Test
  void featureBlocksRoundTripTheirRowsOnly() throws Exception {
    FeatureBlock f = new FeatureBlock(3, 1, 8).clear("binance", "BTC/USDT");
    for (int i = 0; i < 5; i++) {
      int r = f.addRow(1000 + i);
      f.values(0)[r] = i;
      f.values(1)[r] = i % 2 == 0 ? Double.NaN : -0.0;
      f.values(2)[r] = Double.longBitsToDouble(0x7ff8000000000123L); // a NaN with a payload
      f.labels(0)[r] = i == 2 ? null : "id" + i;
    }
    FeatureBlock back = CoderUtils.clone(FeatureBlockCoder.of(), f);
    assertThat(back).isEqualTo(f);
    assertThat(back.size()).isEqualTo(5);
    assertThat(back.labels(0)[2]).isNull();
    assertThat(Double.doubleToRawLongBits(back.values(2)[4])).isEqualTo(0x7ff8000000000123L);
    CoderProperties.coderDecodeEncodeEqual(FeatureBlockCoder.of(), f.copy());
  }
}
