package io.microstructure.input;

import io.microstructure.input.ColumnarOrderBookReader.UnsupportedLayoutException;
import io.microstructure.model.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Where an order-book file keeps the columns {@link ColumnarOrderBookReader} reads, resolved once
 * from its schema: the leaf columns of exchange, symbol, capture_ts, seq and of each book column
 * with the levels that mark its structure, capture_ts's unit, and the projection to read.
 *
 * <p>Columns are found by name ({@link ColumnNames}), so any field order works. Both book layouts,
 * {@code list<struct<price, amount>>} and {@code list<list<double>>}, are read in the standard
 * 3-level and the legacy 2-level LIST encodings, the list element chosen as parquet-avro chooses it
 * ({@link ListElement}) and a one-field wrapper record looked through as {@link OrderBookDecoder}
 * does. Numeric leaves (int32, int64, float, double, DECIMAL of any backing) are converted like
 * {@link NumberColumn}; capture_ts takes its unit from {@link CaptureTsUnit}. Missing required
 * columns and a capture_ts that is not int64 raise the same {@link MissingColumnException}s, in the
 * same order, as the record path.
 *
 * <p>A column of a shape outside that set (e.g. exchange stored as a number or as plain bytes, a
 * book column without a LIST annotation, a MAP or a non-numeric leaf in a level, a seq that is not
 * int32/int64/float/double) raises {@link UnsupportedLayoutException} here, before any row is read:
 * callers then read that file with the record path, whose behaviour on such files is the reference.
 */
final class BookColumnLayout {
  final CaptureTsUnit unit;
  final ColumnDescriptor exchange;
  final ColumnDescriptor symbol;
  final ColumnDescriptor captureTs;
  final SeqColumn seq; // null when the file has no seq
  final BookColumn bids;
  final BookColumn asks;

  /** The file's top-level columns the reader reads, whole (every leaf of a book column). */
  final MessageType projection;

  private BookColumnLayout(
      CaptureTsUnit unit,
      ColumnDescriptor exchange,
      ColumnDescriptor symbol,
      ColumnDescriptor captureTs,
      SeqColumn seq,
      BookColumn bids,
      BookColumn asks,
      MessageType projection) {
    this.unit = unit;
    this.exchange = exchange;
    this.symbol = symbol;
    this.captureTs = captureTs;
    this.seq = seq;
    this.bids = bids;
    this.asks = asks;
    this.projection = projection;
  }

  /**
   * @param file named in errors
   * @param plainInt64Unit the unit of a capture_ts stored as a plain int64
   * @throws MissingColumnException as {@link OrderBookDecoder} would throw it
   * @throws UnsupportedLayoutException for a layout to be read by the record path
   */
  static BookColumnLayout resolve(
      String file, MessageType schema, ColumnNames names, CaptureTsUnit plainInt64Unit) {
    List<String> present = new ArrayList<>();
    for (Type t : schema.getFields()) {
      present.add(t.getName());
    }
    // Same checks in the same order as OrderBookDecoder.bind (so the same first error wins).
    String exchange = require(file, present, names, "exchange");
    String symbol = require(file, present, names, "symbol");
    String captureTs = require(file, present, names, "capture_ts");
    String seqName = names.resolve(file, Channel.ORDERBOOK, present, "seq", "seq");
    SeqColumn seq = seqName != null ? SeqColumn.of(schema, seqName) : null;
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
    CaptureTsUnit unit = CaptureTsUnit.of(file, schema, captureTs, plainInt64Unit);
    // Then the shapes only this reader cares about.
    ColumnDescriptor exchangeColumn = stringColumn(schema, exchange);
    ColumnDescriptor symbolColumn = stringColumn(schema, symbol);
    ColumnDescriptor captureTsColumn = flatColumn(schema, captureTs);
    BookColumn bids = book(schema, bidsName, bidPrice, bidAmount);
    BookColumn asks = book(schema, asksName, askPrice, askAmount);
    return new BookColumnLayout(
        unit,
        exchangeColumn,
        symbolColumn,
        captureTsColumn,
        seq,
        bids,
        asks,
        projection(schema, Set.of(exchange, symbol, captureTs, bidsName, asksName), seqName));
  }

  static UnsupportedLayoutException unsupported(String column, String why) {
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

  private static MessageType projection(MessageType schema, Set<String> read, String seq) {
    List<Type> fields = new ArrayList<>();
    for (Type t : schema.getFields()) {
      if (read.contains(t.getName()) || t.getName().equals(seq)) {
        fields.add(t);
      }
    }
    return new MessageType(schema.getName(), fields);
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

  /**
   * A book column resolved to its leaves and levels.
   *
   * @param name the column's name in the file
   * @param priceField the file's name of a level struct's price field
   * @param amountField the file's name of a level struct's amount field
   */
  private static BookColumn book(
      MessageType schema, String name, String priceField, String amountField) {
    Type column = schema.getType(name);
    if (!ListElement.isList(column) || column.isRepetition(Type.Repetition.REPEATED)) {
      throw unsupported(name, "is not a LIST group: " + column);
    }
    String[] path = {name};
    ListElement outer = ListElement.of(name, column.asGroupType(), path);
    // A one-field record element is looked through once (OrderBookDecoder's unwrap).
    Type level = outer.element;
    String[] levelPath = outer.elementPath;
    if (ListElement.isPlainGroup(level) && level.asGroupType().getFieldCount() == 1) {
      Type inner = level.asGroupType().getType(0);
      if (inner.isRepetition(Type.Repetition.REPEATED)) {
        throw unsupported(name, "has a repeated field in a level wrapper: " + level);
      }
      level = inner;
      levelPath = ListElement.append(levelPath, inner.getName());
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
    if (ListElement.isList(level)) {
      ListElement inner = ListElement.of(name, level.asGroupType(), levelPath);
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
      return new BookColumn(
          true,
          new BookColumn.Leaf(c),
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
    if (!ListElement.isPlainGroup(level)) {
      throw unsupported(name, "has levels that are neither lists nor structs: " + level);
    }
    GroupType struct = level.asGroupType();
    BookColumn.Leaf price =
        structLeaf(schema, name, struct, levelPath, priceField, priceNumbers, rElem);
    BookColumn.Leaf amount =
        structLeaf(schema, name, struct, levelPath, amountField, amountNumbers, rElem);
    if (price == null && amount == null) {
      throw unsupported(name, "has levels with neither price nor amount: " + level);
    }
    return new BookColumn(
        false, price, amount, priceNumbers, amountNumbers, dList, dAny, dLevel, 0, rElem, 0);
  }

  private static BookColumn.Leaf structLeaf(
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
    ColumnDescriptor c = schema.getColumnDescription(ListElement.append(structPath, field));
    if (c.getMaxRepetitionLevel() != rElem) {
      throw unsupported(name, "has unexpected nesting: " + struct);
    }
    return new BookColumn.Leaf(c);
  }

  /** The seq column: a flat number read as {@code ((Number) avroValue).longValue()}. */
  static final class SeqColumn {
    final ColumnDescriptor column;
    final PrimitiveTypeName type;
    final int maxDef;

    private SeqColumn(ColumnDescriptor column) {
      this.column = column;
      this.type = column.getPrimitiveType().getPrimitiveTypeName();
      this.maxDef = column.getMaxDefinitionLevel();
    }

    static SeqColumn of(MessageType schema, String name) {
      Type t = schema.getType(name);
      if (!t.isPrimitive()
          || t.isRepetition(Type.Repetition.REPEATED)
          || !numericLeaf(t.asPrimitiveType(), NumberColumn.PLAIN)) {
        throw unsupported(name, "is not an int32, int64, float or double value: " + t);
      }
      return new SeqColumn(schema.getColumnDescription(new String[] {name}));
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
}
