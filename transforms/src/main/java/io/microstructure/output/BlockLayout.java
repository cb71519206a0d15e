package io.microstructure.output;

import io.microstructure.model.FeatureBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Where each field of a table schema takes its values in a {@link FeatureBlock}, by the rules of
 * {@link FeatureRecords}: field 0 is the block's row time (its market names the partition); every
 * later plain string field takes the next label column, every other later field the next
 * value column, converted to the field's type (NaN is null; an enum-coded string column holds the
 * index of its symbol).
 */
final class BlockLayout {
  enum Kind {
    TIME,
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    ENUM,
    LABEL
  }

  /**
   * One field: its kind, its block column (value or label index; none for the time), whether
   * it may be null and, for an enum-coded column, its symbols.
   */
  static final class Field {
    final String name;
    final Kind kind;
    final int source;
    final boolean nullable;
    final List<String> symbols;

    private Field(String name, Kind kind, int source, boolean nullable, List<String> symbols) {
      this.name = name;
      this.kind = kind;
      this.source = source;
      this.nullable = nullable;
      this.symbols = symbols;
    }
  }

  private final List<Field> fields;
  private final int valueColumns;
  private final int labelColumns;

  private BlockLayout(List<Field> fields, int valueColumns, int labelColumns) {
    this.fields = fields;
    this.valueColumns = valueColumns;
    this.labelColumns = labelColumns;
  }

  static BlockLayout of(Schema schema) {
    Schema.Field time = schema.getFields().get(0);
    List<Field> fields = new ArrayList<>();
    fields.add(new Field(time.name(), Kind.TIME, -1, time.schema().isNullable(), null));
    TableFields table = TableFields.of(schema);
    int values = 0;
    int labels = 0;
    for (int i = 0; i < table.size(); i++) {
      Kind kind = kind(table.kind(i));
      int source = kind == Kind.LABEL ? labels++ : values++;
      fields.add(new Field(table.name(i), kind, source, table.nullable(i), table.symbols(i)));
    }
    return new BlockLayout(Collections.unmodifiableList(fields), values, labels);
  }

  /** The schema's fields in order. */
  List<Field> fields() {
    return fields;
  }

  /**
   * Checks that a block has this layout's columns and that every row converts: no null in a field
   * that cannot hold one, no enum code without a symbol. Writers check first and write after, so a
   * bad block leaves the file as it was.
   */
  void check(FeatureBlock block) {
    if (block.valueColumns() != valueColumns || block.labelColumns() != labelColumns) {
      throw new IllegalArgumentException(
          String.format(
              "block has %d value and %d label columns, the table %d and %d",
              block.valueColumns(), block.labelColumns(), valueColumns, labelColumns));
    }
    for (Field f : fields) {
      switch (f.kind) {
        case TIME:
          break;
        case LABEL:
          if (!f.nullable) {
            checkLabels(f, block.labels(f.source), block.size());
          }
          break;
        default:
          checkValues(f, block.values(f.source), block.size());
      }
    }
  }

  private static void checkLabels(Field f, String[] labels, int rows) {
    for (int r = 0; r < rows; r++) {
      if (labels[r] == null) {
        throw new IllegalArgumentException(
            "column " + f.name + " is not nullable: null at block row " + r);
      }
    }
  }

  private static void checkValues(Field f, double[] values, int rows) {
    if (f.nullable && f.kind != Kind.ENUM) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      double v = values[r];
      if (Double.isNaN(v)) {
        if (!f.nullable) {
          throw new IllegalArgumentException(
              "column " + f.name + " is not nullable: NaN (null) at block row " + r);
        }
      } else if (f.kind == Kind.ENUM && ((int) v < 0 || (int) v >= f.symbols.size())) {
        throw new IllegalArgumentException(
            "column "
                + f.name
                + ": "
                + v
                + " at block row "
                + r
                + " codes no symbol of "
                + f.symbols);
      }
    }
  }

  /** How a field is encoded: a timestamp is a long. */
  private static Kind kind(TableFields.Kind kind) {
    return kind == TableFields.Kind.TIMESTAMP ? Kind.LONG : Kind.valueOf(kind.name());
  }
}
