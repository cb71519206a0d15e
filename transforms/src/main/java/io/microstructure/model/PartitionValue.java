package io.microstructure.model;

/**
 * Whether an exchange or symbol can name its partition folder ({@code exchange=<ex>}, {@code
 * symbol=<SYM>}, the value made path-safe by {@link MarketFilter#pathSafe}): not when that is
 * empty, nor when it is longer than {@link #MAX_BYTES} bytes (file systems allow 255 per name, and
 * the folder adds its {@code symbol=} prefix). A row whose value cannot is a dead letter: left in,
 * it would fail the whole run when its partition is written, after everything was read.
 */
public final class PartitionValue {
  /** The longest path-safe value accepted, in UTF-8 bytes. */
  public static final int MAX_BYTES = 200;

  private PartitionValue() {}

  /**
   * Why {@code value} cannot name a partition folder, or null when it can.
   *
   * @param column {@code exchange} or {@code symbol}, for the reason
   */
  public static String problem(String column, String value) {
    // pathSafe maps every UTF-16 char to one ASCII char: its result has value.length() bytes.
    int bytes = value.length();
    if (bytes == 0) {
      return column + " cannot name a partition folder: empty";
    }
    if (bytes > MAX_BYTES) {
      return column
          + " cannot name a partition folder: "
          + bytes
          + " bytes after sanitising, more than "
          + MAX_BYTES;
    }
    return null;
  }
}
