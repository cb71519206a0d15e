package io.microstructure.io;

/**
 * Receives the rows a {@link RowGroupReader} decodes: valid values, or rejections with their
 * address in the file.
 */
public interface RowSink<T> {
  void accept(T value);

  /**
   * A row that failed validation.
   *
   * @param row row index within the file (0-based)
   * @param column the offending column
   * @param reason why the row was rejected
   * @param record the row rendered as text (readers document their rendering)
   */
  void reject(long row, String column, String reason, String record);
}
