package io.microstructure.input;

/**
 * Receives the rows a {@link RowGroupReader} decodes: valid values, or rejections with their
 * address in the file.
 */
public interface RowSink<T> {
  void accept(T value);

  /**
   * A valid order-book row in a columnar reader's reusable buffers (valid only during the call):
   * readers of order books call this rather than {@link #accept}, so a sink that gathers blocks
   * copies the levels once. By default it makes the snapshot.
   */
  @SuppressWarnings("unchecked")
  default void acceptBook(BookRow row) {
    accept((T) row.toSnapshot());
  }

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
