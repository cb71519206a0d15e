package io.microstructure.model;

/**
 * Some rows of a block, by reference: what a chunked replay routes to each chunk. In memory (the
 * DirectRunner's GroupByKey) the chunks share their blocks instead of holding copies; a coder
 * writes only the rows ({@link #rows()} as a block of their own).
 *
 * @param rows row indices into {@code block}, ascending; null for every row
 */
public record BlockRows(EventBlock block, int[] rows) {

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
