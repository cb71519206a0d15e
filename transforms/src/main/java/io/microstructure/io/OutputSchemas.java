package io.microstructure.io;

import io.microstructure.engine.HfColumns;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.features.TickerFeatures;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.VolumeBars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Schemas of the output tables. The {@code .avsc} files of the schemas module are the published
 * column sets at default parameters; with other parameters the same naming and typing rules give
 * the table's columns, and at the defaults the two must agree (checked here and by a test).
 */
public final class OutputSchemas {
  /** Field property naming the strings an enum-coded double column stands for. */
  public static final String ENUM_SYMBOLS = "x-enum-symbols";

  private static final Map<String, Schema> RESOURCES = new ConcurrentHashMap<>();

  private OutputSchemas() {}

  /** A schema file of the schemas module, e.g. {@code "orderbook_hf"}. */
  public static Schema resource(String name) {
    return RESOURCES.computeIfAbsent(name, OutputSchemas::load);
  }

  private static Schema load(String name) {
    String path = "io/microstructure/schemas/" + name + ".avsc";
    try (InputStream in = OutputSchemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + path);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The order-book hf table for these parameters. */
  public static Schema orderbookHf(FeatureParameters params) {
    List<String> columns = new HfColumns(params).names();
    Schema published = resource("orderbook_hf");
    if (params.equals(FeatureParameters.defaults())) {
      checkAgrees(published, columns);
      return published;
    }
    return derive(published, columns);
  }

  /** The hf table of the vectorized mode: the structural columns only. */
  public static Schema orderbookHfStructural(FeatureParameters params) {
    return derive(resource("orderbook_hf"), new StructuralFeatures(params).columnNames());
  }

  /** The trades channel's per-trade table for these parameters. */
  public static Schema tradesHf(FeatureParameters params) {
    List<String> columns = TradeReplay.columns(params);
    Schema published = resource("trades_hf");
    if (java.util.Arrays.equals(
        params.horizonsSeconds(), FeatureParameters.defaults().horizonsSeconds())) {
      checkAgrees(published, columns);
      return published;
    }
    return derive(published, columns);
  }

  public static Schema volumeBars() {
    Schema published = resource("volume_bars");
    checkAgrees(published, VolumeBars.COLUMNS);
    return published;
  }

  public static Schema tickerHf() {
    Schema published = resource("ticker_hf");
    checkAgrees(published, TickerFeatures.COLUMNS);
    return published;
  }

  /** The time-bar table (the same for every duration). */
  public static Schema orderbookBars() {
    Schema published = resource("orderbook_bars");
    checkAgrees(published, TimeBarAccumulator.COLUMNS);
    return published;
  }

  public static Schema rejected() {
    return resource("rejected");
  }

  /** Avro type of a feature column, by the naming rules of features.md. */
  static Schema columnType(String name) {
    Schema value;
    if (name.equals("trade_count")
        || name.equals("tick_count")
        || name.startsWith("trade_count_")) {
      value = Schema.create(Schema.Type.LONG);
    } else if (name.equals("bid_levels") || name.equals("ask_levels")) {
      value = Schema.create(Schema.Type.INT);
    } else if (name.equals("book_crossed") || name.equals("complete")) {
      value = Schema.create(Schema.Type.BOOLEAN);
    } else if (name.equals("spread_regime") || name.equals("side") || name.equals("id")) {
      value = Schema.create(Schema.Type.STRING);
    } else if (name.equals("bar_end")) {
      return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    } else {
      value = Schema.create(Schema.Type.DOUBLE);
    }
    return Schema.createUnion(Schema.create(Schema.Type.NULL), value);
  }

  private static Schema derive(Schema published, List<String> columns) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : published.getFields().subList(0, 3)) {
      fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
    }
    for (String c : columns) {
      Schema type = columnType(c);
      Schema.Field f =
          new Schema.Field(c, type, null, type.isUnion() ? JsonProperties.NULL_VALUE : null);
      Schema.Field publishedField = published.getField(c);
      if (publishedField != null && publishedField.getObjectProp(ENUM_SYMBOLS) != null) {
        f.addProp(ENUM_SYMBOLS, publishedField.getObjectProp(ENUM_SYMBOLS));
      }
      fields.add(f);
    }
    return Schema.createRecord(
        published.getName(), published.getDoc(), published.getNamespace(), false, fields);
  }

  private static void checkAgrees(Schema published, List<String> columns) {
    List<Schema.Field> fields = published.getFields();
    List<String> names = new ArrayList<>();
    for (Schema.Field f : fields.subList(3, fields.size())) {
      names.add(f.name());
    }
    if (!names.equals(columns)) {
      throw new IllegalStateException(
          published.getFullName()
              + " and the feature code disagree:\n  schema "
              + names
              + "\n  code   "
              + columns);
    }
  }
}
