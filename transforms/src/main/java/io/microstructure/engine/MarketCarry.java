package io.microstructure.engine;

import io.microstructure.features.SpreadRegime;
import io.microstructure.features.VolumeBars;
import io.microstructure.features.Vpin;
import java.io.Serializable;

/**
 * What one market carries across a resume point into a later, incremental run: everything its
 * features need from before that point that a run does not read again (the warm-up it does read).
 *
 * <ul>
 *   <li>{@code regime}: the spread regime state the market enters the point with;
 *   <li>{@code vpin}: VPIN's buckets as of the point (their bucket volume pinned for good); null
 *       before the market's first trade;
 *   <li>{@code volumeBars}: the open volume bar and the next bar_index (the bar size pinned); null
 *       before the market's first trade;
 *   <li>{@code lastTicker}: the last ticker update before the point (ticker_log_return's previous
 *       one, however far back); null without one;
 *   <li>{@code contextStart}: where the chunk at the point starts reading (the last snapshot before
 *       its warm-up; {@code Long.MIN_VALUE}: the market's beginning), so the next run knows which
 *       earlier segments to read again.
 * </ul>
 *
 * A run assembles a market's carry from parts made by different steps (regime, trades, ticker,
 * chunks), each setting its own fields; what no step of the run made is the carry it brought in
 * ({@link #orElse}).
 */
public final class MarketCarry implements Serializable {
  private static final long serialVersionUID = 1L;

  public Byte regime;
  public Vpin vpin;
  public VolumeBars volumeBars;
  public LastTickers.Update lastTicker;
  public Long contextStart;

  public MarketCarry() {}

  public static MarketCarry ofRegime(byte regime) {
    MarketCarry c = new MarketCarry();
    c.regime = regime;
    return c;
  }

  public static MarketCarry ofTrades(Vpin vpin, VolumeBars volumeBars) {
    MarketCarry c = new MarketCarry();
    c.vpin = vpin;
    c.volumeBars = volumeBars;
    return c;
  }

  public static MarketCarry ofTicker(LastTickers.Update last) {
    MarketCarry c = new MarketCarry();
    c.lastTicker = last;
    return c;
  }

  public static MarketCarry ofContextStart(long contextStart) {
    MarketCarry c = new MarketCarry();
    c.contextStart = contextStart;
    return c;
  }

  /** Both parts together: each one's fields (two steps never make the same field). */
  public MarketCarry merge(MarketCarry o) {
    MarketCarry m = new MarketCarry();
    m.regime = regime != null ? regime : o.regime;
    m.vpin = vpin != null ? vpin : o.vpin;
    m.volumeBars = volumeBars != null ? volumeBars : o.volumeBars;
    m.lastTicker = lastTicker != null ? lastTicker : o.lastTicker;
    m.contextStart = contextStart != null ? contextStart : o.contextStart;
    return m;
  }

  /** This carry, with the fields no step made taken from the carry brought in. */
  public MarketCarry orElse(MarketCarry carried) {
    return merge(carried);
  }

  /** The regime state entering the point: normal when none is carried (a run starts normal). */
  public byte regimeOrNormal() {
    return regime != null ? regime : SpreadRegime.NORMAL;
  }

  /** VPIN's state to continue from, a fresh copy; null when none is carried. */
  public Vpin vpinCopy() {
    return vpin == null ? null : vpin.copy();
  }

  /** The volume bars' state to continue from, a fresh copy; null when none is carried. */
  public VolumeBars volumeBarsCopy() {
    return volumeBars == null ? null : volumeBars.copy();
  }

  public MarketCarry copy() {
    MarketCarry c = new MarketCarry();
    c.regime = regime;
    c.vpin = vpinCopy();
    c.volumeBars = volumeBarsCopy();
    c.lastTicker = lastTicker;
    c.contextStart = contextStart;
    return c;
  }
}
