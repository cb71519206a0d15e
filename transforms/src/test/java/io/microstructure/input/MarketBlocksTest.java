package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows of interleaved markets gather into per-market blocks, in file order, capped in size. */
class MarketBlocksTest {
  @Test
  void interleavedMarketsGetBlocksOfTheirOwnAndFullBlocksLeaveAtOnce() {
    List<TradeBlock> out = new ArrayList<>();
    MarketBlocks<Trade, TradeBlock> blocks = new MarketBlocks<>(MarketBlocks.TRADES, out::add);
    int n = MarketBlocks.BLOCK_ROWS + 10;
    for (int i = 0; i < n; i++) {
      // Two markets row after row, as in a capture file; String instances differ per row.
      String symbol = new String(i % 2 == 0 ? "BTC/USDT" : "ETH/USDT");
      blocks.add(new Trade("binance", symbol, i, i, 9, i, "t" + i, true, 1, 1));
    }
    // Each market has n / 2 rows: one full block for neither yet (n / 2 < BLOCK_ROWS).
    assertThat(out).isEmpty();
    blocks.flush();
    assertThat(out).hasSize(2);
    for (TradeBlock b : out) {
      assertThat(b.size()).isEqualTo(n / 2);
      assertThat(b.fileKey()).isEqualTo(9);
      for (int i = 1; i < b.size(); i++) {
        assertThat(b.row(i)).as("file order").isGreaterThan(b.row(i - 1));
      }
    }
    assertThat(out.get(0).symbol()).isEqualTo("BTC/USDT");
    assertThat(out.get(0).row(0)).isEqualTo(0);
    assertThat(out.get(1).row(0)).isEqualTo(1);

    out.clear();
    for (int i = 0; i < MarketBlocks.BLOCK_ROWS + 1; i++) {
      blocks.add(new Trade("okx", "SOL/USDT", i, i, 9, i, null, false, 1, 1));
    }
    // The block left the moment it was full; the extra row waits for the flush.
    assertThat(out).hasSize(1);
    assertThat(out.get(0).size()).isEqualTo(MarketBlocks.BLOCK_ROWS);
    blocks.flush();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).size()).isEqualTo(1);
    assertThat(out.get(1).row(0)).isEqualTo(MarketBlocks.BLOCK_ROWS);
  }

  @Test
  void deepBooksMakeShorterBlocks() {
    List<io.microstructure.model.BookBlock> out = new ArrayList<>();
    MarketBlocks<io.microstructure.model.OrderBookSnapshot, io.microstructure.model.BookBlock>
        blocks = new MarketBlocks<>(MarketBlocks.BOOKS, out::add);
    // 100 levels a side: a block is handed on at the first row that brings it to BLOCK_LEVELS.
    double[] prices = new double[100];
    double[] amounts = new double[100];
    for (int m = 0; m < 100; m++) {
      prices[m] = 100 - m;
      amounts[m] = 1;
    }
    int perBlock = (MarketBlocks.BLOCK_LEVELS + 199) / 200;
    for (int i = 0; i < perBlock + 1; i++) {
      blocks.add(
          new io.microstructure.model.OrderBookSnapshot(
              "binance", "BTC/USDT", i, i, 1, i, prices, amounts, prices, amounts));
    }
    assertThat(out).hasSize(1);
    assertThat(out.get(0).size()).isEqualTo(perBlock);
    assertThat(out.get(0).bidLevels(perBlock - 1)).isEqualTo(100);
  }
}
