package io.microstructure.engine;

import io.microstructure.features.Vpin;
import io.microstructure.model.TradeBlock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The carries of a market's chunks that come from its trades alone, in one pass over all of them
 * in order (trades are small next to books): VPIN's buckets as of each chunk's start, and the
 * trades of each chunk's context that repeat the id of an earlier trade outside that context.
 */
public final class TradeCarries {
  /** One chunk's: VPIN as of its start, and its context's repeats of ids seen before it. */
  public record Carry(Vpin vpinAtOwnFrom, Set<ChunkContext.TradePosition> repeats)
      implements java.io.Serializable {}

  private TradeCarries() {}

  /**
   * VPIN's bucket volume for a market: the configured one, or the spec's default from its kept
   * trades (total volume over 50 buckets per hour of their span); NaN without trades.
   */
  public static double bucketVolume(
      io.microstructure.features.FeatureParameters params, String symbol, MarketEvents events) {
    Double configured = params.vpinBucketVolume(symbol);
    if (configured != null) {
      return configured;
    }
    double volume = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int k = 0; k < events.size(); k++) {
      if (events.isTrade(k) && !events.isDuplicateTrade(k)) {
        long t = events.captureTs(k);
        volume += events.trade(k).amount(events.rowInBlock(k));
        first = Math.min(first, t);
        last = Math.max(last, t);
      }
    }
    return first > last ? Double.NaN : Vpin.defaultBucketVolume(volume, first, last);
  }

  /**
   * The trade part of the time-bar partials of a market replayed in chunks: every kept trade (ids
   * repeated anywhere in the market dropped) into the bar of each duration it falls in.
   */
  public static void timeBars(
      MarketEvents trades, long[] durationsSeconds, SnapshotReplay.Sink sink) {
    TimeBarPartials bars = new TimeBarPartials(durationsSeconds, sink::bar);
    for (int k = 0; k < trades.size(); k++) {
      if (trades.isTrade(k) && !trades.isDuplicateTrade(k)) {
        TradeBlock b = trades.trade(k);
        int r = trades.rowInBlock(k);
        bars.trade(trades.captureTs(k), b.buy(r), b.price(r), b.amount(r));
      }
    }
    bars.finish();
  }

  /**
   * @param trades the market's trades, sorted (other events are skipped)
   * @param chunks the market's replayed chunks
   * @param vpin VPIN's state before the market's first trade (its bucket volume pinned)
   */
  public static Map<Long, Carry> of(MarketEvents trades, MarketChunks chunks, Vpin vpin) {
    Map<Long, Vpin> atStart = new HashMap<>();
    Map<Long, Set<ChunkContext.TradePosition>> repeats = new HashMap<>();
    Map<String, Long> firstSeen = new HashMap<>();
    Iterator<Long> pending = chunks.chunks().iterator();
    Long next = pending.hasNext() ? pending.next() : null;
    ChunkPlan plan = chunks.plan();
    for (int k = 0; k < trades.size(); k++) {
      if (!trades.isTrade(k)) {
        continue;
      }
      long t = trades.captureTs(k);
      while (next != null && plan.ownFrom(next) <= t) {
        atStart.put(next, vpin.copy());
        next = pending.hasNext() ? pending.next() : null;
      }
      TradeBlock b = trades.trade(k);
      int r = trades.rowInBlock(k);
      String id = b.id(r);
      Long first = id == null ? null : firstSeen.putIfAbsent(id, t);
      if (first == null) {
        vpin.add(b.buy(r), b.amount(r));
        continue;
      }
      // A repeat: where its first trade is outside the context, the chunk cannot see it.
      ChunkContext.TradePosition at = new ChunkContext.TradePosition(b.fileKey(), b.row(r));
      long firstTs = first;
      chunks.chunksOf(
          t,
          c -> {
            if (chunks.contextStart(c) > firstTs) {
              repeats.computeIfAbsent(c, x -> new HashSet<>()).add(at);
            }
          });
    }
    while (next != null) {
      atStart.put(next, vpin.copy());
      next = pending.hasNext() ? pending.next() : null;
    }
    Map<Long, Carry> carries = new HashMap<>();
    for (long c : chunks.chunks()) {
      carries.put(c, new Carry(atStart.get(c), repeats.getOrDefault(c, Set.of())));
    }
    return carries;
  }
}
