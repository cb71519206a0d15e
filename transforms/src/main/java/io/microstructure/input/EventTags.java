package io.microstructure.input;

import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The tags of what a read produces and the feature computation takes: blocks of valid rows per
 * channel, and the dead letters of every channel.
 */
public final class EventTags {
  private EventTags() {}

  public static final TupleTag<BookBlock> SNAPSHOTS = new TupleTag<BookBlock>("snapshots") {};
  public static final TupleTag<TradeBlock> TRADES = new TupleTag<TradeBlock>("trades") {};
  public static final TupleTag<TickerBlock> TICKERS = new TupleTag<TickerBlock>("tickers") {};
  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<RejectedRow>("rejected") {};

  /** The tag of a channel's blocks. */
  public static TupleTag<? extends EventBlock> of(Channel channel) {
    switch (channel) {
      case ORDERBOOK:
        return SNAPSHOTS;
      case TRADES:
        return TRADES;
      default:
        return TICKERS;
    }
  }
}
