package io.microstructure.report;

import io.microstructure.io.ParquetFooters;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads the top-level primitive columns of Parquet files (the output tables are flat) into one
 * {@link Frame}, straight from parquet-column's column readers (no records are built: a market's
 * hour of orderbook/hf is 36K rows × 120 columns). Files may differ in their columns: the frame
 * has the union, null where a file lacks one. {@code exchange} and {@code symbol} are never read:
 * a file's market is its partition folder's ({@link PartitionPath}). INT96 timestamps and nested
 * columns are left out.
 */
public final class FlatParquetReader {
  /** Columns that name the partition; the layout is dropping them from the files. */
  public static final Set<String> PARTITION_COLUMNS = Set.of("exchange", "symbol");

  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private FlatParquetReader() {}

  /** Every readable column of {@code files}, rows in capture_ts order. */
  public static Frame read(List<ResourceId> files) throws IOException {
    return read(files, name -> true);
  }

  /** The {@code wanted} columns of {@code files}, rows in capture_ts order. */
  public static Frame read(List<ResourceId> files, Predicate<String> wanted) throws IOException {
    Map<String, Leaf> kinds = new LinkedHashMap<>();
    long total = 0;
    for (ResourceId f : files) {
      try (ParquetFileReader r = ParquetFooters.open(f)) {
        total += r.getRecordCount();
        for (ColumnDescriptor c : r.getFooter().getFileMetaData().getSchema().getColumns()) {
          Leaf k = leaf(c);
          String name = c.getPath()[0];
          if (k == null || PARTITION_COLUMNS.contains(name) || !wanted.test(name)) {
            continue;
          }
          Leaf before = kinds.putIfAbsent(name, k);
          if (before != null && before.text() != k.text()) {
            throw new IOException(f + ": column " + name + " is " + k + " here, " + before + " in another file");
          }
        }
      }
    }
    int rows = Math.toIntExact(total);
    Map<String, Object> arrays = new LinkedHashMap<>();
    Map<String, int[]> nulls = new LinkedHashMap<>();
    kinds.forEach(
        (name, k) -> {
          if (k.text()) {
            arrays.put(name, new String[rows]);
          } else {
            double[] v = new double[rows];
            Arrays.fill(v, Double.NaN);
            arrays.put(name, v);
          }
          nulls.put(name, new int[] {0});
        });
    int first = 0;
    for (ResourceId f : files) {
      try (ParquetFileReader r = ParquetFooters.open(f)) {
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        VersionParser.ParsedVersion version = version(r.getFooter().getFileMetaData().getCreatedBy());
        int fileRows = Math.toIntExact(r.getRecordCount());
        Set<String> present = new java.util.HashSet<>();
        PageReadStore pages;
        int at = first;
        while ((pages = r.readNextRowGroup()) != null) {
          int n = Math.toIntExact(pages.getRowCount());
          for (ColumnDescriptor c : schema.getColumns()) {
            String name = c.getPath()[0];
            if (!arrays.containsKey(name) || leaf(c) == null || leaf(c).text() != kinds.get(name).text()) {
              continue;
            }
            present.add(name);
            ColumnReader reader = new ColumnReaderImpl(c, pages.getPageReader(c), NO_CONVERTER, version);
            nulls.get(name)[0] += readColumn(c, reader, n, arrays.get(name), at);
          }
          at += n;
        }
        for (String name : arrays.keySet()) {
          if (!present.contains(name)) {
            nulls.get(name)[0] += fileRows; // a file without the column: null in its rows
          }
        }
        first += fileRows;
      } catch (IOException | RuntimeException e) {
        throw new IOException(f + ": not readable Parquet: " + e.getMessage(), e);
      }
    }
    List<Column> columns = new ArrayList<>();
    kinds.forEach(
        (name, k) -> {
          int n = nulls.get(name)[0];
          columns.add(
              k.text()
                  ? new Column.Texts(name, (String[]) arrays.get(name), n)
                  : new Column.Numbers(name, k.kind(), (double[]) arrays.get(name), n));
        });
    return new Frame(rows, columns).sortedByCaptureTs();
  }

  /** Reads {@code n} values into {@code target} from row {@code at}; returns the nulls. */
  private static int readColumn(ColumnDescriptor c, ColumnReader r, int n, Object target, int at) {
    int maxDef = c.getMaxDefinitionLevel();
    PrimitiveType type = c.getPrimitiveType();
    Column.Kind kind = leaf(c).kind();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    int nullCount = 0;
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() < maxDef) {
        nullCount++;
      } else if (target instanceof String[] s) {
        s[at + i] = r.getBinary().toStringUsingUTF8();
      } else {
        ((double[]) target)[at + i] = number(r, type, kind, logical);
      }
      r.consume();
    }
    return nullCount;
  }

  private static double number(
      ColumnReader r, PrimitiveType type, Column.Kind kind, LogicalTypeAnnotation logical) {
    switch (type.getPrimitiveTypeName()) {
      case DOUBLE:
        return r.getDouble();
      case FLOAT:
        return r.getFloat();
      case BOOLEAN:
        return r.getBoolean() ? 1 : 0;
      case INT32:
        return kind == Column.Kind.DECIMAL ? decimal(BigInteger.valueOf(r.getInteger()), logical) : r.getInteger();
      case INT64:
        long v = r.getLong();
        if (kind == Column.Kind.TIMESTAMP) {
          return micros(v, (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical);
        }
        return kind == Column.Kind.DECIMAL ? decimal(BigInteger.valueOf(v), logical) : v;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        Binary b = r.getBinary();
        return decimal(new BigInteger(b.getBytes()), logical);
      default:
        throw new IllegalStateException("unexpected type " + type);
    }
  }

  private static double micros(long v, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
    switch (t.getUnit()) {
      case MILLIS:
        return v * 1000.0;
      case NANOS:
        return Math.floorDiv(v, 1000L);
      default:
        return v;
    }
  }

  private static double decimal(BigInteger unscaled, LogicalTypeAnnotation logical) {
    int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
    return new BigDecimal(unscaled, scale).doubleValue();
  }

  /** How a leaf column is read: as text, or as numbers of a kind. */
  private record Leaf(Column.Kind kind, boolean text) {
    @Override
    public String toString() {
      return text ? "text" : kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How a top-level leaf is read; null when it is not (nested, INT96, unannotated binary). */
  private static Leaf leaf(ColumnDescriptor c) {
    if (c.getPath().length != 1) {
      return null;
    }
    PrimitiveType t = c.getPrimitiveType();
    LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
    if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
      return new Leaf(Column.Kind.DECIMAL, false);
    }
    switch (t.getPrimitiveTypeName()) {
      case DOUBLE:
        return new Leaf(Column.Kind.DOUBLE, false);
      case FLOAT:
        return new Leaf(Column.Kind.FLOAT, false);
      case BOOLEAN:
        return new Leaf(Column.Kind.BOOLEAN, false);
      case INT32:
        return new Leaf(Column.Kind.INT, false);
      case INT64:
        return new Leaf(
            l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                ? Column.Kind.TIMESTAMP
                : Column.Kind.LONG,
            false);
      case BINARY:
        return l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || l instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || l instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
            ? new Leaf(null, true)
            : null;
      default:
        return null;
    }
  }

  private static VersionParser.ParsedVersion version(String createdBy) {
    try {
      return VersionParser.parse(createdBy);
    } catch (RuntimeException | VersionParser.VersionParseException e) {
      return null;
    }
  }
}
