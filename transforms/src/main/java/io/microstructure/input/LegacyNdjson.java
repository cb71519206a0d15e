package io.microstructure.input;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.microstructure.model.Channel;
import io.microstructure.output.OutputSchemas;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Lines of the legacy mixed NDJSON stream ({@code {"type": "orderbook"|"trade"|"ticker", ...}}) as
 * GenericRecords of the raw channel schemas, so that the legacy path validates and decodes them
 * with exactly the decoders of the Parquet path. Books are {@code [[price, amount], ...]};
 * capture_ts is a plain integer (microseconds unless configured otherwise).
 */
public final class LegacyNdjson {
  private static final Map<Channel, Schema> SCHEMAS = new EnumMap<>(Channel.class);

  static {
    SCHEMAS.put(Channel.ORDERBOOK, plainCaptureTs(OutputSchemas.resource("orderbook_pairs")));
    SCHEMAS.put(Channel.TRADES, plainCaptureTs(OutputSchemas.resource("trades")));
    SCHEMAS.put(Channel.TICKER, plainCaptureTs(OutputSchemas.resource("ticker")));
  }

  private LegacyNdjson() {}

  /** A line that is not a row of any channel, or has a field of the wrong JSON type. */
  public static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;
    private final Channel channel;
    private final String column;

    BadLine(Channel channel, String column, String message) {
      super(message);
      this.channel = channel;
      this.column = column;
    }

    /** The line's channel, or null when its type is missing or unknown. */
    public Channel channel() {
      return channel;
    }

    public String column() {
      return column;
    }
  }

  /** One parsed line. */
  public static final class Line {
    private final Channel channel;
    private final GenericRecord record;

    Line(Channel channel, GenericRecord record) {
      this.channel = channel;
      this.record = record;
    }

    public Channel channel() {
      return channel;
    }

    public GenericRecord record() {
      return record;
    }
  }

  /** The Avro schema of a channel's legacy records (the raw schema, capture_ts a plain long). */
  public static Schema schema(Channel channel) {
    return SCHEMAS.get(channel);
  }

  /** The Parquet view of {@link #schema}, for binding the channel's {@link RowDecoder}. */
  public static MessageType parquetSchema(Channel channel) {
    return new AvroSchemaConverter().convert(schema(channel));
  }

  /** Parses a line; a field of the wrong JSON type makes the whole line bad. */
  public static Line parse(String text) throws BadLine {
    return parse(text, false);
  }

  /**
   * Parses a line. With {@code lenient}, a field of the wrong JSON type becomes null instead (the
   * converter keeps such rows so that the Parquet path rejects them just as the legacy path does);
   * bad JSON and unknown types are always bad lines.
   */
  public static Line parse(String text, boolean lenient) throws BadLine {
    JsonObject json;
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw new BadLine(null, null, "not a JSON object");
      }
      json = e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new BadLine(null, null, "malformed JSON: " + firstLine(e.getMessage()));
    }
    Channel channel = channelOf(json.get("type"));
    Schema schema = SCHEMAS.get(channel);
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      JsonElement v = json.get(f.name());
      if (v != null && !v.isJsonNull()) {
        try {
          record.put(f.pos(), value(channel, f.name(), valueSchema(f.schema()), v));
        } catch (BadLine e) {
          if (!lenient) {
            throw e;
          }
        }
      }
    }
    return new Line(channel, record);
  }

  private static Channel channelOf(JsonElement type) throws BadLine {
    if (type == null || type.isJsonNull()) {
      throw new BadLine(null, "type", "missing type");
    }
    String t = type.isJsonPrimitive() ? type.getAsString() : type.toString();
    for (Channel c : Channel.values()) {
      if (c.legacyType().equals(t) || c.folder().equals(t)) {
        return c;
      }
    }
    throw new BadLine(null, "type", "unknown type '" + t + "' (orderbook, trade, ticker)");
  }

  private static Object value(Channel channel, String name, Schema type, JsonElement v)
      throws BadLine {
    switch (type.getType()) {
      case STRING:
        if (!v.isJsonPrimitive()) {
          throw new BadLine(channel, name, name + " is not a string: " + v);
        }
        return v.getAsString(); // numeric trade ids are kept as their text
      case LONG:
        return integer(channel, name, v);
      case DOUBLE:
        return number(channel, name, v);
      case ARRAY:
        return levels(channel, name, v);
      default:
        throw new IllegalStateException("unexpected legacy field type " + type);
    }
  }

  private static long integer(Channel channel, String name, JsonElement v) throws BadLine {
    try {
      JsonPrimitive p = v.getAsJsonPrimitive();
      if (p.isNumber() || p.isString()) {
        return p.getAsBigDecimal().longValueExact();
      }
    } catch (IllegalStateException | NumberFormatException | ArithmeticException e) {
      // falls through to the error below
    }
    throw new BadLine(channel, name, name + " is not an integer: " + v);
  }

  private static Double number(Channel channel, String name, JsonElement v) throws BadLine {
    try {
      JsonPrimitive p = v.getAsJsonPrimitive();
      if (p.isNumber() || p.isString()) {
        return p.getAsDouble();
      }
    } catch (IllegalStateException | NumberFormatException e) {
      // falls through to the error below
    }
    throw new BadLine(channel, name, name + " is not a number: " + v);
  }

  /** {@code [[price, amount], ...]}; a null inside a pair stays null for the decoder to reject. */
  private static List<List<Double>> levels(Channel channel, String name, JsonElement v)
      throws BadLine {
    if (!v.isJsonArray()) {
      throw new BadLine(channel, name, name + " is not a list of [price, amount]: " + v);
    }
    JsonArray array = v.getAsJsonArray();
    List<List<Double>> levels = new ArrayList<>(array.size());
    for (JsonElement level : array) {
      if (!level.isJsonArray()) {
        throw new BadLine(
            channel, name, name + " has a level that is not [price, amount]: " + level);
      }
      List<Double> pair = new ArrayList<>(2);
      for (JsonElement x : level.getAsJsonArray()) {
        pair.add(x.isJsonNull() ? null : number(channel, name, x));
      }
      levels.add(pair);
    }
    return levels;
  }

  private static Schema valueSchema(Schema s) {
    if (s.isUnion()) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch;
        }
      }
    }
    return s;
  }

  private static Schema plainCaptureTs(Schema raw) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : raw.getFields()) {
      Schema type = f.schema();
      if (f.name().equals("capture_ts")) {
        type = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG));
      }
      fields.add(new Schema.Field(f.name(), type, f.doc(), f.defaultVal()));
    }
    return Schema.createRecord(
        raw.getName() + "Legacy", raw.getDoc(), raw.getNamespace(), false, fields);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
