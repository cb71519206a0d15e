package io.microstructure.input;

import io.microstructure.io.SegmentFiles;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.EventPosition;
import io.microstructure.model.OrderBookSnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Reads the order-book channel with parquet-column's low-level {@link ColumnReader}s: one reader
 * per leaf column, repetition levels splitting rows and book levels, definition levels telling a
 * null list, an empty list, a null level and a null value apart. Books land straight in primitive
 * arrays (reused across the rows of a file); no GenericRecord, no boxing per level.
 *
 * <p><b>Parity with the record path</b> ({@link OrderBookDecoder} over parquet-avro): the same
 * snapshots (every field) and the same rejections (row index within the file, column, reason
 * string) for every file it accepts. The work is split by job: {@link BookColumnLayout} resolves
 * the file's columns once (and declines, with {@link UnsupportedLayoutException}, the shapes it
 * leaves to the record path), {@link BookColumn} decodes a book column's levels, {@link BookChecks}
 * gives the record path's verdict on a row, and {@link RejectedBookJson} renders a rejected row's
 * {@code record}; this class opens the column readers of each row group and walks its rows. The
 * file key comes from {@link SegmentFiles#fileKey}.
 *
 * <p>Not thread-safe: one instance reads one file sequentially.
 */
public final class ColumnarOrderBookReader implements RowGroupReader<OrderBookSnapshot>, Closeable {
  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private final String file;
  private final ParquetFileReader reader;
  private final boolean ownsReader;
  private final VersionParser.ParsedVersion writerVersion;
  private final BookColumnLayout layout;
  private final BookChecks checks;
  private final long fileKey;

  // Per-file state, reused by every row.
  private final Strings exchanges = new Strings();
  private final Strings symbols = new Strings();
  private final BookLevels bids = new BookLevels();
  private final BookLevels asks = new BookLevels();
  private final RejectedBookJson rejected = new RejectedBookJson();
  private final BookRow book = new BookRow();
  private int nextRowGroup;
  private List<ColumnChunkMetaData> chunks;

  private ColumnarOrderBookReader(
      String file,
      ParquetFileReader reader,
      boolean ownsReader,
      CaptureTsUnit plainInt64Unit,
      CaptureTsRange captureTsRange,
      ColumnNames names) {
    this.layout =
        BookColumnLayout.resolve(
            file, reader.getFooter().getFileMetaData().getSchema(), names, plainInt64Unit);
    this.file = file;
    this.reader = reader;
    this.ownsReader = ownsReader;
    this.checks = new BookChecks(captureTsRange);
    this.fileKey = SegmentFiles.fileKey(file);
    this.writerVersion = writerVersion(reader.getFooter().getFileMetaData().getCreatedBy());
    reader.setRequestedSchema(layout.projection);
  }

  /**
   * Binds to a file opened by the caller, who keeps ownership (closing this reader leaves it open).
   * Restricts the reader's later row-group reads to the columns of the book.
   *
   * @throws MissingColumnException as {@link OrderBookDecoder} would throw it
   * @throws UnsupportedLayoutException for a layout to be read by the record path
   */
  public static ColumnarOrderBookReader of(
      String file,
      ParquetFileReader reader,
      CaptureTsUnit plainInt64Unit,
      CaptureTsRange captureTsRange) {
    return of(file, reader, plainInt64Unit, captureTsRange, ColumnNames.BUILT_IN);
  }

  /** As above, with the file's columns found by {@code names}. */
  public static ColumnarOrderBookReader of(
      String file,
      ParquetFileReader reader,
      CaptureTsUnit plainInt64Unit,
      CaptureTsRange captureTsRange,
      ColumnNames names) {
    return new ColumnarOrderBookReader(file, reader, false, plainInt64Unit, captureTsRange, names);
  }

  /** Opens {@code input} (named {@code file} in rejections and errors) and binds to it. */
  public static ColumnarOrderBookReader open(
      String file, InputFile input, CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange)
      throws IOException {
    ParquetFileReader r = ParquetFileReader.open(input, ParquetReadOptions.builder().build());
    try {
      return new ColumnarOrderBookReader(
          file, r, true, plainInt64Unit, captureTsRange, ColumnNames.BUILT_IN);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** The binder {@link ReadParquetRowsFn} uses in columnar mode. */
  public static ChannelFormat.ColumnarRows<OrderBookSnapshot> binder(
      CaptureTsRange captureTsRange) {
    return binder(captureTsRange, ColumnNames.BUILT_IN);
  }

  /** As above, with the file's columns found by {@code names}. */
  public static ChannelFormat.ColumnarRows<OrderBookSnapshot> binder(
      CaptureTsRange captureTsRange, ColumnNames names) {
    return (path, reader, plainInt64Unit) ->
        of(path, reader, plainInt64Unit, captureTsRange, names);
  }

  public int rowGroupCount() {
    return reader.getRowGroups().size();
  }

  /** Decodes every row group of a freshly bound file, in order. */
  public void readAll(RowSink<OrderBookSnapshot> sink) throws IOException {
    long firstRow = 0;
    for (int i = 0; i < rowGroupCount(); i++) {
      firstRow += readRowGroup(firstRow, sink);
    }
  }

  @Override
  public void skipRowGroup() {
    reader.skipNextRowGroup();
    nextRowGroup++;
  }

  @Override
  public long readRowGroup(long firstRow, RowSink<OrderBookSnapshot> sink) throws IOException {
    PageReadStore pages = reader.readNextRowGroup();
    if (pages == null) {
      throw new IOException(file + ": no row group left to read");
    }
    chunks = reader.getRowGroups().get(nextRowGroup++).getColumns();
    long rows = pages.getRowCount();
    CaptureTsUnit unit = layout.unit;
    BookColumnLayout.SeqColumn seqColumn = layout.seq;
    BookColumn bidBook = layout.bids;
    BookColumn askBook = layout.asks;
    ColumnReader exchange = open(pages, layout.exchange);
    ColumnReader symbol = open(pages, layout.symbol);
    ColumnReader captureTs = open(pages, layout.captureTs);
    ColumnReader seq = seqColumn == null ? null : open(pages, seqColumn.column);
    ColumnReader bidPrice = bidBook.price == null ? null : open(pages, bidBook.price.column);
    ColumnReader bidAmount = bidBook.amount == null ? null : open(pages, bidBook.amount.column);
    ColumnReader askPrice = askBook.price == null ? null : open(pages, askBook.price.column);
    ColumnReader askAmount = askBook.amount == null ? null : open(pages, askBook.amount.column);
    int exchangeMax = layout.exchange.getMaxDefinitionLevel();
    int symbolMax = layout.symbol.getMaxDefinitionLevel();
    int tsMax = layout.captureTs.getMaxDefinitionLevel();

    for (long r = 0; r < rows; r++) {
      long row = firstRow + r;
      String ex = exchanges.read(exchange, exchangeMax);
      String sym = symbols.read(symbol, symbolMax);
      boolean tsNull = captureTs.getCurrentDefinitionLevel() != tsMax;
      long ts = tsNull ? 0 : captureTs.getLong();
      captureTs.consume();
      boolean seqNull = true;
      long seqValue = EventPosition.NO_SEQ;
      if (seq != null) {
        seqNull = seq.getCurrentDefinitionLevel() != seqColumn.maxDef;
        if (!seqNull) {
          seqValue = seqColumn.readLong(seq);
        }
        seq.consume();
      }
      bidBook.read(bidPrice, bidAmount, bids);
      askBook.read(askPrice, askAmount, asks);

      long micros = tsNull ? 0 : unit.toMicrosSaturated(ts);
      if (!checks.pass(ex, sym, tsNull, micros, bids, asks)) {
        sink.reject(
            row,
            checks.column,
            checks.reason,
            rejected.render(ex, sym, tsNull, ts, seq != null, seqNull, seqValue, bids, asks));
        continue;
      }
      sink.acceptBook(
          book.set(
              ex,
              sym,
              micros,
              seqValue,
              fileKey,
              row,
              bids.price,
              bids.amount,
              bids.n,
              asks.price,
              asks.amount,
              asks.n));
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    if (ownsReader) {
      reader.close();
    }
  }

  /** The bulk page reader where the chunk's encodings allow, else parquet-column's. */
  private ColumnReader open(PageReadStore pages, ColumnDescriptor column) {
    for (ColumnChunkMetaData chunk : chunks) {
      if (chunk.getPath().equals(ColumnPath.get(column.getPath()))
          && PageColumnReader.supports(column, chunk.getEncodings())) {
        return PageColumnReader.open(column, pages.getPageReader(column));
      }
    }
    return new ColumnReaderImpl(column, pages.getPageReader(column), NO_CONVERTER, writerVersion);
  }

  private static VersionParser.ParsedVersion writerVersion(String createdBy) {
    try {
      return VersionParser.parse(createdBy);
    } catch (RuntimeException | VersionParser.VersionParseException e) {
      return null;
    }
  }

  /** A column the file lacks or holds in a shape only the record path reads. */
  public static final class UnsupportedLayoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedLayoutException(String message) {
      super(message);
    }
  }

  /**
   * Strings of a dictionary-like column: each distinct value becomes one String, shared by every
   * row that holds it (rows of several markets interleave, so caching only the last value misses).
   */
  private static final class Strings {
    private final HashMap<Binary, String> seen = new HashMap<>();

    String read(ColumnReader r, int maxDef) {
      String s = null;
      if (r.getCurrentDefinitionLevel() == maxDef) {
        Binary b = r.getBinary();
        s = seen.get(b);
        if (s == null) {
          if (seen.size() > 4096) {
            seen.clear(); // not a dictionary-like column after all: keep memory bounded
          }
          byte[] bytes = b.getBytes();
          s = new String(bytes, StandardCharsets.UTF_8);
          seen.put(Binary.fromConstantByteArray(bytes), s);
        }
      }
      r.consume();
      return s;
    }
  }
}
