package io.microstructure.features;

import java.io.Serializable;
import java.util.List;

/**
 * Volume bars of one key (features.md, "Volume bars (trades channel)") from its valid, deduplicated
 * trades in reconstructed order. A bar closes when its cumulative base volume reaches {@code
 * barSize}; the trade that crosses the threshold is split pro rata and its remainder opens the next
 * bar (a huge trade fills as many bars as it needs). The taker side classifies each piece of a
 * trade; a split trade counts in the trade_count and OHLC of every bar it touches, and its
 * capture_ts is the bar_end of the bar it closes and the bar_start of the bar its remainder opens.
 * Bucket filling follows {@link Vpin}'s rules.
 *
 * <p>Decisions where the spec is silent:
 *
 * <ul>
 *   <li>A bar is complete once its volume is within {@code 1e-9·barSize} of the size, from below
 *       (ten trades of 0.1 summing to 0.9999999999999999 fill a bar of 1) or from above: a trade
 *       whose amount overshoots the open bar's space by at most that much goes into the bar whole
 *       rather than opening a next bar with a dust remainder. So an exact fill never opens an empty
 *       bar, and a shortfall is never carried into the next bar.
 *   <li>A zero-amount trade (valid data) counts in the open bar's trade_count, OHLC and bar_end and
 *       adds no volume; if no bar is open it opens one. It never closes a bar by itself.
 *   <li>vwap is null (NaN) for a bar without volume, which only the final incomplete bar can be
 *       (zero-amount trades only).
 *   <li>A {@code barSize} that is not finite and &gt; 0 disables the bars: nothing is emitted.
 *       Trades whose amount is not finite and ≥ 0 are ignored (they are invalid and dead-lettered
 *       upstream). A bar size so small against a trade that splitting it makes no progress throws
 *       {@link IllegalArgumentException} rather than looping forever.
 * </ul>
 *
 * <p>Allocation-free per trade; one values array per emitted bar, owned by the sink. Mutable, one
 * instance per key, not thread-safe.
 */
public final class VolumeBars implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS = FeatureColumn.names(columns());

  /** A bar's columns: its index and trade count, bar_end (a time), complete; the rest doubles. */
  public static List<FeatureColumn> columns() {
    return List.of(
        FeatureColumn.ofLong("bar_index"),
        FeatureColumn.of("bar_end", FeatureColumn.Type.TIMESTAMP),
        FeatureColumn.ofDouble("open"),
        FeatureColumn.ofDouble("high"),
        FeatureColumn.ofDouble("low"),
        FeatureColumn.ofDouble("close"),
        FeatureColumn.ofDouble("volume"),
        FeatureColumn.ofDouble("buy_volume"),
        FeatureColumn.ofDouble("sell_volume"),
        FeatureColumn.ofDouble("vwap"),
        FeatureColumn.ofLong("trade_count"),
        FeatureColumn.of("complete", FeatureColumn.Type.BOOLEAN));
  }

  /** Receives each bar as it closes, in bar_index order. */
  public interface Sink {
    /**
     * One bar: its start (capture_ts of its first trade, µs) and its values in {@link #COLUMNS}
     * order (bar_end as µs, complete 1.0/0.0). {@code values} is a fresh array the sink may keep.
     */
    void bar(long barStart, double[] values);
  }

  private final double barSize;
  private final boolean enabled;
  private final double slack;

  private long barIndex;
  private boolean open;
  private long barStart;
  private long barEnd;
  private double openPrice;
  private double high;
  private double low;
  private double close;
  private double volume;
  private double buyVolume;
  private double sellVolume;
  private double notional;
  private long tradeCount;

  /** Bars of {@code barSize} base volume; not finite and &gt; 0: no bars at all. */
  public VolumeBars(double barSize) {
    this.barSize = barSize;
    this.enabled = barSize > 0 && Double.isFinite(barSize);
    this.slack = enabled ? Vpin.COMPLETION_TOLERANCE * barSize : 0;
  }

  /** The bar size, pinned for the market's life. */
  public double barSize() {
    return barSize;
  }

  /** A copy of this state, to continue from elsewhere (a later run of the market). */
  public VolumeBars copy() {
    VolumeBars c = new VolumeBars(barSize);
    c.barIndex = barIndex;
    c.open = open;
    c.barStart = barStart;
    c.barEnd = barEnd;
    c.openPrice = openPrice;
    c.high = high;
    c.low = low;
    c.close = close;
    c.volume = volume;
    c.buyVolume = buyVolume;
    c.sellVolume = sellVolume;
    c.notional = notional;
    c.tradeCount = tradeCount;
    return c;
  }

  /**
   * The spec's default bar size, the same as the default VPIN bucket volume: the key's total traded
   * base volume / (50 × span hours), span from the first to the last trade's capture_ts, one hour
   * when the span is 0. NaN when {@code totalBaseVolume} is not finite and &gt; 0.
   *
   * @throws IllegalArgumentException when {@code lastTradeMicros < firstTradeMicros}
   */
  public static double defaultBarSize(
      double totalBaseVolume, long firstTradeMicros, long lastTradeMicros) {
    return Vpin.defaultBucketVolume(totalBaseVolume, firstTradeMicros, lastTradeMicros);
  }

  /**
   * The next trade in reconstructed order; {@code buy} is the taker's side. Emits every bar it
   * completes.
   *
   * @throws IllegalArgumentException when the bar size is too small to split the trade (see above)
   */
  public void add(long captureTs, boolean buy, double price, double amount, Sink sink) {
    if (!enabled || !(amount >= 0) || amount == Double.POSITIVE_INFINITY) {
      return;
    }
    double rem = amount;
    while (true) {
      touch(captureTs, price);
      double space = barSize - volume;
      if (rem < space - slack) {
        put(buy, price, rem);
        return;
      }
      // The bar completes; a remainder within the tolerance stays in it instead of making dust.
      boolean fits = rem <= space + slack;
      double take = fits ? rem : space;
      put(buy, price, take);
      emit(sink, true);
      if (fits) {
        return;
      }
      double left = rem - take;
      if (!(left < rem)) {
        // A bar size below the trade's rounding step: splitting would never end.
        throw new IllegalArgumentException(
            "volume bar size " + barSize + " too small for a trade of " + amount);
      }
      rem = left;
    }
  }

  /**
   * Emits the open bar, if any, as the final incomplete one (complete = 0). The instance is then
   * ready for another key: bar_index restarts at 0.
   */
  public void finish(Sink sink) {
    if (open) {
      emit(sink, false);
    }
    barIndex = 0;
  }

  /**
   * Adds a trade (or a piece of one) to the open bar's counts and prices, opening a bar if none.
   */
  private void touch(long ts, double price) {
    if (!open) {
      open = true;
      barStart = ts;
      openPrice = price;
      high = price;
      low = price;
    } else {
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    close = price;
    barEnd = ts;
    tradeCount++;
  }

  private void put(boolean buy, double price, double v) {
    if (buy) {
      buyVolume += v;
    } else {
      sellVolume += v;
    }
    volume += v;
    notional += price * v;
  }

  private void emit(Sink sink, boolean complete) {
    double[] values = {
      barIndex,
      barEnd,
      openPrice,
      high,
      low,
      close,
      volume,
      buyVolume,
      sellVolume,
      volume > 0 ? notional / volume : Double.NaN,
      tradeCount,
      complete ? 1.0 : 0.0
    };
    sink.bar(barStart, values);
    barIndex++;
    open = false;
    volume = 0;
    buyVolume = 0;
    sellVolume = 0;
    notional = 0;
    tradeCount = 0;
  }
}
