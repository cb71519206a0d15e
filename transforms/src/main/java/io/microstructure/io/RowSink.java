package io.microstructure.io;

import io.microstructure.model.OrderBookSnapshot;
import java.util.Arrays;

/**
 * Receives the rows a {@link RowGroupReader} decodes: valid values, or rejections with their
 * address in the file.
 */
public interface RowSink<T> {
  void accept(T value);

  /**
   * A valid order-book row given by its parts, read from the caller's reusable buffers (valid only
   * during the call): readers of order books call this rather than {@link #accept}, so a sink that
   * gathers blocks copies the levels once. By default it makes the snapshot.
   */
  @SuppressWarnings("unchecked")
  default void acceptBook(
      String exchange,
      String symbol,
      long captureTs,
      long seq,
      long fileKey,
      long row,
      double[] bidPrice,
      double[] bidAmount,
      int bids,
      double[] askPrice,
      double[] askAmount,
      int asks) {
    accept(
        (T)
            new OrderBookSnapshot(
                exchange,
                symbol,
                captureTs,
                seq,
                fileKey,
                row,
                Arrays.copyOf(bidPrice, bids),
                Arrays.copyOf(bidAmount, bids),
                Arrays.copyOf(askPrice, asks),
                Arrays.copyOf(askAmount, asks)));
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
