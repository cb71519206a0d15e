package io.microstructure.io;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.EventPosition;
import io.microstructure.model.OrderBookSnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the order-book channel with parquet-column's low-level {@link ColumnReader}s: one reader
 * per leaf column, repetition levels splitting rows and book levels, definition levels telling a
 * null list, an empty list, a null level and a null value apart. Books land straight in primitive
 * arrays (reused across the rows of a file); no GenericRecord, no boxing per level.
 *
 * <p><b>Parity with the record path</b> ({@link OrderBookDecoder} over parquet-avro): the same
 * snapshots (every field) and the same rejections (row index within the file, column, reason
 * string) for every file it accepts. It resolves columns by name, so any field order works, and
 * reads both book layouts, {@code list<struct<price, amount>>} and {@code list<list<double>>}, in
 * the standard 3-level and the legacy 2-level LIST encodings, choosing the list element with the
 * rules parquet-avro applies (a repeated primitive, a repeated group of several fields, a repeated
 * group named {@code array} or {@code <list>_tuple}, or one whose only field is repeated, is the
 * element; otherwise its only field is) and looking through a one-field wrapper record like {@link
 * OrderBookDecoder} does. Numeric leaves (int32, int64, float, double, DECIMAL of any backing) are
 * converted like {@link NumberColumn}; capture_ts takes its unit from {@link CaptureTsUnit}; the
 * file key from {@link SegmentFiles#fileKey}. Missing required columns and a capture_ts that is not
 * int64 raise the same {@link MissingColumnException}s, in the same order.
 *
 * <p>A file whose columns have a shape outside that set (e.g. exchange stored as a number or as
 * plain bytes, a book column without a LIST annotation, a MAP or a non-numeric leaf in a level, a
 * seq that is not int32/int64/float/double) raises {@link UnsupportedLayoutException} at binding
 * time, before any row is read: callers then read that file with the record path, whose behaviour
 * on such files is the reference.
 *
 * <p><b>Rejected-row text.</b> The {@code record} of a rejection is a compact JSON object of the
 * columns this reader reads, rebuilt from the column values: {@code
 * {"exchange":"binance","symbol":"BTC/USDT","capture_ts":1767571201250000,"seq":8,
 * "bids":[[-1.0,2.0]],"asks":[[100.5,1.0]]}}. capture_ts is the stored value (in the file's unit);
 * {@code seq} is left out when the file has no such column; a null list is {@code null}, a null
 * level {@code null}; every level is shown as {@code [price, amount]} whatever the layout (a pair
 * with other than two values shows what it holds: {@code []}, {@code [p]}, or {@code [p, a, "+n
 * more"]}); a null value is {@code null} and NaN or an infinity is a string ({@code "NaN"}). Other
 * columns (timestamp, nonce) are not read and not shown. The record path renders the GenericRecord
 * instead, so the two texts differ.
 *
 * <p>Not thread-safe: one instance reads one file sequentially.
 */
public final class ColumnarOrderBookReader implements RowGroupReader<OrderBookSnapshot>, Closeable {
  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private final String file;
  private final ParquetFileReader reader;
  private final boolean ownsReader;
  private final VersionParser.ParsedVersion writerVersion;
  private final CaptureTsUnit unit;
  private final KeyChecks keyChecks;
  private final long fileKey;
  private final ColumnDescriptor exchangeColumn;
  private final ColumnDescriptor symbolColumn;
  private final ColumnDescriptor captureTsColumn;
  private final Flat seqColumn; // null when the file has no seq
  private final Book bidBook;
  private final Book askBook;

  // Per-file state, reused by every row.
  private final Strings exchanges = new Strings();
  private final Strings symbols = new Strings();
  private final Side bids = new Side();
  private final Side asks = new Side();
  private final StringBuilder json = new StringBuilder();
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
    MessageType schema = reader.getFooter().getFileMetaData().getSchema();
    List<String> present = new ArrayList<>();
    for (Type t : schema.getFields()) {
      present.add(t.getName());
    }
    // Same checks in the same order as OrderBookDecoder.bind (so the same first error wins).
    String exchange = require(file, present, names, "exchange");
    String symbol = require(file, present, names, "symbol");
    String captureTs = require(file, present, names, "capture_ts");
    String seqName = names.resolve(file, Channel.ORDERBOOK, present, "seq", "seq");
    Flat seq = seqName != null ? Flat.number(schema, seqName) : null;
    String bidsName = require(file, present, names, "bids");
    String asksName = require(file, present, names, "asks");
    String bidPrice =
        Fields.levelField(file, schema, Channel.ORDERBOOK, names, bidsName, "price");
    String bidAmount =
        Fields.levelField(file, schema, Channel.ORDERBOOK, names, bidsName, "amount");
    String askPrice =
        Fields.levelField(file, schema, Channel.ORDERBOOK, names, asksName, "price");
    String askAmount =
        Fields.levelField(file, schema, Channel.ORDERBOOK, names, asksName, "amount");
    CaptureTsUnit tsUnit = CaptureTsUnit.of(file, schema, captureTs, plainInt64Unit);

    this.file = file;
    this.reader = reader;
    this.ownsReader = ownsReader;
    this.unit = tsUnit;
    this.keyChecks = new KeyChecks(captureTsRange);
    this.fileKey = SegmentFiles.fileKey(file);
    this.exchangeColumn = stringColumn(schema, exchange);
    this.symbolColumn = stringColumn(schema, symbol);
    this.captureTsColumn = flatColumn(schema, captureTs);
    this.seqColumn = seq;
    this.bidBook = Book.resolve(schema, bidsName, bidPrice, bidAmount);
    this.askBook = Book.resolve(schema, asksName, askPrice, askAmount);
    this.writerVersion = writerVersion(reader.getFooter().getFileMetaData().getCreatedBy());
    reader.setRequestedSchema(
        projection(schema, Set.of(exchange, symbol, captureTs, bidsName, asksName), seqName));
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
    ColumnReader exchange = open(pages, exchangeColumn);
    ColumnReader symbol = open(pages, symbolColumn);
    ColumnReader captureTs = open(pages, captureTsColumn);
    ColumnReader seq = seqColumn == null ? null : open(pages, seqColumn.column);
    ColumnReader bidPrice = bidBook.price == null ? null : open(pages, bidBook.price.column);
    ColumnReader bidAmount = bidBook.amount == null ? null : open(pages, bidBook.amount.column);
    ColumnReader askPrice = askBook.price == null ? null : open(pages, askBook.price.column);
    ColumnReader askAmount = askBook.amount == null ? null : open(pages, askBook.amount.column);
    int exchangeMax = exchangeColumn.getMaxDefinitionLevel();
    int symbolMax = symbolColumn.getMaxDefinitionLevel();
    int tsMax = captureTsColumn.getMaxDefinitionLevel();

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
      String column = null;
      String reason = null;
      if (!keyChecks.pass(ex, sym, tsNull, micros)) {
        column = keyChecks.column;
        reason = keyChecks.reason;
      } else if ((reason = bids.problem("bids")) != null) {
        column = "bids";
      } else if ((reason = asks.problem("asks")) != null) {
        column = "asks";
      }
      if (column != null) {
        sink.reject(
            row, column, reason, record(ex, sym, tsNull, ts, seq != null, seqNull, seqValue));
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

  private String record(
      String ex,
      String sym,
      boolean tsNull,
      long ts,
      boolean hasSeq,
      boolean seqNull,
      long seqValue) {
    StringBuilder b = json;
    b.setLength(0);
    b.append("{\"exchange\":");
    quote(b, ex);
    b.append(",\"symbol\":");
    quote(b, sym);
    b.append(",\"capture_ts\":");
    if (tsNull) {
      b.append("null");
    } else {
      b.append(ts);
    }
    if (hasSeq) {
      b.append(",\"seq\":");
      if (seqNull) {
        b.append("null");
      } else {
        b.append(seqValue);
      }
    }
    b.append(",\"bids\":");
    bids.render(b);
    b.append(",\"asks\":");
    asks.render(b);
    return b.append('}').toString();
  }

  private static void quote(StringBuilder b, String s) {
    // Rejections are rare: Gson's escaping serves, as it does for the legacy NDJSON.
    b.append(s == null ? "null" : new com.google.gson.JsonPrimitive(s).toString());
  }

  private static void number(StringBuilder b, double v, boolean isNull) {
    if (isNull) {
      b.append("null");
    } else if (Double.isFinite(v)) {
      b.append(v);
    } else {
      b.append('"').append(v).append('"');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Schema resolution

  /** A column the file lacks or holds in a shape only the record path reads. */
  public static final class UnsupportedLayoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedLayoutException(String message) {
      super(message);
    }
  }

  private static UnsupportedLayoutException unsupported(String column, String why) {
    return new UnsupportedLayoutException("column '" + column + "' " + why);
  }

  private static String require(
      String file, List<String> present, ColumnNames names, String column) {
    String name = names.resolve(file, Channel.ORDERBOOK, present, column, column);
    if (name == null) {
      throw new MissingColumnException(
          file, column, "is missing" + names.describe(Channel.ORDERBOOK, column));
    }
    return name;
  }

  /** The top-level columns read, whole (every leaf of a book column). */
  private static MessageType projection(MessageType schema, Set<String> read, String seq) {
    List<Type> fields = new ArrayList<>();
    for (Type t : schema.getFields()) {
      if (read.contains(t.getName()) || t.getName().equals(seq)) {
        fields.add(t);
      }
    }
    return new MessageType(schema.getName(), fields);
  }

  private static VersionParser.ParsedVersion writerVersion(String createdBy) {
    try {
      return VersionParser.parse(createdBy);
    } catch (RuntimeException | VersionParser.VersionParseException e) {
      return null;
    }
  }

  /** A top-level primitive column that is not repeated. */
  private static ColumnDescriptor flatColumn(MessageType schema, String name) {
    Type t = schema.getType(name);
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      throw unsupported(name, "is not a single primitive value");
    }
    return schema.getColumnDescription(new String[] {name});
  }

  /** A top-level string column (binary annotated STRING or ENUM: what Avro reads as text). */
  private static ColumnDescriptor stringColumn(MessageType schema, String name) {
    ColumnDescriptor c = flatColumn(schema, name);
    PrimitiveType p = c.getPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (p.getPrimitiveTypeName() != PrimitiveTypeName.BINARY
        || !(a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation)) {
      throw unsupported(name, "is not a string: " + p);
    }
    return c;
  }

  private static boolean isPlainGroup(Type t) {
    return !t.isPrimitive() && t.getLogicalTypeAnnotation() == null;
  }

  private static boolean isList(Type t) {
    return !t.isPrimitive()
        && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
  }

  /**
   * Whether a numeric leaf reads as parquet-avro + {@link NumberColumn} would read it: int32
   * (signed), int64, float, double, or binary/fixed that {@code numbers} takes as a decimal.
   */
  private static boolean numericLeaf(PrimitiveType p, NumberColumn numbers) {
    switch (p.getPrimitiveTypeName()) {
      case INT32:
        return !(p.getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation
            && !((LogicalTypeAnnotation.IntLogicalTypeAnnotation) p.getLogicalTypeAnnotation())
                .isSigned());
      case INT64:
      case FLOAT:
      case DOUBLE:
        return true;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return numbers.isDecimal();
      default:
        return false;
    }
  }

  /** A flat numeric column (seq): read as {@code ((Number) avroValue).longValue()}. */
  private static final class Flat {
    final ColumnDescriptor column;
    final PrimitiveTypeName type;
    final int maxDef;

    private Flat(ColumnDescriptor column) {
      this.column = column;
      this.type = column.getPrimitiveType().getPrimitiveTypeName();
      this.maxDef = column.getMaxDefinitionLevel();
    }

    static Flat number(MessageType schema, String name) {
      Type t = schema.getType(name);
      if (!t.isPrimitive()
          || t.isRepetition(Type.Repetition.REPEATED)
          || !numericLeaf(t.asPrimitiveType(), NumberColumn.PLAIN)) {
        throw unsupported(name, "is not an int32, int64, float or double value: " + t);
      }
      return new Flat(schema.getColumnDescription(new String[] {name}));
    }

    long readLong(ColumnReader r) {
      switch (type) {
        case INT32:
          return r.getInteger();
        case INT64:
          return r.getLong();
        case FLOAT:
          return (long) r.getFloat();
        default:
          return (long) r.getDouble();
      }
    }
  }

  /** A numeric leaf of a book level and how its values become doubles. */
  private static final class Leaf {
    final ColumnDescriptor column;
    final int maxDef;
    final PrimitiveTypeName type;

    Leaf(ColumnDescriptor column) {
      this.column = column;
      this.maxDef = column.getMaxDefinitionLevel();
      this.type = column.getPrimitiveType().getPrimitiveTypeName();
    }

    double read(ColumnReader r, NumberColumn numbers) {
      switch (type) {
        case DOUBLE:
          return numbers.ofDouble(r.getDouble());
        case FLOAT:
          return numbers.ofFloat(r.getFloat());
        case INT64:
          return numbers.ofLong(r.getLong());
        case INT32:
          return numbers.ofLong(r.getInteger());
        default:
          return numbers.ofUnscaled(r.getBinary().getBytes());
      }
    }
  }

  /** A list node resolved by parquet-avro's rules: the repeated node and the element node. */
  private static final class ListNode {
    final String[] repeatedPath;
    final Type element;
    final String[] elementPath;

    ListNode(String[] repeatedPath, Type element, String[] elementPath) {
      this.repeatedPath = repeatedPath;
      this.element = element;
      this.elementPath = elementPath;
    }

    /** The list annotated group {@code list} at {@code path}. */
    static ListNode of(String column, GroupType list, String[] path) {
      if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        throw unsupported(column, "has a LIST group without a single repeated field: " + list);
      }
      Type repeated = list.getType(0);
      String[] repeatedPath = append(path, repeated.getName());
      boolean structural =
          repeated.isPrimitive()
              || repeated.asGroupType().getFieldCount() > 1
              || repeated.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED);
      if (structural) {
        return new ListNode(repeatedPath, repeated, repeatedPath);
      }
      boolean named =
          repeated.getName().equals("array")
              || repeated.getName().equals(list.getName() + "_tuple");
      if (named) {
        // parquet-avro agrees only when the repeated group reads as a record, and it re-reads
        // that record assuming 2-level lists inside: a nested list breaks its read.
        if (!isPlainGroup(repeated) || containsList(repeated.asGroupType())) {
          throw unsupported(column, "has an ambiguous legacy list element: " + repeated);
        }
        return new ListNode(repeatedPath, repeated, repeatedPath);
      }
      Type element = repeated.asGroupType().getType(0);
      if (isPlainGroup(element) && element.getName().equals(repeated.getName())) {
        // parquet-avro could take the repeated group for a record element here.
        throw unsupported(column, "has an ambiguous list element: " + repeated);
      }
      return new ListNode(repeatedPath, element, append(repeatedPath, element.getName()));
    }
  }

  private static boolean containsList(GroupType g) {
    for (Type t : g.getFields()) {
      if (!t.isPrimitive() && (isList(t) || containsList(t.asGroupType()))) {
        return true;
      }
    }
    return false;
  }

  private static String[] append(String[] path, String name) {
    String[] p = Arrays.copyOf(path, path.length + 1);
    p[path.length] = name;
    return p;
  }

  /**
   * One book column resolved to its leaf columns and the definition/repetition levels that mark its
   * structure. Definition-level thresholds: below {@code dList} the list is null, below {@code
   * dAny} it is empty, below {@code dLevel} a level is null, below {@code dInnerAny} (pairs) a pair
   * is empty; a leaf value is present at its max definition level. Repetition levels: {@code rElem}
   * starts another level of the same row, {@code rInner} (pairs) another value of a pair.
   */
  private static final class Book {
    final boolean pairs;
    final Leaf price; // pairs: the single value leaf; struct: null when the level has no price
    final Leaf amount; // pairs: null; struct: null when the level has no amount
    final NumberColumn priceNumbers;
    final NumberColumn amountNumbers;
    final int dList;
    final int dAny;
    final int dLevel;
    final int dInnerAny;
    final int rElem;
    final int rInner;

    private Book(
        boolean pairs,
        Leaf price,
        Leaf amount,
        NumberColumn priceNumbers,
        NumberColumn amountNumbers,
        int dList,
        int dAny,
        int dLevel,
        int dInnerAny,
        int rElem,
        int rInner) {
      this.pairs = pairs;
      this.price = price;
      this.amount = amount;
      this.priceNumbers = priceNumbers;
      this.amountNumbers = amountNumbers;
      this.dList = dList;
      this.dAny = dAny;
      this.dLevel = dLevel;
      this.dInnerAny = dInnerAny;
      this.rElem = rElem;
      this.rInner = rInner;
    }

    /**
     * @param name the column's name in the file
     * @param priceField the file's name of a level struct's price field
     * @param amountField the file's name of a level struct's amount field
     */
    static Book resolve(
        MessageType schema, String name, String priceField, String amountField) {
      Type column = schema.getType(name);
      if (!isList(column) || column.isRepetition(Type.Repetition.REPEATED)) {
        throw unsupported(name, "is not a LIST group: " + column);
      }
      String[] path = {name};
      ListNode outer = ListNode.of(name, column.asGroupType(), path);
      // A one-field record element is looked through once (OrderBookDecoder's unwrap).
      Type level = outer.element;
      String[] levelPath = outer.elementPath;
      if (isPlainGroup(level) && level.asGroupType().getFieldCount() == 1) {
        Type inner = level.asGroupType().getType(0);
        if (inner.isRepetition(Type.Repetition.REPEATED)) {
          throw unsupported(name, "has a repeated field in a level wrapper: " + level);
        }
        level = inner;
        levelPath = append(levelPath, inner.getName());
      }
      if (level.isRepetition(Type.Repetition.REPEATED) && level != outer.element) {
        throw unsupported(name, "has repeated levels: " + level);
      }
      NumberColumn priceNumbers = Fields.bookNumbers(schema, name, priceField);
      NumberColumn amountNumbers = Fields.bookNumbers(schema, name, amountField);
      int dList = schema.getMaxDefinitionLevel(path);
      int dAny = schema.getMaxDefinitionLevel(outer.repeatedPath);
      int rElem = schema.getMaxRepetitionLevel(outer.repeatedPath);
      int dLevel = schema.getMaxDefinitionLevel(levelPath);
      if (isList(level)) {
        ListNode inner = ListNode.of(name, level.asGroupType(), levelPath);
        Type value = inner.element;
        if (!value.isPrimitive()
            || !numericLeaf(value.asPrimitiveType(), priceNumbers)
            || !numericLeaf(value.asPrimitiveType(), amountNumbers)) {
          throw unsupported(name, "has pairs whose values are not numbers: " + value);
        }
        ColumnDescriptor c = schema.getColumnDescription(inner.elementPath);
        if (c.getMaxRepetitionLevel() != rElem + 1) {
          throw unsupported(name, "has unexpected nesting: " + column);
        }
        return new Book(
            true,
            new Leaf(c),
            null,
            priceNumbers,
            amountNumbers,
            dList,
            dAny,
            dLevel,
            schema.getMaxDefinitionLevel(inner.repeatedPath),
            rElem,
            schema.getMaxRepetitionLevel(inner.repeatedPath));
      }
      if (!isPlainGroup(level)) {
        throw unsupported(name, "has levels that are neither lists nor structs: " + level);
      }
      GroupType struct = level.asGroupType();
      Leaf price = structLeaf(schema, name, struct, levelPath, priceField, priceNumbers, rElem);
      Leaf amount = structLeaf(schema, name, struct, levelPath, amountField, amountNumbers, rElem);
      if (price == null && amount == null) {
        throw unsupported(name, "has levels with neither price nor amount: " + level);
      }
      return new Book(
          false, price, amount, priceNumbers, amountNumbers, dList, dAny, dLevel, 0, rElem, 0);
    }

    private static Leaf structLeaf(
        MessageType schema,
        String name,
        GroupType struct,
        String[] structPath,
        String field,
        NumberColumn numbers,
        int rElem) {
      if (!struct.containsField(field)) {
        return null; // the record path reads a missing field as null
      }
      Type t = struct.getType(field);
      if (!t.isPrimitive()
          || t.isRepetition(Type.Repetition.REPEATED)
          || !numericLeaf(t.asPrimitiveType(), numbers)) {
        throw unsupported(name, "has a level " + field + " that is not a number: " + t);
      }
      ColumnDescriptor c = schema.getColumnDescription(append(structPath, field));
      if (c.getMaxRepetitionLevel() != rElem) {
        throw unsupported(name, "has unexpected nesting: " + struct);
      }
      return new Leaf(c);
    }

    /** Reads this column's part of the current row into {@code side}. */
    void read(ColumnReader priceReader, ColumnReader amountReader, Side side) {
      if (pairs) {
        readPairs(priceReader, side);
      } else {
        readStructs(priceReader, amountReader, side);
      }
    }

    private void readStructs(ColumnReader p, ColumnReader a, Side s) {
      ColumnReader driver = p != null ? p : a;
      int d = driver.getCurrentDefinitionLevel();
      s.n = 0;
      if (d < dAny) {
        s.nullList = d < dList;
        next(p, price);
        next(a, amount);
        return;
      }
      s.nullList = false;
      while (true) {
        int i = s.add();
        if (driver.getCurrentDefinitionLevel() < dLevel) {
          s.nullLevel(i);
        } else {
          s.size[i] = 2;
          int nulls = 0;
          if (p != null && p.getCurrentDefinitionLevel() == price.maxDef) {
            s.price[i] = price.read(p, priceNumbers);
          } else {
            s.price[i] = Double.NaN;
            nulls |= Side.NULL_PRICE;
          }
          if (a != null && a.getCurrentDefinitionLevel() == amount.maxDef) {
            s.amount[i] = amount.read(a, amountNumbers);
          } else {
            s.amount[i] = Double.NaN;
            nulls |= Side.NULL_AMOUNT;
          }
          s.nulls[i] = (byte) nulls;
        }
        next(p, price);
        next(a, amount);
        int r = driver.getCurrentRepetitionLevel();
        if (p != null && a != null && a.getCurrentRepetitionLevel() != r) {
          throw new ParquetDecodingException("price and amount columns disagree on book levels");
        }
        if (r != rElem) {
          return;
        }
      }
    }

    private void readPairs(ColumnReader c, Side s) {
      int d = c.getCurrentDefinitionLevel();
      s.n = 0;
      if (d < dAny) {
        s.nullList = d < dList;
        next(c, price);
        return;
      }
      s.nullList = false;
      int max = price.maxDef;
      while (true) {
        int i = s.add();
        if (d < dLevel) {
          s.nullLevel(i);
          next(c, price);
        } else if (d < dInnerAny) {
          s.size[i] = 0;
          s.price[i] = Double.NaN;
          s.amount[i] = Double.NaN;
          s.nulls[i] = Side.NULL_PRICE | Side.NULL_AMOUNT;
          next(c, price);
        } else {
          int nulls = Side.NULL_AMOUNT;
          if (d == max) {
            s.price[i] = price.read(c, priceNumbers);
          } else {
            s.price[i] = Double.NaN;
            nulls |= Side.NULL_PRICE;
          }
          s.amount[i] = Double.NaN;
          next(c, price);
          int size = 1;
          while (c.getCurrentRepetitionLevel() == rInner) {
            size++;
            if (size == 2 && c.getCurrentDefinitionLevel() == max) {
              s.amount[i] = price.read(c, amountNumbers);
              nulls &= ~Side.NULL_AMOUNT;
            }
            next(c, price);
          }
          s.size[i] = size;
          s.nulls[i] = (byte) nulls;
        }
        if (c.getCurrentRepetitionLevel() != rElem) {
          return;
        }
        d = c.getCurrentDefinitionLevel();
      }
    }

    /** Moves past the current value (skipping it unless read). */
    private static void next(ColumnReader r, Leaf leaf) {
      if (r == null) {
        return;
      }
      if (r.getCurrentDefinitionLevel() == leaf.maxDef) {
        r.skip();
      }
      r.consume();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Per-row buffers

  /**
   * Strings of a dictionary-like column: each distinct value becomes one String, shared by every
   * row that holds it (rows of several markets interleave, so caching only the last value misses).
   */
  private static final class Strings {
    private final java.util.HashMap<Binary, String> seen = new java.util.HashMap<>();

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

  /** One side of the current row: its levels in growable primitive arrays. */
  private static final class Side {
    static final int NULL_PRICE = 1;
    static final int NULL_AMOUNT = 2;

    double[] price = new double[32];
    double[] amount = new double[32];

    /** Values a level holds: 2 for a struct level, the pair's size for a pair, -1 when null. */
    int[] size = new int[32];

    byte[] nulls = new byte[32];
    int n;
    boolean nullList;

    int add() {
      if (n == price.length) {
        int cap = n * 2;
        price = Arrays.copyOf(price, cap);
        amount = Arrays.copyOf(amount, cap);
        size = Arrays.copyOf(size, cap);
        nulls = Arrays.copyOf(nulls, cap);
      }
      return n++;
    }

    void nullLevel(int i) {
      size[i] = -1;
      price[i] = Double.NaN;
      amount[i] = Double.NaN;
      nulls[i] = NULL_PRICE | NULL_AMOUNT;
    }

    /** OrderBookDecoder.BookSide's verdict: the first bad level's reason, its order's, or null. */
    String problem(String side) {
      for (int i = 0; i < n; i++) {
        if (size[i] < 0) {
          return BookSideReasons.nullLevel(i + 1);
        }
        if (size[i] < 2) {
          return BookSideReasons.shortLevel(i + 1, size[i]);
        }
        String bad = BookSideReasons.badValues(i + 1, price[i], amount[i]);
        if (bad != null) {
          return bad;
        }
      }
      return BookSideReasons.order(side, price, n);
    }

    void render(StringBuilder b) {
      if (nullList) {
        b.append("null");
        return;
      }
      b.append('[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        if (size[i] < 0) {
          b.append("null");
          continue;
        }
        b.append('[');
        if (size[i] >= 1) {
          number(b, price[i], (nulls[i] & NULL_PRICE) != 0);
        }
        if (size[i] >= 2) {
          b.append(',');
          number(b, amount[i], (nulls[i] & NULL_AMOUNT) != 0);
        }
        if (size[i] > 2) {
          b.append(",\"+").append(size[i] - 2).append(" more\"");
        }
        b.append(']');
      }
      b.append(']');
    }
  }
}
