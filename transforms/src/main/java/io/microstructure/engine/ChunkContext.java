package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.RegimeMap;
import io.microstructure.features.Vpin;
import java.util.Set;

/**
 * What the replay of one time chunk of a market needs besides its events, so that its rows equal a
 * single pass over the whole market (issue 12's chunked keys).
 *
 * <p>The chunk's events are those of its context ({@link ChunkPlan}): from the market's last
 * snapshot time before {@code ownFrom − warm-up} to {@code ownTo + look-ahead} ({@link
 * #warmUpMicros}, {@link #lookAheadMicros}), so that the trades of the context's first own-relevant
 * snapshot are all there even after a capture gap. Rows are emitted for the snapshots of {@code
 * [ownFrom, ownTo)} only. What reaches further back is carried in exactly:
 *
 * <ul>
 *   <li>{@code vpinAtOwnFrom}: VPIN's buckets as of {@code ownFrom}, all earlier trades added;
 *   <li>{@code regimeEntry}: the spread regime before the first own snapshot, composed from the
 *       earlier chunks' maps; {@code regimeMap}, this chunk's own map as {@link SpreadDigests}
 *       made it (null: unchecked), which the replay checks against the one it finds;
 *   <li>{@code duplicateTrades}: positions of the context's trades that repeat the id of an earlier
 *       trade of the market outside the context;
 *   <li>{@code lastSnapshotTs}: the market's last snapshot, which ends every forward label;
 *   <li>{@code ordinalBase}: added to the position of each own event in the context, so that the
 *       time-bar partials of consecutive chunks order as their events do (chunk index · 2^32).
 * </ul>
 *
 * <p>The rest is exact by the warm-up: runs, order flow and alignment against the previous
 * snapshot, rolling windows and the spread regime's window; the OFI EWM, started at 0 with the
 * context, differs from one pass's by at most 2^-64 times its value there (features.md's tolerance
 * is 1e-9).
 */
public record ChunkContext(
    long ownFrom,
    long ownTo,
    Vpin vpinAtOwnFrom,
    byte regimeEntry,
    RegimeMap regimeMap,
    Set<TradePosition> duplicateTrades,
    long lastSnapshotTs,
    long ordinalBase) {

  /** Half-lives after which an OFI EWM started at 0 is within 2^-64 of the one carried. */
  static final int OFI_HALF_LIVES = 64;

  /**
   * How far before its chunk a chunk's context starts: the longest lookback of any window
   * (horizons, spread_regime_window, 64 OFI half-lives) plus max_gap, so that every snapshot a
   * window of an own row holds has its previous snapshot in the context, or starts a run.
   */
  public static long warmUpMicros(FeatureParameters p) {
    long lookback = p.spreadRegimeWindowMicros();
    for (long h : p.horizonsSeconds()) {
      lookback = Math.max(lookback, h * 1_000_000L);
    }
    lookback = Math.max(lookback, OFI_HALF_LIVES * p.ofiHalfLifeMicros());
    return lookback + p.maxGapMicros();
  }

  /** How far after its chunk a chunk's context ends: the longest forward horizon. */
  public static long lookAheadMicros(FeatureParameters p) {
    long ahead = 0;
    for (long h : p.horizonsSeconds()) {
      ahead = Math.max(ahead, h * 1_000_000L);
    }
    return ahead;
  }

  /** Where a trade is: its file and row, the last keys of the reconstructed order. */
  public record TradePosition(long fileKey, long row) implements java.io.Serializable {}
}
