package io.microstructure.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Whole primitive arrays in one write: the block coders move megabytes per element, and a
 * DataOutputStream call per value would cost more than the data itself. Little-endian, the byte
 * order of the machines this runs on, so that each array is copied, not byte-swapped.
 */
final class Bulk {
  private Bulk() {}

  static void writeLongs(DataOutputStream out, long[] values, int n) throws IOException {
    byte[] bytes = new byte[n * Long.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, 0, n);
    out.write(bytes);
  }

  static long[] readLongs(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[n * Long.BYTES];
    in.readFully(bytes);
    long[] values = new long[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
    return values;
  }

  static void writeInts(DataOutputStream out, int[] values, int n) throws IOException {
    byte[] bytes = new byte[n * Integer.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(values, 0, n);
    out.write(bytes);
  }

  static int[] readInts(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[n * Integer.BYTES];
    in.readFully(bytes);
    int[] values = new int[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    return values;
  }

  /** Doubles by their raw bits, so NaN payloads and -0.0 survive. */
  static void writeDoubles(DataOutputStream out, double[] values, int n) throws IOException {
    byte[] bytes = new byte[n * Double.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values, 0, n);
    out.write(bytes);
  }

  static double[] readDoubles(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[n * Double.BYTES];
    in.readFully(bytes);
    double[] values = new double[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
    return values;
  }

  static void writeBooleans(DataOutputStream out, boolean[] values, int n) throws IOException {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (values[i] ? 1 : 0);
    }
    out.write(bytes);
  }

  static boolean[] readBooleans(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    boolean[] values = new boolean[n];
    for (int i = 0; i < n; i++) {
      values[i] = bytes[i] != 0;
    }
    return values;
  }

  /** Nullable strings: a length per entry (-1 for null), then all their UTF-8 bytes. */
  static void writeStrings(DataOutputStream out, String[] values, int n) throws IOException {
    int[] lengths = new int[n];
    byte[][] utf8 = new byte[n][];
    int total = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] == null) {
        lengths[i] = -1;
      } else {
        utf8[i] = values[i].getBytes(StandardCharsets.UTF_8);
        lengths[i] = utf8[i].length;
        total += lengths[i];
      }
    }
    writeInts(out, lengths, n);
    byte[] bytes = new byte[total];
    int at = 0;
    for (int i = 0; i < n; i++) {
      if (utf8[i] != null) {
        System.arraycopy(utf8[i], 0, bytes, at, utf8[i].length);
        at += utf8[i].length;
      }
    }
    out.writeInt(total);
    out.write(bytes);
  }

  static String[] readStrings(DataInputStream in, int n) throws IOException {
    int[] lengths = readInts(in, n);
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    String[] values = new String[n];
    int at = 0;
    for (int i = 0; i < n; i++) {
      if (lengths[i] >= 0) {
        values[i] = new String(bytes, at, lengths[i], StandardCharsets.UTF_8);
        at += lengths[i];
      }
    }
    return values;
  }
}
