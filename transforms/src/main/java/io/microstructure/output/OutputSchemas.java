package io.microstructure.output;

import io.microstructure.features.FeatureColumn;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.HfColumns;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.features.TickerFeatures;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.TradeColumns;
import io.microstructure.features.VolumeBars;
import io.microstructure.model.OutputTable;
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
 * Schemas of the output tables, derived from the columns the feature families declare ({@link
 * FeatureColumn}): the row time of the published schema, then one field per column with the Avro type its column type maps to. The {@code .avsc} files of the
 * schemas module are the published contract at default parameters: there the derived schema must
 * equal the published one, field for field, or the table is not written (also checked by a test).
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

  /** The schema of a table for these parameters. */
  public static Schema of(OutputTable table, FeatureParameters params) {
    switch (table) {
      case ORDERBOOK_HF:
        return orderbookHf(params);
      case ORDERBOOK_BARS:
        return orderbookBars();
      case TRADES_HF:
        return tradesHf(params);
      case TRADES_VOLUME_BARS:
        return volumeBars();
      case TICKER_HF:
        return tickerHf();
      default:
        return rejected();
    }
  }

  /** The order-book hf table for these parameters. */
  public static Schema orderbookHf(FeatureParameters params) {
    return table(
        "orderbook_hf",
        new HfColumns(params).columns(),
        params.equals(FeatureParameters.defaults()));
  }

  /** The hf table of the vectorized mode: the structural columns only. */
  public static Schema orderbookHfStructural(FeatureParameters params) {
    return table("orderbook_hf", new StructuralFeatures(params).columns(), false);
  }

  /** The trades channel's per-trade table for these parameters. */
  public static Schema tradesHf(FeatureParameters params) {
    return table(
        "trades_hf",
        TradeColumns.columns(params),
        java.util.Arrays.equals(
            params.horizonsSeconds(), FeatureParameters.defaults().horizonsSeconds()));
  }

  public static Schema volumeBars() {
    return table("volume_bars", VolumeBars.columns(), true);
  }

  public static Schema tickerHf() {
    return table("ticker_hf", TickerFeatures.columns(), true);
  }

  /** The time-bar table (the same for every duration). */
  public static Schema orderbookBars() {
    return table("orderbook_bars", TimeBarAccumulator.columns(), true);
  }

  public static Schema rejected() {
    return resource("rejected");
  }

  /**
   * The table of these columns, named and keyed like the published schema {@code name}; when {@code
   * published} says these are the published columns, the derived schema must equal it.
   */
  private static Schema table(String name, List<FeatureColumn> columns, boolean published) {
    Schema contract = resource(name);
    List<Schema.Field> fields = new ArrayList<>();
    // The market is not a column: its exchange and symbol are the partition folders' names.
    for (Schema.Field f : contract.getFields().subList(0, 1)) {
      fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
    }
    for (FeatureColumn c : columns) {
      fields.add(field(c));
    }
    Schema derived =
        Schema.createRecord(
            contract.getName(), contract.getDoc(), contract.getNamespace(), false, fields);
    if (!published) {
      return derived;
    }
    if (!derived.equals(contract)) {
      throw new IllegalStateException(
          contract.getFullName()
              + " and the feature families' columns disagree:\n  schema "
              + contract.getFields()
              + "\n  code   "
              + derived.getFields());
    }
    return contract;
  }

  private static Schema.Field field(FeatureColumn c) {
    Schema value;
    switch (c.type()) {
      case TIMESTAMP:
        // Never null: a bar always has an end.
        return new Schema.Field(
            c.name(), LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)));
      case LONG:
        value = Schema.create(Schema.Type.LONG);
        break;
      case INT:
        value = Schema.create(Schema.Type.INT);
        break;
      case BOOLEAN:
        value = Schema.create(Schema.Type.BOOLEAN);
        break;
      case ENUM:
      case STRING:
        value = Schema.create(Schema.Type.STRING);
        break;
      default:
        value = Schema.create(Schema.Type.DOUBLE);
    }
    Schema.Field f =
        new Schema.Field(
            c.name(),
            Schema.createUnion(Schema.create(Schema.Type.NULL), value),
            null,
            JsonProperties.NULL_VALUE);
    if (c.type() == FeatureColumn.Type.ENUM) {
      f.addProp(ENUM_SYMBOLS, c.symbols());
    }
    return f;
  }
}
