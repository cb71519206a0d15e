package io.microstructure.input;

import io.microstructure.model.Channel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * By-name field access resolved to positions once per file. Names are the contract's; {@link
 * ColumnNames} says which column of the file holds each.
 */
final class Fields {
  private final String file;
  private final Schema schema;
  private final MessageType parquet;
  private final Channel channel;
  private final ColumnNames names;
  private final List<String> present = new ArrayList<>();

  Fields(String file, Schema schema, MessageType parquet, Channel channel, ColumnNames names) {
    this.file = file;
    this.schema = schema;
    this.parquet = parquet;
    this.channel = channel;
    this.names = names;
    for (Schema.Field f : schema.getFields()) {
      present.add(f.name());
    }
  }

  /** The file's name for the contract's column {@code ours}, or null when the file lacks it. */
  String name(String ours) {
    return names.resolve(file, channel, present, ours, ours);
  }

  /** How to read the numbers of a top-level column (decimals included). */
  NumberColumn numbers(String ours) {
    String column = name(ours);
    return column != null && parquet.containsField(column)
        ? NumberColumn.of(parquet.getType(column))
        : NumberColumn.PLAIN;
  }

  /**
   * The file's name of a book level's field {@code leaf} (price or amount) in book column {@code
   * column} (the file's name), or {@code leaf} when the levels are not structs.
   */
  String levelField(String column, String leaf) {
    return levelField(file, parquet, channel, names, column, leaf);
  }

  /** {@link #levelField(String, String)} of a Parquet schema (shared with the columnar reader). */
  static String levelField(
      String file,
      MessageType parquet,
      Channel channel,
      ColumnNames names,
      String column,
      String leaf) {
    if (column == null || !parquet.containsField(column)) {
      return leaf;
    }
    Type t = parquet.getType(column);
    while (!t.isPrimitive()) {
      GroupType g = t.asGroupType();
      List<String> fields = new ArrayList<>();
      for (Type f : g.getFields()) {
        fields.add(f.getName());
      }
      String found = names.resolve(file, channel, fields, leaf, column + "." + leaf);
      if (found != null) {
        return found;
      }
      if (g.getFieldCount() != 1) {
        if (g.isRepetition(Type.Repetition.REPEATED) || g.getLogicalTypeAnnotation() != null) {
          return leaf; // not a level struct (a map's entries, a bare repeated group…)
        }
        // A level struct without the field: an error, never a column read as all null.
        throw new MissingColumnException(
            file,
            column + "." + leaf,
            "is missing: a level has the fields "
                + fields
                + names.describe(channel, leaf)
                + "; map it in the config (input.columns."
                + channel.folder()
                + "."
                + leaf
                + ": <field>)");
      }
      t = g.getType(0);
    }
    return leaf;
  }


  /**
   * How to read a numeric leaf of a book column: {@code leaf} names the struct field (price or
   * amount); for list-of-list books the single element leaf serves both.
   */
  NumberColumn bookNumbers(String column, String leaf) {
    return bookNumbers(parquet, column, leaf);
  }

  /** {@link #bookNumbers(String, String)} of a Parquet schema (shared with the columnar reader). */
  static NumberColumn bookNumbers(MessageType parquet, String column, String leaf) {
    if (!parquet.containsField(column)) {
      return NumberColumn.PLAIN;
    }
    Type t = parquet.getType(column);
    while (!t.isPrimitive()) {
      GroupType g = t.asGroupType();
      if (g.containsField(leaf)) {
        return NumberColumn.of(g.getType(leaf));
      }
      if (g.getFieldCount() != 1) {
        return NumberColumn.PLAIN;
      }
      t = g.getType(0);
    }
    return NumberColumn.of(t);
  }

  /** Position of a column the channel requires. */
  int required(String ours) {
    String name = name(ours);
    Schema.Field f = name == null ? null : schema.getField(name);
    if (f == null) {
      throw new MissingColumnException(file, ours, "is missing" + names.describe(channel, ours));
    }
    return f.pos();
  }

  /** Position of a required column that must hold numbers. */
  int requiredNumber(String ours) {
    int pos = required(ours);
    checkNumeric(name(ours));
    return pos;
  }

  /** Position of an optional numeric column, or -1 when the file lacks it. */
  int optionalNumber(String ours) {
    int pos = optional(ours);
    if (pos >= 0) {
      checkNumeric(name(ours));
    }
    return pos;
  }

  private void checkNumeric(String name) {
    Schema s = schema.getField(name).schema();
    if (s.getType() == Schema.Type.UNION) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          s = branch;
        }
      }
    }
    switch (s.getType()) {
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return;
      case BYTES:
      case FIXED:
        if (parquet.containsField(name)
            && parquet.getType(name).getLogicalTypeAnnotation()
                instanceof
                org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          return;
        }
        throw new MissingColumnException(
            file, name, "has type " + ColumnTypeNames.of(s.getType()) + ", expected a number");
      default:
        throw new MissingColumnException(
            file, name, "has type " + ColumnTypeNames.of(s.getType()) + ", expected a number");
    }
  }

  /** Position of an optional column, or -1 when the file lacks it. */
  int optional(String ours) {
    String name = name(ours);
    Schema.Field f = name == null ? null : schema.getField(name);
    return f == null ? -1 : f.pos();
  }

  static Object get(GenericRecord r, int pos) {
    return pos < 0 ? null : r.get(pos);
  }

  static String string(GenericRecord r, int pos) {
    Object v = get(r, pos);
    return v == null ? null : v.toString();
  }

  /** An integer field, or {@code missing} when null. */
  static long integer(GenericRecord r, int pos, long missing) {
    Object v = get(r, pos);
    return v == null ? missing : ((Number) v).longValue();
  }

  static boolean isPrice(double v) {
    return Double.isFinite(v) && v > 0;
  }

  static boolean isAmount(double v) {
    return Double.isFinite(v) && v >= 0;
  }

  /** Why a price value is invalid, for the dead-letter reason. */
  static String priceProblem(double v) {
    return Double.isNaN(v) ? "price is null or NaN" : "price " + v + " is not finite and > 0";
  }

  static String amountProblem(double v) {
    return Double.isNaN(v) ? "amount is null or NaN" : "amount " + v + " is not finite and >= 0";
  }
}
