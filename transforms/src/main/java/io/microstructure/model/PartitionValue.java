package io.microstructure.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An exchange or symbol as the value of a Hive partition folder ({@code exchange=<ex>}, {@code
 * symbol=<SYM>}), escaped the way Spark and Hive write partition values: every ASCII character
 * outside {@code [A-Za-z0-9._-]} becomes {@code %XX} ({@code BTC/USDT} → {@code BTC%2FUSDT}),
 * other characters stay as they are. pandas, pyarrow, polars, DuckDB and Spark all decode such a
 * folder back to the original value, so every reader shows the CCXT symbol, and distinct symbols
 * never share a folder. Non-ASCII characters are not escaped because Spark decodes {@code %XX} one
 * byte per character, which would garble a multi-byte character.
 *
 * <p>A value cannot name a folder when it is empty or longer than {@link #MAX_BYTES} bytes once
 * escaped (file systems allow 255 per name, and the folder adds its {@code symbol=} prefix). A row
 * with such a value is a dead letter: left in, it would fail the whole run when its partition is
 * written, after everything was read.
 */
public final class PartitionValue {
  /** The longest escaped value accepted, in UTF-8 bytes. */
  public static final int MAX_BYTES = 200;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PartitionValue() {}

  /** The folder form of a value: see the class comment. */
  public static String escape(String value) {
    StringBuilder b = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (keptAsIs(c)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
    return b == null ? value : b.toString();
  }

  private static boolean keptAsIs(char c) {
    return c >= 0x80
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  /**
   * The value a folder form stands for: every {@code %XX} is a byte and the bytes are UTF-8, as
   * pyarrow and polars decode (so a folder another tool escaped in full reads back too). A {@code %}
   * not followed by two hex digits stays as it is.
   */
  public static String unescape(String folderValue) {
    if (folderValue.indexOf('%') < 0) {
      return folderValue;
    }
    byte[] in = folderValue.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /**
   * Why {@code value} cannot name a partition folder, or null when it can.
   *
   * @param column {@code exchange} or {@code symbol}, for the reason
   */
  public static String problem(String column, String value) {
    if (value.isEmpty()) {
      return column + " cannot name a partition folder: empty";
    }
    // Every char takes at most 3 bytes once escaped (%XX, or UTF-8 of a char of the BMP; a
    // surrogate pair takes 4 for 2): a short value needs no counting (this runs for every row).
    if (value.length() * 3 <= MAX_BYTES) {
      return null;
    }
    int bytes = escape(value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return column
          + " cannot name a partition folder: "
          + bytes
          + " bytes once escaped, more than "
          + MAX_BYTES;
    }
    return null;
  }
}
