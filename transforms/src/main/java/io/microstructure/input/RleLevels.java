package io.microstructure.input;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Bulk decoder of Parquet's RLE/bit-packing hybrid encoding (levels and dictionary ids): whole runs
 * at a time, a fill for a repeated run, a shift loop for a bit-packed one.
 */
final class RleLevels {
  private RleLevels() {}

  /**
   * Decodes n non-negative ints (levels, dictionary ids) of the given bit width into out[0 .. n).
   */
  static void decode(ByteBuffer b, int bitWidth, int n, int[] out) {
    int i = 0;
    while (i < n) {
      int header = varint(b);
      if ((header & 1) == 0) {
        int count = Math.min(header >>> 1, n - i);
        int v = repeated(b, bitWidth);
        Arrays.fill(out, i, i + count, v);
        i += count;
      } else {
        int values = (header >>> 1) * 8;
        int start = b.position();
        int end = Math.min(b.limit(), start + (header >>> 1) * bitWidth);
        long acc = 0;
        int bits = 0;
        int pos = start;
        long mask = (1L << bitWidth) - 1;
        for (int k = 0; k < values && i < n; k++) {
          while (bits < bitWidth && pos < end) {
            acc |= (long) (b.get(pos++) & 0xFF) << bits;
            bits += 8;
          }
          out[i++] = (int) (acc & mask);
          acc >>>= bitWidth;
          bits -= bitWidth;
        }
        b.position(end);
      }
    }
  }

  /** The value of a repeated run: ceil(bitWidth / 8) little-endian bytes. */
  private static int repeated(ByteBuffer b, int bitWidth) {
    int v = 0;
    for (int k = 0; k < (bitWidth + 7) / 8; k++) {
      v |= (b.get() & 0xFF) << (8 * k);
    }
    return v;
  }

  private static int varint(ByteBuffer b) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!b.hasRemaining()) {
        throw new ParquetDecodingException("RLE data ends inside a run header");
      }
      int x = b.get() & 0xFF;
      v |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new ParquetDecodingException("RLE run header longer than 5 bytes");
  }
}
