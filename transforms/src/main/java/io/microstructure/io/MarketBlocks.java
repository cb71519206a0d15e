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

    Builder<T, B> builder(T firstRow);
  }

  /** A block under construction. */
  public interface Builder<T, B extends EventBlock> {
    void add(T row);

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
        public Builder<OrderBookSnapshot, BookBlock> builder(OrderBookSnapshot first) {
          BookBlock.Builder b = BookBlock.builder(first.exchange(), first.symbol(), first.fileKey());
          return new Builder<OrderBookSnapshot, BookBlock>() {
            @Override
            public void add(OrderBookSnapshot row) {
              b.add(row);
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
        public Builder<Trade, TradeBlock> builder(Trade first) {
          TradeBlock.Builder b = TradeBlock.builder(first.exchange(), first.symbol(), first.fileKey());
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
        public Builder<TickerUpdate, TickerBlock> builder(TickerUpdate first) {
          TickerBlock.Builder b =
              TickerBlock.builder(first.exchange(), first.symbol(), first.fileKey());
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
    String exchange = kind.exchange(row);
    String symbol = kind.symbol(row);
    Builder<T, B> b;
    if (last != null
        && (exchange == lastExchange || exchange.equals(lastExchange))
        && (symbol == lastSymbol || symbol.equals(lastSymbol))) {
      b = last;
    } else {
      b =
          builders
              .computeIfAbsent(exchange, e -> new LinkedHashMap<>())
              .computeIfAbsent(symbol, s -> kind.builder(row));
      last = b;
      lastExchange = exchange;
      lastSymbol = symbol;
    }
    b.add(row);
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
