package io.microstructure.output;

import io.microstructure.model.FeatureRow;
import io.microstructure.model.RejectedRow;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/**
 * An output table as Beam {@link Row}s: the columns a Hive-partitioned reader of the written table
 * shows. First the partition columns ({@code exchange}, {@code symbol}, and {@code duration} such
 * as {@code "60s"} for time bars), then the file's columns with their types: timestamps as {@link
 * SqlTypes#TIMESTAMP} (a {@link java.time.Instant}, microsecond exact), enum-coded columns as
 * their string, NaN as null.
 */
public final class TableRows implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final FieldType TIMESTAMP = FieldType.logicalType(SqlTypes.TIMESTAMP);

  private final String avroJson;
  private final boolean barDuration;
  private transient TableFields fields;
  private transient Schema schema;

  private TableRows(org.apache.avro.Schema table, boolean barDuration) {
    this.avroJson = table.toString();
    this.barDuration = barDuration;
  }

  /** Rows of a per-event table (order-book, trade and ticker rows, volume bars). */
  public static TableRows of(org.apache.avro.Schema table) {
    return new TableRows(table, false);
  }

  /** Rows of the time bars, with their duration as a column. */
  public static TableRows bars(org.apache.avro.Schema table) {
    return new TableRows(table, true);
  }

  /** The dead letters' schema: their file's columns. */
  public static Schema rejectedSchema() {
    return Schema.builder()
        .addStringField("channel")
        .addStringField("source_file")
        .addInt64Field("row")
        .addNullableField("column", FieldType.STRING)
        .addStringField("reason")
        .addNullableField("record", FieldType.STRING)
        .build();
  }

  /** A dead letter as a row of {@link #rejectedSchema()}. */
  public static Row rejected(RejectedRow r, Schema schema) {
    return Row.withSchema(schema)
        .addValues(r.channel(), r.sourceFile(), r.row(), r.column(), r.reason(), r.record())
        .build();
  }

  public Schema schema() {
    if (schema == null) {
      init();
    }
    return schema;
  }

  private void init() {
    org.apache.avro.Schema table = new org.apache.avro.Schema.Parser().parse(avroJson);
    fields = TableFields.of(table);
    Schema.Builder b = Schema.builder().addStringField("exchange").addStringField("symbol");
    if (barDuration) {
      b.addStringField("duration");
    }
    b.addField(table.getFields().get(0).name(), TIMESTAMP);
    for (int i = 0; i < fields.size(); i++) {
      FieldType type = type(fields.kind(i));
      b.addField(
          fields.nullable(i)
              ? Schema.Field.nullable(fields.name(i), type)
              : Schema.Field.of(fields.name(i), type));
    }
    schema = b.build();
  }

  private static FieldType type(TableFields.Kind kind) {
    switch (kind) {
      case LONG:
        return FieldType.INT64;
      case TIMESTAMP:
        return TIMESTAMP;
      case INT:
        return FieldType.INT32;
      case BOOLEAN:
        return FieldType.BOOLEAN;
      case DOUBLE:
        return FieldType.DOUBLE;
      default:
        return FieldType.STRING;
    }
  }

  /** A feature row as a Beam row; a bar's duration is its bar_end − bar_start. */
  public Row row(FeatureRow r) {
    Schema s = schema();
    List<Object> values = new ArrayList<>(s.getFieldCount());
    values.add(r.exchange());
    values.add(r.symbol());
    if (barDuration) {
      values.add(Math.floorDiv((long) r.value(0) - r.timestamp(), 1_000_000L) + "s");
    }
    values.add(instant(r.timestamp()));
    int value = 0;
    int label = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.kind(i) == TableFields.Kind.LABEL) {
        values.add(r.labels()[label++]);
        continue;
      }
      Object v = fields.value(i, r.value(value++));
      values.add(fields.kind(i) == TableFields.Kind.TIMESTAMP && v != null ? instant((Long) v) : v);
    }
    return Row.withSchema(s).addValues(values).build();
  }

  private static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
  }
}
