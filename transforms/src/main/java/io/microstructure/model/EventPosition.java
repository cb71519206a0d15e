package io.microstructure.model;

/**
 * Sort fields of the contract's reconstructed order that every raw row carries: capture_ts, seq,
 * the channel rank, and the position in its file.
 *
 * <p>"Position in its file" is a pair: {@code fileKey} orders files (segment start parsed from the
 * file name, in the high bits, then a hash of the name so two files of one hour still order
 * deterministically) and {@code row} is the row number within the file.
 */
public final class EventPosition {
  /** A missing seq sorts as equal to other missing seqs and before any present one. */
  public static final long NO_SEQ = Long.MIN_VALUE;

  private EventPosition() {}

  /** Builds the file key from the segment start (epoch seconds, 0 if unknown) and the file name. */
  public static long fileKey(long segmentStartEpochSeconds, String fileName) {
    long start = Math.max(0, Math.min(segmentStartEpochSeconds, (1L << 42) - 1));
    return (start << 20) | (fileName.hashCode() & 0xFFFFFL);
  }
}
