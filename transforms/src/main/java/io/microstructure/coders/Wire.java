package io.microstructure.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Primitive encodings shared by the project's coders: fixed-width numbers, nullable strings. */
final class Wire {
  private Wire() {}

  static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeLong(Double.doubleToRawLongBits(v));
    }
  }

  static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Double.longBitsToDouble(in.readLong());
    }
    return values;
  }

  static void writeDouble(DataOutputStream out, double v) throws IOException {
    out.writeLong(Double.doubleToRawLongBits(v));
  }

  static double readDouble(DataInputStream in) throws IOException {
    return Double.longBitsToDouble(in.readLong());
  }
}
