package io.microstructure.generate;

import java.util.ArrayDeque;

/**
 * The order book of one (exchange, symbol): the latent price plus a mean-reverting basis, a spread
 * with wide episodes, and levels whose prices persist between snapshots while their amounts drift.
 *
 * <p>Snapshots are simulated a little ahead of the emission point (at least one second when a trade
 * asks), so a trade's taker side can lean on the mid move over the next second. Draws only from the
 * book stream, and from the tie stream for each snapshot's tie-break.
 */
final class BookSimulation {
  private static final int MAX_LEVEL_GAP_TICKS = 3;
  private static final double LEVEL_CANCEL_P = 0.01;
  private static final double LEVEL_REFRESH_P = 0.02;
  private static final double WIDE_EPISODE_MEAN_INTERVAL_S = 300;
  private static final double BASIS_REVERSION_S = 30;
  private static final double BASIS_SIGMA_PER_SQRT_S = 0.155; // stationary sd ~0.6 bps

  /** A simulated book state; arrays are never modified after construction. */
  static final class Snap {
    long ts;
    long tieBreak;
    long nonce;
    long[] bidPx;
    long[] bidAmt;
    long[] askPx;
    long[] askAmt;
    int bidCount;
    int askCount;

    long midTwice() {
      return bidPx[0] + askPx[0];
    }
  }

  private final SymbolProfile profile;
  private final ExchangeProfile exchangeProfile;
  private final LatentPath path;
  private final int levels;
  private final double tickScale;
  private final double lotScale;
  private final double intervalMicros;
  private final Rng rng;
  private final Rng tieRng;

  private final ArrayDeque<Snap> ahead = new ArrayDeque<>();
  private Snap current;
  private Snap lastGenerated;
  private long nextSnapTs;
  private long nonce;
  private int normalSpread;
  private int wideSpread;
  private long wideUntil = Long.MIN_VALUE;
  private double basisBps;

  BookSimulation(
      GeneratorConfig cfg,
      SymbolProfile profile,
      ExchangeProfile exchangeProfile,
      LatentPath path,
      Rng rng,
      Rng tieRng) {
    this.profile = profile;
    this.exchangeProfile = exchangeProfile;
    this.path = path;
    this.levels = cfg.bookLevels();
    this.tickScale = CaptureRow.POW10[profile.priceDecimals()];
    this.lotScale = CaptureRow.POW10[profile.amountDecimals()];
    this.intervalMicros = 1e6 / cfg.snapshotHz();
    this.rng = rng;
    this.tieRng = tieRng;

    this.basisBps = exchangeProfile.basisBps() + 0.6 * rng.gaussian();
    this.normalSpread = drawNormalSpread();
    this.nonce = 1_000_000_000L + rng.nextLong(9_000_000_000L);
    // The book as it stands when the capture starts (not emitted).
    this.current = generateSnapshot(cfg.startMicros());
    this.lastGenerated = current;
    this.nextSnapTs = cfg.startMicros() + 1 + rng.nextLong((long) Math.max(1, intervalMicros));
  }

  /** The next snapshot to emit (not yet the current book). */
  Snap peekNext() {
    ensureAhead(Long.MIN_VALUE);
    return ahead.peekFirst();
  }

  /** Emits the next snapshot: it becomes the current book. */
  Snap advance() {
    ensureAhead(Long.MIN_VALUE);
    current = ahead.pollFirst();
    return current;
  }

  /** The book of the last emitted snapshot. */
  Snap current() {
    return current;
  }

  /**
   * The sign of the mid's move from the current book to the last snapshot at or before {@code
   * until} (0 if there is none yet).
   */
  int midDirectionUntil(long until) {
    ensureAhead(until);
    Snap future = current;
    for (Snap s : ahead) {
      if (s.ts > until) {
        break;
      }
      future = s;
    }
    return Long.signum(future.midTwice() - current.midTwice());
  }

  void fill(CaptureRow ev, Snap snap) {
    ev.nonce = snap.nonce;
    ev.priceDecimals = profile.priceDecimals();
    ev.amountDecimals = profile.amountDecimals();
    ev.bidPx = snap.bidPx;
    ev.bidAmt = snap.bidAmt;
    ev.askPx = snap.askPx;
    ev.askAmt = snap.askAmt;
    ev.bidCount = snap.bidCount;
    ev.askCount = snap.askCount;
  }

  private void ensureAhead(long untilTs) {
    while (ahead.isEmpty() || lastGenerated.ts <= untilTs) {
      Snap s = generateSnapshot(nextSnapTs);
      s.tieBreak = tieRng.tieBreak();
      ahead.addLast(s);
      lastGenerated = s;
      double jitter = rng.uniform(-0.3, 0.3);
      nextSnapTs += Math.max(1, Math.round(intervalMicros * (1 + jitter)));
    }
  }

  /**
   * Spread outside wide episodes: 1, 2 or 3 ticks (30/60/10%). The median is 2 ticks, so 1 tick
   * reads as tight; 3 ticks are kept rare because 3 = 1.5 x 2 sits right on a typical "wide"
   * threshold and would flicker with the mid.
   */
  private int drawNormalSpread() {
    double u = rng.uniform();
    return u < 0.3 ? 1 : u < 0.9 ? 2 : 3;
  }

  private Snap generateSnapshot(long ts) {
    double dtSec = lastGenerated == null ? intervalMicros / 1e6 : (ts - lastGenerated.ts) / 1e6;
    basisBps +=
        (exchangeProfile.basisBps() - basisBps) * Math.min(1, dtSec / BASIS_REVERSION_S)
            + BASIS_SIGMA_PER_SQRT_S * Math.sqrt(dtSec) * rng.gaussian();
    if (ts >= wideUntil && rng.chance(dtSec / WIDE_EPISODE_MEAN_INTERVAL_S)) {
      wideUntil = ts + Math.round(rng.uniform(15, 60) * KeyStream.SECOND);
      wideSpread = normalSpread * rng.intBetween(3, 6) + 2;
    }
    if (rng.chance(0.03)) {
      normalSpread = drawNormalSpread();
    }
    int spread = ts < wideUntil ? wideSpread : normalSpread;
    double mid = StrictMath.exp(path.logPriceAt(ts)) * (1 + basisBps * 1e-4) * tickScale;
    long bestBid = Math.max(1, (long) Math.floor(mid - spread / 2.0 + 0.5));
    long bestAsk = bestBid + spread;

    Snap s = new Snap();
    s.ts = ts;
    nonce += 1 + rng.nextInt(40);
    s.nonce = nonce;
    s.bidPx = new long[levels];
    s.bidAmt = new long[levels];
    s.askPx = new long[levels];
    s.askAmt = new long[levels];
    Snap prev = lastGenerated;
    if (prev == null) {
      s.bidCount = updateSide(null, null, 0, bestBid, -1, s.bidPx, s.bidAmt);
      s.askCount = updateSide(null, null, 0, bestAsk, +1, s.askPx, s.askAmt);
    } else {
      s.bidCount =
          updateSide(prev.bidPx, prev.bidAmt, prev.bidCount, bestBid, -1, s.bidPx, s.bidAmt);
      s.askCount =
          updateSide(prev.askPx, prev.askAmt, prev.askCount, bestAsk, +1, s.askPx, s.askAmt);
    }
    return s;
  }

  /**
   * Moves one side of the book to a new best price: levels that would cross are gone, levels that
   * remain keep their price and let their amount drift, holes wider than 3 ticks and the missing
   * depth are filled with fresh levels 1-3 ticks apart. {@code dir} is -1 for bids (prices fall
   * with depth) and +1 for asks.
   */
  private int updateSide(
      long[] oldPx, long[] oldAmt, int oldCount, long best, int dir, long[] outPx, long[] outAmt) {
    int j = 0;
    while (j < oldCount && (oldPx[j] - best) * dir < 0) {
      j++;
    }
    int k = 0;
    long prev = 0;
    while (k < levels) {
      long p;
      long a;
      if (k == 0) {
        p = best;
        if (j < oldCount && oldPx[j] == best) {
          a = evolveAmount(oldAmt[j], 0);
          j++;
        } else {
          a = freshAmount(0);
        }
      } else {
        if (j < oldCount && rng.chance(LEVEL_CANCEL_P)) {
          j++; // a level was cancelled: its neighbours close the hole
        }
        if (j < oldCount && (oldPx[j] - prev) * dir <= MAX_LEVEL_GAP_TICKS) {
          p = oldPx[j];
          a = evolveAmount(oldAmt[j], k);
          j++;
        } else {
          p = prev + dir * rng.intBetween(1, MAX_LEVEL_GAP_TICKS);
          a = freshAmount(k);
        }
      }
      if (p < 1) {
        break; // never a price <= 0 in a valid book
      }
      outPx[k] = p;
      outAmt[k] = a;
      prev = p;
      k++;
    }
    return k;
  }

  private double targetLots(int depth) {
    return profile.levelAmount() * (1 + 0.15 * depth) * lotScale;
  }

  private long freshAmount(int depth) {
    return Math.max(1, Math.round(rng.lognormal(targetLots(depth), 0.6)));
  }

  private long evolveAmount(long lots, int depth) {
    if (rng.chance(LEVEL_REFRESH_P)) {
      return freshAmount(depth);
    }
    double a = lots * (1 + 0.08 * rng.gaussian()) + 0.04 * (targetLots(depth) - lots);
    return Math.max(1, Math.round(a));
  }
}
