package io.microstructure.output;

/**
 * Definition levels of a page of a flat optional column (1 present, 0 null; bit width 1) in
 * Parquet's RLE/bit-packing hybrid encoding, length-prefixed as a V1 data page holds them, made
 * from the page's null rows: a page without nulls is a single run, and the work grows with the
 * nulls, not with the rows.
 *
 * <p>Runs of at least 8 equal levels are RLE runs; levels between them are bit-packed 8 to a byte,
 * at most 63 groups to a run, as parquet-mr's own encoder writes them.
 */
final class DefinitionLevels {
  private static final int MIN_RLE_RUN = 8;
  private static final int MAX_GROUPS_PER_PACKED_RUN = 63;

  private DefinitionLevels() {}

  /** An upper bound of {@link #encode}'s output for a page of this many rows. */
  static int maxBytes(int rows) {
    // Worst case: a 5-byte RLE header and a value byte for every 8 rows, and the length prefix.
    return 4 + 6 * (rows / MIN_RLE_RUN + 1);
  }

  /**
   * Writes the levels of {@code rows} rows whose null rows are {@code nullRows[0..nulls)} (strictly
   * increasing) to {@code out} and returns the number of bytes written.
   */
  static int encode(int[] nullRows, int nulls, int rows, byte[] out) {
    int at = 4;
    int row = 0;
    int next = 0; // index of the first null row at or after row
    while (row < rows) {
      int run = runLength(nullRows, nulls, next, row, rows);
      if (run >= MIN_RLE_RUN) {
        boolean present = next == nulls || nullRows[next] != row;
        at = writeVarInt(run << 1, out, at);
        out[at++] = (byte) (present ? 1 : 0);
        row += run;
        if (!present) {
          next += run;
        }
        continue;
      }
      int header = at++;
      int groups = 0;
      do {
        int bits = 0;
        for (int b = 0; b < 8 && row < rows; b++, row++) {
          if (next < nulls && nullRows[next] == row) {
            next++;
          } else {
            bits |= 1 << b;
          }
        }
        out[at++] = (byte) bits;
        groups++;
      } while (row < rows
          && groups < MAX_GROUPS_PER_PACKED_RUN
          && runLength(nullRows, nulls, next, row, rows) < MIN_RLE_RUN);
      out[header] = (byte) (groups << 1 | 1);
    }
    int length = at - 4;
    out[0] = (byte) length;
    out[1] = (byte) (length >>> 8);
    out[2] = (byte) (length >>> 16);
    out[3] = (byte) (length >>> 24);
    return at;
  }

  /** Length of the run of equal levels starting at {@code row}. */
  private static int runLength(int[] nullRows, int nulls, int next, int row, int rows) {
    if (next == nulls || nullRows[next] != row) {
      return (next == nulls ? rows : nullRows[next]) - row;
    }
    int end = next + 1;
    while (end < nulls && nullRows[end] == nullRows[end - 1] + 1) {
      end++;
    }
    return end - next;
  }

  private static int writeVarInt(int value, byte[] out, int at) {
    while ((value & ~0x7F) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }
}
