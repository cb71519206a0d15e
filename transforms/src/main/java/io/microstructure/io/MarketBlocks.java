package io.microstructure.io;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
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
 * each block on when it holds {@link #BLOCK_ROWS} rows or when the caller {@link #flush flushes}
 * (at the end of a row group). Not thread-safe: one instance per file being read.
 */
public final class MarketBlocks<T, B extends EventBlock> {
  /**
   * Rows per block: a 20-level book block is then ~2.6 MB, large enough that per-element costs
   * vanish and small enough for every runner's shuffle buffers.
   */
  public static final int BLOCK_ROWS = 4096;

  /** How a channel's rows are keyed and added to its block builder. */
  public interface Kind<T, B extends EventBlock> extends Serializable {
    String exchange(T row);

    String symbol(T row);

    /** A block of this market and file, to be filled. */
    Builder<T, B> builder(String exchange, String symbol, long fileKey);

    long fileKey(T row);
  }

  /** A block under construction. */
  public interface Builder<T, B extends EventBlock> {
    void add(T row);

    /** An order-book row given by its parts (see {@link RowSink#acceptBook}). */
    default void addBook(
        long captureTs,
        long seq,
        long row,
        double[] bidPrice,
        double[] bidAmount,
        int bids,
        double[] askPrice,
        double[] askAmount,
        int asks) {
      throw new UnsupportedOperationException("not an order-book block");
    }

    int size();

    B build();
  }

  public static final Kind<OrderBookSnapshot, BookBlock> BOOKS =
      new Kind<OrderBookSnapshot, BookBlock>() {
        private static final long serialVersionUID = 1L;

        @Override
        public String exchange(OrderBookSnapshot row) {
          return row.exchange();
        }

        @Override
        public String symbol(OrderBookSnapshot row) {
          return row.symbol();
        }

        @Override
        public long fileKey(OrderBookSnapshot row) {
          return row.fileKey();
        }

        @Override
        public Builder<OrderBookSnapshot, BookBlock> builder(
            String exchange, String symbol, long fileKey) {
          BookBlock.Builder b = BookBlock.builder(exchange, symbol, fileKey);
          return new Builder<OrderBookSnapshot, BookBlock>() {
            @Override
            public void add(OrderBookSnapshot row) {
              b.add(row);
            }

            @Override
            public void addBook(
                long captureTs,
                long seq,
                long row,
                double[] bidPrice,
                double[] bidAmount,
                int bids,
                double[] askPrice,
                double[] askAmount,
                int asks) {
              b.add(captureTs, seq, row, bidPrice, bidAmount, bids, askPrice, askAmount, asks);
            }

            @Override
            public int size() {
              return b.size();
            }

            @Override
            public BookBlock build() {
              return b.build();
            }
          };
        }
      };

  public static final Kind<Trade, TradeBlock> TRADES =
      new Kind<Trade, TradeBlock>() {
        private static final long serialVersionUID = 1L;

        @Override
        public String exchange(Trade row) {
          return row.exchange();
        }

        @Override
        public String symbol(Trade row) {
          return row.symbol();
        }

        @Override
        public long fileKey(Trade row) {
          return row.fileKey();
        }

        @Override
        public Builder<Trade, TradeBlock> builder(String exchange, String symbol, long fileKey) {
          TradeBlock.Builder b = TradeBlock.builder(exchange, symbol, fileKey);
          return new Builder<Trade, TradeBlock>() {
            @Override
            public void add(Trade row) {
              b.add(row);
            }

            @Override
            public int size() {
              return b.size();
            }

            @Override
            public TradeBlock build() {
              return b.build();
            }
          };
        }
      };

  public static final Kind<TickerUpdate, TickerBlock> TICKERS =
      new Kind<TickerUpdate, TickerBlock>() {
        private static final long serialVersionUID = 1L;

        @Override
        public String exchange(TickerUpdate row) {
          return row.exchange();
        }

        @Override
        public String symbol(TickerUpdate row) {
          return row.symbol();
        }

        @Override
        public long fileKey(TickerUpdate row) {
          return row.fileKey();
        }

        @Override
        public Builder<TickerUpdate, TickerBlock> builder(
            String exchange, String symbol, long fileKey) {
          TickerBlock.Builder b = TickerBlock.builder(exchange, symbol, fileKey);
          return new Builder<TickerUpdate, TickerBlock>() {
            @Override
            public void add(TickerUpdate row) {
              b.add(row);
            }

            @Override
            public int size() {
              return b.size();
            }

            @Override
            public TickerBlock build() {
              return b.build();
            }
          };
        }
      };

  private final Kind<T, B> kind;
  private final Consumer<B> out;
  private final Map<String, Map<String, Builder<T, B>>> builders = new LinkedHashMap<>();
  // The market of the previous row: consecutive rows usually share it (and its String instances).
  private String lastExchange;
  private String lastSymbol;
  private Builder<T, B> last;

  public MarketBlocks(Kind<T, B> kind, Consumer<B> out) {
    this.kind = kind;
    this.out = out;
  }

  public void add(T row) {
    Builder<T, B> b = builder(kind.exchange(row), kind.symbol(row), kind.fileKey(row));
    b.add(row);
    full(b);
  }

  /** An order-book row given by its parts, copied out of the caller's buffers. */
  public void addBook(
      String exchange,
      String symbol,
      long fileKey,
      long captureTs,
      long seq,
      long row,
      double[] bidPrice,
      double[] bidAmount,
      int bids,
      double[] askPrice,
      double[] askAmount,
      int asks) {
    Builder<T, B> b = builder(exchange, symbol, fileKey);
    b.addBook(captureTs, seq, row, bidPrice, bidAmount, bids, askPrice, askAmount, asks);
    full(b);
  }

  private Builder<T, B> builder(String exchange, String symbol, long fileKey) {
    if (last != null
        && (exchange == lastExchange || exchange.equals(lastExchange))
        && (symbol == lastSymbol || symbol.equals(lastSymbol))) {
      return last;
    }
    Builder<T, B> b =
        builders
            .computeIfAbsent(exchange, e -> new LinkedHashMap<>())
            .computeIfAbsent(symbol, s -> kind.builder(exchange, symbol, fileKey));
    last = b;
    lastExchange = exchange;
    lastSymbol = symbol;
    return b;
  }

  private void full(Builder<T, B> b) {
    if (b.size() >= BLOCK_ROWS) {
      out.accept(b.build());
    }
  }

  /** Hands on every non-empty block. */
  public void flush() {
    for (Map<String, Builder<T, B>> bySymbol : builders.values()) {
      for (Builder<T, B> b : bySymbol.values()) {
        if (b.size() > 0) {
          out.accept(b.build());
        }
      }
    }
  }
}
