package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import java.io.Serializable;
import java.util.function.LongConsumer;

/**
 * How a market is cut into fixed UTC chunks of time, and which chunks each event belongs to.
 *
 * <p>Chunk c owns the events of {@code [c·size, (c+1)·size)}. Its context, what its replay reads,
 * runs from {@link #contextStart} — the market's last snapshot time before {@code c·size −
 * warm-up}, or the market's beginning when there is none — to {@code (c+1)·size + look-ahead},
 * exclusive. So
 * an event goes to its own chunk, as warm-up to the chunks after it whose context reaches back to
 * it, and as look-ahead to those before it. Starting at a snapshot's time, not at a fixed point,
 * keeps the trades after a capture gap with the snapshot they belong to, whatever the gap's length.
 */
public final class ChunkPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long warmUp;
  private final long lookAhead;

  public ChunkPlan(long sizeMicros, long warmUpMicros, long lookAheadMicros) {
    if (sizeMicros <= 0 || warmUpMicros < 0 || lookAheadMicros < 0) {
      throw new IllegalArgumentException(
          "chunk size must be > 0 and warm-up and look-ahead >= 0, got "
              + sizeMicros + ", " + warmUpMicros + ", " + lookAheadMicros);
    }
    this.size = sizeMicros;
    this.warmUp = warmUpMicros;
    this.lookAhead = lookAheadMicros;
  }

  /** Chunks of {@code sizeMicros} with the warm-up and look-ahead these parameters need. */
  public static ChunkPlan of(long sizeMicros, FeatureParameters params) {
    return new ChunkPlan(
        sizeMicros, ChunkContext.warmUpMicros(params), ChunkContext.lookAheadMicros(params));
  }

  public long sizeMicros() {
    return size;
  }

  /** The chunk owning an event of this capture_ts. */
  public long chunkOf(long ts) {
    return Math.floorDiv(ts, size);
  }

  public long ownFrom(long chunk) {
    return chunk * size;
  }

  public long ownTo(long chunk) {
    return (chunk + 1) * size;
  }

  /** Where the warm-up of a chunk would start without a snapshot to go back to. */
  public long warmUpStart(long chunk) {
    return ownFrom(chunk) - warmUp;
  }

  /** The end of a chunk's context, exclusive. */
  public long contextEnd(long chunk) {
    return ownTo(chunk) + lookAhead;
  }

  /**
   * The start of a chunk's context, inclusive: the last snapshot time before its warm-up start; the
   * market's beginning ({@code Long.MIN_VALUE}) when no snapshot comes before it, since the
   * market's first snapshot takes every earlier trade.
   */
  public long contextStart(long chunk, long lastSnapshotBefore) {
    return Math.min(warmUpStart(chunk), lastSnapshotBefore);
  }

  /** The slice of a snapshot time: slice s covers [warmUpStart(s), warmUpStart(s + 1)). */
  public long sliceOf(long ts) {
    return Math.floorDiv(ts + warmUp, size);
  }
}
