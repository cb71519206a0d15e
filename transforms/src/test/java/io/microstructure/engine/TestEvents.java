package io.microstructure.engine;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One market's events built by hand, row by row, for the engine tests: rows of one channel and file
 * go into one block, in the order they are added (as a reader would emit them).
 */
final class TestEvents {
  private final Map<Long, BookBlock.Builder> books = new LinkedHashMap<>();
  private final Map<Long, TradeBlock.Builder> trades = new LinkedHashMap<>();
  private final Map<Long, TickerBlock.Builder> tickers = new LinkedHashMap<>();

  TestEvents add(OrderBookSnapshot s) {
    books.computeIfAbsent(s.fileKey(), k -> BookBlock.builder(s.exchange(), s.symbol(), k)).add(s);
    return this;
  }

  TestEvents add(Trade t) {
    trades
        .computeIfAbsent(t.fileKey(), k -> TradeBlock.builder(t.exchange(), t.symbol(), k))
        .add(t);
    return this;
  }

  TestEvents add(TickerUpdate t) {
    tickers
        .computeIfAbsent(t.fileKey(), k -> TickerBlock.builder(t.exchange(), t.symbol(), k))
        .add(t);
    return this;
  }

  /** The blocks of the events added, one per file. */
  List<EventBlock> blocks() {
    List<EventBlock> blocks = new ArrayList<>();
    books.values().forEach(b -> blocks.add(b.build()));
    trades.values().forEach(b -> blocks.add(b.build()));
    tickers.values().forEach(b -> blocks.add(b.build()));
    return blocks;
  }

  /** The events added, in reconstructed order. */
  MarketEvents sorted() {
    MarketEvents events = MarketEvents.of(blocks());
    events.sortByReconstructedOrder();
    return events;
  }
}
