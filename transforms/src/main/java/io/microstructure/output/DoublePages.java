package io.microstructure.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.Statistics;

/**
 * The data pages of one DOUBLE column, encoded from block arrays without parquet-column's per-value
 * writer: values PLAIN little-endian in bulk, min/max and nulls counted in one pass, definition
 * levels made from the null rows when the page is done. A finished page goes uncompressed to the
 * column's {@link PageWriter}, which compresses it and indexes it as it does parquet-column's
 * pages.
 *
 * <p>NaN is null; the caller has checked that a required column has none.
 */
final class DoublePages {
  private final ColumnDescriptor column;
  private final boolean optional;
  private final int maxPageRows;

  private ByteBuffer values = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
  private int[] nullRows = new int[16];
  private byte[] levels = new byte[0];
  private int rows;
  private int nulls;
  private double min;
  private double max;
  private PageWriter pageWriter;

  /**
   * @param maxPageRows rows after which a page is written
   */
  DoublePages(ColumnDescriptor column, int maxPageRows) {
    this.column = column;
    this.optional = column.getMaxDefinitionLevel() > 0;
    this.maxPageRows = maxPageRows;
    resetPage();
  }

  ColumnDescriptor column() {
    return column;
  }

  /** Pages from now on go to this writer (the column's in a new row group). */
  void startRowGroup(PageWriter pageWriter) {
    this.pageWriter = pageWriter;
  }

  /** Appends rows {@code from..to} of a block's value column. */
  void write(double[] column, int from, int to) throws IOException {
    while (from < to) {
      int n = Math.min(to - from, maxPageRows - rows);
      append(column, from, from + n);
      from += n;
      if (rows == maxPageRows) {
        writePage();
      }
    }
  }

  /** Writes the open page; the row group's pages are then complete. */
  void finishRowGroup() throws IOException {
    if (rows > 0) {
      writePage();
    }
    pageWriter = null;
  }

  /** Bytes of this column in the row group: its compressed pages and the open page as is. */
  long bufferedBytes() {
    return pageWriter.getMemSize() + values.position();
  }

  private void append(double[] column, int from, int to) {
    int n = to - from;
    if (values.remaining() < n * Double.BYTES) {
      grow(n);
    }
    int nullsBefore = nulls;
    double lo = min;
    double hi = max;
    for (int i = from; i < to; i++) {
      double v = column[i];
      if (v == v) {
        // Math.min/max order -0.0 below 0.0, as parquet-column's statistics do.
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      } else {
        addNull(rows + i - from);
      }
    }
    min = lo;
    max = hi;
    // Bulk copies of the stretches between nulls: nulls are few, or whole columns.
    DoubleBuffer out = values.asDoubleBuffer();
    int start = from;
    for (int k = nullsBefore; k < nulls; k++) {
      int end = from + nullRows[k] - rows;
      out.put(column, start, end - start);
      start = end + 1;
    }
    out.put(column, start, to - start);
    values.position(values.position() + out.position() * Double.BYTES);
    rows += n;
  }

  private void addNull(int row) {
    if (nulls == nullRows.length) {
      nullRows = Arrays.copyOf(nullRows, nulls * 2);
    }
    nullRows[nulls++] = row;
  }

  /** Room for n more values, growing by doubling up to a full page. */
  private void grow(int n) {
    int needed = values.position() + n * Double.BYTES;
    int capacity = Math.max(needed, Math.min(2 * values.capacity(), maxPageRows * Double.BYTES));
    ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    values.flip();
    bigger.put(values);
    values = bigger;
  }

  private void writePage() throws IOException {
    BytesInput definitionLevels = BytesInput.empty();
    if (optional) {
      if (levels.length < DefinitionLevels.maxBytes(rows)) {
        levels = new byte[DefinitionLevels.maxBytes(maxPageRows)];
      }
      definitionLevels =
          BytesInput.from(levels, 0, DefinitionLevels.encode(nullRows, nulls, rows, levels));
    }
    DoubleStatistics statistics =
        (DoubleStatistics) Statistics.createStats(column.getPrimitiveType());
    if (nulls < rows) {
      statistics.setMinMax(min, max);
    }
    statistics.setNumNulls(nulls);
    pageWriter.writePage(
        BytesInput.concat(definitionLevels, BytesInput.from(values.array(), 0, values.position())),
        rows,
        rows,
        statistics,
        // What parquet-column's V1 writer declares: levels of a column whose maximum is 0 are not
        // written and named BIT_PACKED.
        Encoding.BIT_PACKED,
        optional ? Encoding.RLE : Encoding.BIT_PACKED,
        Encoding.PLAIN);
    resetPage();
  }

  private void resetPage() {
    values.clear();
    rows = 0;
    nulls = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }
}
