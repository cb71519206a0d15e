package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.VolumeBars;
import io.microstructure.features.Vpin;
import io.microstructure.model.TradeBlock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * What a market's chunks carry in from its trades, and the trades' parts of a chunk replay.
 *
 * <p>VPIN's buckets run over all of a market's kept trades, and its default bucket volume comes
 * from their total: both are made in one pass over the market's {@link KeptTrades} in order (the
 * same sum in the same order as one pass over the whole market, so the same bits). The repeated
 * ids, the other carry that reaches across the whole market, come apart from {@link TradeIds}.
 */
public final class TradeCarries {
  private TradeCarries() {}

  /**
   * VPIN's bucket volume for a market: the configured one, or the spec's default from its kept
   * trades (total volume over 50 buckets per hour of their span); NaN without trades.
   */
  public static double bucketVolume(FeatureParameters params, String symbol, MarketEvents events) {
    Double configured = params.vpinBucketVolume(symbol);
    return configured != null ? configured : defaultBucketVolume(Totals.of(events));
  }

  /** A market's kept trades summed in order: their volume and time span. */
  public record Totals(double volume, long first, long last, long count) {
    /** Over a market's events: its kept trades, in the events' order. */
    public static Totals of(MarketEvents events) {
      double volume = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      long count = 0;
      for (int k = 0; k < events.size(); k++) {
        if (events.isTrade(k) && !events.isDuplicateTrade(k)) {
          long t = events.captureTs(k);
          volume += events.trade(k).amount(events.rowInBlock(k));
          first = Math.min(first, t);
          last = Math.max(last, t);
          count++;
        }
      }
      return new Totals(volume, first, last, count);
    }

    /** Over these pieces, in order (the same sum, in the same order, as one pass). */
    public static Totals of(Iterable<KeptTrades> inOrder) {
      double volume = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      long count = 0;
      for (KeptTrades t : inOrder) {
        double[] amount = t.amount();
        for (int i = 0; i < t.size(); i++) {
          volume += amount[i];
        }
        if (t.size() > 0) {
          first = Math.min(first, t.ts()[0]);
          last = Math.max(last, t.ts()[t.size() - 1]);
          count += t.size();
        }
      }
      return new Totals(volume, first, last, count);
    }
  }

  /** The same from a market's kept trades alone. */
  public static double bucketVolume(FeatureParameters params, String symbol, Totals totals) {
    Double configured = params.vpinBucketVolume(symbol);
    return configured != null ? configured : defaultBucketVolume(totals);
  }

  private static double defaultBucketVolume(Totals totals) {
    return totals.count() == 0
        ? Double.NaN
        : Vpin.defaultBucketVolume(totals.volume(), totals.first(), totals.last());
  }

  /**
   * VPIN as of the start of each of the market's chunks with snapshots, every earlier kept trade
   * added.
   *
   * @param inOrder the market's kept trades, in pieces in reconstructed order
   * @param vpin VPIN's state before the market's first trade (its bucket volume pinned)
   */
  public static Map<Long, Vpin> vpinAtChunkStarts(
      Iterable<KeptTrades> inOrder, MarketChunks chunks, Vpin vpin) {
    Map<Long, Vpin> atStart = new HashMap<>();
    ChunkPlan plan = chunks.plan();
    walk(
        inOrder,
        chunks.chunks().stream().filter(chunks::hasSnapshots).iterator(),
        plan::ownFrom,
        k -> atStart.put(k, vpin.copy()),
        (ts, buy, price, amount) -> vpin.add(buy, amount));
    return atStart;
  }

  /**
   * The trades' part of a market's carries at each resume point ({@link MarketCarry}): VPIN's
   * buckets and the volume bars' open bar with every earlier kept trade added.
   *
   * @param inOrder the kept trades the run owns, in pieces in reconstructed order
   * @param vpin VPIN's state before them; consumed
   * @param bars the volume bars' state before them; consumed
   */
  public static Map<Long, MarketCarry> atPoints(
      Iterable<KeptTrades> inOrder, SortedSet<Long> points, Vpin vpin, VolumeBars bars) {
    Map<Long, MarketCarry> at = new TreeMap<>();
    VolumeBars.Sink none = (start, values) -> {};
    walk(
        inOrder,
        points.iterator(),
        p -> p,
        p -> at.put(p, MarketCarry.ofTrades(vpin.copy(), bars.copy())),
        (ts, buy, price, amount) -> {
          vpin.add(buy, amount);
          bars.add(ts, buy, price, amount, none);
        });
    return at;
  }

  /** One kept trade. */
  private interface TradeStep {
    void add(long ts, boolean buy, double price, double amount);
  }

  /**
   * Kept trades in order, with marks between them: each mark (ascending, at {@code timeOf} it) is
   * reached before the first trade at or after its time, the remaining ones after the last trade.
   * Trades after the last mark are not walked: no mark needs them.
   */
  private static void walk(
      Iterable<KeptTrades> inOrder,
      Iterator<Long> marks,
      LongUnaryOperator timeOf,
      LongConsumer atMark,
      TradeStep step) {
    Long next = marks.hasNext() ? marks.next() : null;
    for (KeptTrades trades : inOrder) {
      long[] ts = trades.ts();
      for (int i = 0; i < trades.size() && next != null; i++) {
        while (next != null && timeOf.applyAsLong(next) <= ts[i]) {
          atMark.accept(next);
          next = marks.hasNext() ? marks.next() : null;
        }
        step.add(ts[i], trades.buy()[i], trades.price()[i], trades.amount()[i]);
      }
    }
    while (next != null) {
      atMark.accept(next);
      next = marks.hasNext() ? marks.next() : null;
    }
  }

  /**
   * The trade part of the time-bar partials of one chunk: its own kept trades (capture_ts in
   * {@code [from, to)}) into the bar of each duration they fall in.
   */
  public static void timeBars(
      MarketEvents events, long from, long to, long[] durationsSeconds, SnapshotReplay.Sink sink) {
    TimeBarPartials bars = new TimeBarPartials(durationsSeconds, sink::bar);
    for (int k = 0; k < events.size(); k++) {
      long t = events.captureTs(k);
      if (events.isTrade(k) && t >= from && t < to && !events.isDuplicateTrade(k)) {
        TradeBlock b = events.trade(k);
        int r = events.rowInBlock(k);
        bars.trade(t, b.buy(r), b.price(r), b.amount(r));
      }
    }
    bars.finish();
  }
}
