package io.microstructure.input;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RawRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gathers one channel's decoded rows of one file into blocks per market, in file order, and hands
 * each block on when it is full or when the caller {@link #flush flushes} (at the end of a batch
 * of row groups, or of a row group that must stay apart from the next). Not thread-safe: one instance per file being read.
 */
public final class MarketBlocks<T extends RawRow, B extends EventBlock> {
  /**
   * Rows per block: a 20-level book block is then ~1.5 MB in memory, large enough that per-element
   * costs vanish and small enough for every runner's shuffle buffers.
   */
  public static final int BLOCK_ROWS = 4096;

  /** Book levels per block, both sides: deep books make shorter blocks of about the same size. */
  public static final int BLOCK_LEVELS = BLOCK_ROWS * 40;

  /** Makes the builder of a block of one market and file: a channel's kind of block. */
  @FunctionalInterface
  public interface Kind<T extends RawRow, B extends EventBlock> extends Serializable {
    EventBlock.Builder<T, B> builder(String exchange, String symbol, long fileKey);
  }

  public static final Kind<OrderBookSnapshot, BookBlock> BOOKS = BookBlock::builder;
  public static final Kind<Trade, TradeBlock> TRADES = TradeBlock::builder;
  public static final Kind<TickerUpdate, TickerBlock> TICKERS = TickerBlock::builder;

  private final Kind<T, B> kind;
  private final Consumer<B> out;
  private final Map<String, Map<String, EventBlock.Builder<T, B>>> builders = new LinkedHashMap<>();
  // The market of the previous row: consecutive rows usually share it (and its String instances).
  private String lastExchange;
  private String lastSymbol;
  private EventBlock.Builder<T, B> last;

  public MarketBlocks(Kind<T, B> kind, Consumer<B> out) {
    this.kind = kind;
    this.out = out;
  }

  public void add(T row) {
    EventBlock.Builder<T, B> b = builder(row.exchange(), row.symbol(), row.fileKey());
    b.add(row);
    handOnIfFull(b);
  }

  /**
   * An order-book row in a reader's buffers, copied into its block; for the {@link #BOOKS} kind
   * only.
   */
  public void addBook(BookRow r) {
    EventBlock.Builder<T, B> b = builder(r.exchange(), r.symbol(), r.fileKey());
    ((BookBlock.Builder) b)
        .add(
            r.captureTs(),
            r.seq(),
            r.row(),
            r.bidPrice(),
            r.bidAmount(),
            r.bids(),
            r.askPrice(),
            r.askAmount(),
            r.asks());
    handOnIfFull(b);
  }

  /** Hands on every non-empty block. */
  public void flush() {
    for (Map<String, EventBlock.Builder<T, B>> bySymbol : builders.values()) {
      for (EventBlock.Builder<T, B> b : bySymbol.values()) {
        if (b.size() > 0) {
          out.accept(b.build());
        }
      }
    }
  }

  /** Drops every row added since the last hand-on (a row group that failed half-way). */
  public void discard() {
    builders.clear();
    last = null;
    lastExchange = null;
    lastSymbol = null;
  }

  private EventBlock.Builder<T, B> builder(String exchange, String symbol, long fileKey) {
    if (last != null
        && (exchange == lastExchange || exchange.equals(lastExchange))
        && (symbol == lastSymbol || symbol.equals(lastSymbol))) {
      return last;
    }
    EventBlock.Builder<T, B> b =
        builders
            .computeIfAbsent(exchange, e -> new LinkedHashMap<>())
            .computeIfAbsent(symbol, s -> kind.builder(exchange, symbol, fileKey));
    last = b;
    lastExchange = exchange;
    lastSymbol = symbol;
    return b;
  }

  private void handOnIfFull(EventBlock.Builder<T, B> b) {
    if (b.size() >= BLOCK_ROWS || b.levels() >= BLOCK_LEVELS) {
      out.accept(b.build());
    }
  }
}
