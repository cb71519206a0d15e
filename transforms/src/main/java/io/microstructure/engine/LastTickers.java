package io.microstructure.engine;

import io.microstructure.model.TickerBlock;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per chunk of a market, its last ticker update in reconstructed order: what a chunk's ticker rows
 * carry in, since ticker_log_return compares each update with the key's previous one, however far
 * back it is. Small (one entry per chunk with updates) and merged exactly in any order.
 */
public final class LastTickers implements Serializable {
  private static final long serialVersionUID = 1L;

  /** An update's place in the reconstructed order, and its last (NaN: null). */
  public record Update(long ts, long seq, long fileKey, long row, double last)
      implements Serializable {
    boolean after(Update o) {
      return ReconstructedOrder.compareInChannel(ts, seq, fileKey, row, o.ts, o.seq, o.fileKey, o.row)
          > 0;
    }

    /** The later of two updates in reconstructed order; either may be null. */
    public static Update later(Update a, Update b) {
      if (a == null) {
        return b;
      }
      return b == null || !b.after(a) ? a : b;
    }
  }

  private final TreeMap<Long, Update> lastPerChunk = new TreeMap<>();

  /** The last update of each chunk among a block's. */
  public static LastTickers of(TickerBlock b, ChunkPlan plan) {
    LastTickers l = new LastTickers();
    for (int r = 0; r < b.size(); r++) {
      l.put(
          plan.chunkOf(b.captureTs(r)),
          new Update(b.captureTs(r), b.seq(r), b.fileKey(), b.row(r), b.value(TickerBlock.LAST, r)));
    }
    return l;
  }

  private void put(long chunk, Update u) {
    lastPerChunk.merge(chunk, u, (a, b) -> b.after(a) ? b : a);
  }

  /** Both together: per chunk, the later update. */
  public LastTickers merge(LastTickers o) {
    for (Map.Entry<Long, Update> e : o.lastPerChunk.entrySet()) {
      put(e.getKey(), e.getValue());
    }
    return this;
  }

  /** The last of the market's update before this chunk: NaN when there is none, or it is null. */
  public double lastBefore(long chunk) {
    Update u = updateBefore(chunk);
    return u == null ? Double.NaN : u.last();
  }

  /** The market's last update before this chunk; null when there is none. */
  public Update updateBefore(long chunk) {
    Map.Entry<Long, Update> e = lastPerChunk.lowerEntry(chunk);
    return e == null ? null : e.getValue();
  }

  /** These updates and one more (an earlier run's last, carried in), in its chunk. */
  public LastTickers with(Update u, ChunkPlan plan) {
    if (u != null) {
      put(plan.chunkOf(u.ts()), u);
    }
    return this;
  }
}
