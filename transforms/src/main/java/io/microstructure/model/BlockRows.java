package io.microstructure.model;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Some rows of a block, by reference: what a chunked replay routes to each chunk. In memory (the
 * DirectRunner's GroupByKey) the chunks share their blocks instead of holding copies; a coder
 * writes only the rows ({@link #rows()} as a block of their own).
 *
 * @param rows row indices into {@code block}, ascending; null for every row
 */
public record BlockRows(EventBlock block, int[] rows) {

  /**
   * The first {@code n} of these ascending rows of a block (null: its rows 0 .. n − 1) as pieces
   * of at most {@code rowsPerPiece} rows, in order; the block itself when that is every row of it
   * in one piece.
   */
  public static void pieces(
      EventBlock block, int[] rows, int n, int rowsPerPiece, Consumer<BlockRows> each) {
    if (n == block.size() && n <= rowsPerPiece) {
      each.accept(all(block));
      return;
    }
    for (int from = 0; from < n; from += rowsPerPiece) {
      int to = Math.min(n, from + rowsPerPiece);
      each.accept(
          new BlockRows(
              block,
              rows == null
                  ? IntStream.range(from, to).toArray()
                  : Arrays.copyOfRange(rows, from, to)));
    }
  }

  /** Every row of the block. */
  public static BlockRows all(EventBlock block) {
    return new BlockRows(block, null);
  }

  public int size() {
    return rows == null ? block.size() : rows.length;
  }

  /** Index in {@link #block()} of the i-th row. */
  public int row(int i) {
    return rows == null ? i : rows[i];
  }

  /** These rows as a block of their own (the block itself when it is every row). */
  public EventBlock selected() {
    return rows == null ? block : block.select(rows);
  }
}
