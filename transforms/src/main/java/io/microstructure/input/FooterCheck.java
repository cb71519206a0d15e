package io.microstructure.input;

import io.microstructure.io.ParquetFooters;
import io.microstructure.model.Channel;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * What a raw file's footer says about it before any row is read: the problems that make it
 * unreadable for its channel (a required column missing or of an unusable type, a capture_ts unit
 * that cannot be told or disagrees with the file name) and the warnings that do not (float32
 * prices and amounts: 0.1 stored as float32 reads back as 0.100000001490116…, so a BTC spread of
 * 0.1 shows as 0.09375). Backs {@code run --dry-run}, which names every bad file, and the float32
 * warnings of the run summary.
 */
public final class FooterCheck {
  private FooterCheck() {}

  /** One finding about one file: an error (the file cannot be read) or a warning. */
  public record Finding(String path, Channel channel, boolean error, String problem) {
    @Override
    public String toString() {
      return path + ": " + problem;
    }
  }

  /**
   * The findings of one file of {@code channel}.
   *
   * @param configured the run's unit of a plain int64 capture_ts, or null to detect it
   */
  public static List<Finding> check(
      String path, Channel channel, ParquetMetadata footer, CaptureTsUnit configured) {
    List<Finding> out = new ArrayList<>();
    MessageType schema = footer.getFileMetaData().getSchema();
    string(out, path, channel, schema, "exchange", true);
    string(out, path, channel, schema, "symbol", true);
    if (!schema.containsField("capture_ts")) {
      out.add(error(path, channel, "column 'capture_ts' is missing"));
    } else {
      try {
        CaptureTsUnit.of(path, schema, "capture_ts", configured);
        CaptureTsDetection.resolve(path, footer, configured);
      } catch (MissingColumnException e) {
        out.add(error(path, channel, strip(path, e.getMessage())));
      }
    }
    switch (channel) {
      case TRADES:
        string(out, path, channel, schema, "side", true);
        number(out, path, channel, schema, "price", true);
        number(out, path, channel, schema, "amount", true);
        number(out, path, channel, schema, "cost", false);
        break;
      case ORDERBOOK:
        book(out, path, channel, schema, "bids");
        book(out, path, channel, schema, "asks");
        break;
      default:
        for (String c : ColumnNames.TICKER_NUMBERS) {
          number(out, path, channel, schema, c, false);
        }
    }
    return out;
  }

  /**
   * What the footers of the input say: the findings of every file, in the order given, and the
   * rows per channel (the totals progress is shown of; a channel with an unreadable footer has
   * none).
   */
  public record Checked(List<Finding> findings, java.util.Map<Channel, Long> rows) {}

  /** Reads every file's footer once, through Beam's filesystems (local or S3), and checks it. */
  public static Checked checkFiles(
      java.util.Map<Channel, List<String>> files, CaptureTsUnit configured) {
    List<Finding> out = new ArrayList<>();
    java.util.Map<Channel, Long> rows = new java.util.EnumMap<>(Channel.class);
    for (java.util.Map.Entry<Channel, List<String>> e : files.entrySet()) {
      long channelRows = 0;
      boolean counted = true;
      for (String path : e.getValue()) {
        ParquetMetadata footer;
        try {
          footer =
              ParquetFooters.footer(
                  org.apache.beam.sdk.io.FileSystems.matchNewResource(path, false));
        } catch (java.io.IOException | RuntimeException x) {
          out.add(unreadable(path, e.getKey(), x));
          counted = false;
          continue;
        }
        out.addAll(check(path, e.getKey(), footer, configured));
        channelRows += footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
      }
      if (counted) {
        rows.put(e.getKey(), channelRows);
      }
    }
    return new Checked(List.copyOf(out), rows);
  }

  /**
   * The float32 warnings, one line per file naming its float32 columns, e.g. {@code
   * ".../segment_x.parquet: float32 price, amount"}.
   */
  public static List<String> float32Files(List<Finding> findings) {
    java.util.Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
    for (Finding f : findings) {
      if (!f.error()) {
        String column = f.problem().replaceFirst("^column '([^']*)'.*$", "$1");
        columns.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(column);
      }
    }
    List<String> lines = new ArrayList<>();
    columns.forEach((path, cs) -> lines.add(path + ": float32 " + String.join(", ", cs)));
    return lines;
  }

  /** A file whose footer cannot be read. */
  public static Finding unreadable(String path, Channel channel, Exception e) {
    return error(path, channel, strip(path, UnreadableRows.notParquet(e)));
  }

  private static String strip(String path, String message) {
    return message.startsWith(path + ": ") ? message.substring(path.length() + 2) : message;
  }

  private static Finding error(String path, Channel channel, String problem) {
    return new Finding(path, channel, true, problem);
  }

  private static void string(
      List<Finding> out,
      String path,
      Channel channel,
      MessageType schema,
      String name,
      boolean required) {
    if (!schema.containsField(name)) {
      if (required) {
        out.add(error(path, channel, "column '" + name + "' is missing"));
      }
      return;
    }
    Type t = schema.getType(name);
    if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
      out.add(error(path, channel, "column '" + name + "' has type " + describe(t) + ", expected a string"));
    }
  }

  private static void number(
      List<Finding> out,
      String path,
      Channel channel,
      MessageType schema,
      String name,
      boolean required) {
    if (!schema.containsField(name)) {
      if (required) {
        out.add(error(path, channel, "column '" + name + "' is missing"));
      }
      return;
    }
    leafNumber(out, path, channel, name, schema.getType(name));
  }

  private static void leafNumber(
      List<Finding> out, String path, Channel channel, String name, Type t) {
    if (!t.isPrimitive()) {
      out.add(error(path, channel, "column '" + name + "' has type " + describe(t) + ", expected a number"));
      return;
    }
    PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
    boolean decimal =
        t.getLogicalTypeAnnotation()
            instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
    switch (p) {
      case FLOAT:
        out.add(
            new Finding(
                path,
                channel,
                false,
                "column '" + name + "' is float32: its values are only float32-exact"));
        return;
      case DOUBLE:
      case INT32:
      case INT64:
        return;
      default:
        if (!decimal) {
          out.add(
              error(
                  path,
                  channel,
                  "column '" + name + "' has type " + describe(t) + ", expected a number"));
        }
    }
  }

  /** A book side: a list of struct{price, amount|size} or of [price, amount] pairs. */
  private static void book(
      List<Finding> out, String path, Channel channel, MessageType schema, String side) {
    if (!schema.containsField(side)) {
      out.add(error(path, channel, "column '" + side + "' is missing"));
      return;
    }
    Type t = schema.getType(side);
    if (t.isPrimitive()) {
      out.add(error(path, channel, "column '" + side + "' has type " + describe(t) + ", expected a list of levels"));
      return;
    }
    // Every numeric leaf below the list: float32 ones are warned about, once per column path.
    leaves(out, path, channel, side, t);
  }

  private static void leaves(List<Finding> out, String path, Channel channel, String name, Type t) {
    if (t.isPrimitive()) {
      PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
      if (p == PrimitiveTypeName.FLOAT) {
        out.add(
            new Finding(
                path,
                channel,
                false,
                "column '" + name + "' is float32: its values are only float32-exact"));
      }
      return;
    }
    GroupType g = t.asGroupType();
    for (Type child : g.getFields()) {
      leaves(out, path, channel, name + "." + child.getName(), child);
    }
  }

  private static String describe(Type t) {
    return t.isPrimitive() ? ColumnTypeNames.of(t.asPrimitiveType()) : "a group (struct or list)";
  }
}
