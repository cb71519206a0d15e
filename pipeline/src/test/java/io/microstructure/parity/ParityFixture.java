package io.microstructure.parity;

import io.microstructure.io.ChannelOutputFile;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.OutputSchemas;
import io.microstructure.output.ParquetTableSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * An output root in memory: a few tables in the layout of the data contract, written as Parquet the
 * way the pipeline's sink ({@link ParquetTableSink}) writes, one folder per exchange/symbol/date
 * (escaped), exchange and symbol in the folder names only.
 * Tests copy it, change the copy and write both to compare them.
 */
final class ParityFixture {
  static final String HF = "ccxt/orderbook/hf";
  static final String TRADES = "ccxt/trades/hf";
  static final String VOLUME_BARS = "ccxt/trades/volume_bars";
  static final String TIME_BARS = "ccxt/orderbook/bars/duration=60s";

  /** 2026-01-05T23:58:00Z: the data crosses midnight, so every key has two date partitions. */
  static final long START = Instant.parse("2026-01-05T23:58:00Z").toEpochMilli() * 1000L;

  static final List<String> EXCHANGES = List.of("binance", "kraken");
  static final List<String> SYMBOLS = List.of("BTC/USDT", "1000PEPE/USDT:USDT");

  final Map<String, Schema> schemas = new LinkedHashMap<>();
  final Map<String, List<GenericRecord>> rows = new LinkedHashMap<>();

  static Schema schema(String name, String timeFields, String fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\""
                + name
                + "\",\"namespace\":\"test\",\"fields\":["
                + "{\"name\":\"exchange\",\"type\":\"string\"},"
                + "{\"name\":\"symbol\",\"type\":\"string\"},"
                + timeFields
                + ","
                + fields
                + "]}");
  }

  static String ts(String name) {
    return "{\"name\":\""
        + name
        + "\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}}";
  }

  static String opt(String name, String type) {
    return "{\"name\":\"" + name + "\",\"type\":[\"null\",\"" + type + "\"],\"default\":null}";
  }

  /** The standard fixture: four tables, 2 exchanges × 2 symbols, deterministic values. */
  static ParityFixture standard() {
    ParityFixture f = new ParityFixture();
    Random rnd = new Random(7);
    Schema hf =
        schema(
            "Hf",
            ts("capture_ts"),
            String.join(
                ",",
                opt("mid_price", "double"),
                opt("spread_bps", "double"),
                opt("imbalance_5", "double"),
                opt("bid_levels", "int"),
                opt("book_crossed", "boolean"),
                opt("spread_regime", "string")));
    Schema trades =
        schema(
            "Trade",
            ts("capture_ts"),
            String.join(
                ",",
                opt("id", "string"),
                opt("side", "string"),
                opt("price", "double"),
                opt("amount", "double"),
                opt("signed_amount", "double")));
    Schema volumeBars =
        schema(
            "VolumeBar",
            "{\"name\":\"bar_index\",\"type\":\"long\"}," + ts("bar_start") + "," + ts("bar_end"),
            String.join(
                ",", opt("close", "double"), opt("volume", "double"), opt("complete", "boolean")));
    Schema timeBars =
        schema(
            "TimeBar",
            ts("bar_start") + "," + ts("bar_end"),
            String.join(
                ",", opt("open", "double"), opt("close", "double"), opt("tick_count", "long")));
    f.schemas.put(HF, hf);
    f.schemas.put(TRADES, trades);
    f.schemas.put(VOLUME_BARS, volumeBars);
    f.schemas.put(TIME_BARS, timeBars);
    for (String t : f.schemas.keySet()) {
      f.rows.put(t, new ArrayList<>());
    }
    for (String ex : EXCHANGES) {
      for (String sym : SYMBOLS) {
        double base = sym.startsWith("BTC") ? 43_000 : 0.0123;
        for (int i = 0; i < 90; i++) {
          long t = START + i * 2_000_000L;
          int copies = i == 40 ? 2 : 1; // two snapshots at one capture_ts
          for (int c = 0; c < copies; c++) {
            GenericRecord r = new GenericData.Record(hf);
            r.put("exchange", ex);
            r.put("symbol", sym);
            r.put("capture_ts", t);
            r.put("mid_price", base * (1 + 0.001 * rnd.nextGaussian()));
            r.put("spread_bps", i == 0 ? null : 0.5 + rnd.nextDouble());
            r.put("imbalance_5", 2 * rnd.nextDouble() - 1);
            r.put("bid_levels", 5 + rnd.nextInt(20));
            r.put("book_crossed", rnd.nextInt(50) == 0);
            r.put("spread_regime", i < 5 ? null : rnd.nextBoolean() ? "tight" : "normal");
            f.rows.get(HF).add(r);
          }
        }
        for (int i = 0; i < 40; i++) {
          long t = START + i * 4_500_000L;
          int n = 1 + i % 3; // one to three trades share a capture_ts
          for (int k = 0; k < n; k++) {
            GenericRecord r = new GenericData.Record(trades);
            boolean buy = rnd.nextBoolean();
            double amount = Math.round(rnd.nextDouble() * 1000) / 1000.0 + 0.001;
            r.put("exchange", ex);
            r.put("symbol", sym);
            r.put("capture_ts", t);
            r.put("id", ex.equals("kraken") ? null : Integer.toString(i * 10 + k));
            r.put("side", buy ? "buy" : "sell");
            r.put("price", base * (1 + 0.001 * rnd.nextGaussian()));
            r.put("amount", amount);
            r.put("signed_amount", buy ? amount : -amount);
            f.rows.get(TRADES).add(r);
          }
        }
        for (int b = 0; b < 10; b++) {
          GenericRecord r = new GenericData.Record(volumeBars);
          r.put("exchange", ex);
          r.put("symbol", sym);
          r.put("bar_index", (long) b);
          r.put("bar_start", START + b * 18_000_000L);
          r.put("bar_end", START + b * 18_000_000L + 17_000_000L);
          r.put("close", base * (1 + 0.001 * rnd.nextGaussian()));
          r.put("volume", 10.0);
          r.put("complete", b < 9);
          f.rows.get(VOLUME_BARS).add(r);
        }
        for (int b = 0; b < 4; b++) {
          GenericRecord r = new GenericData.Record(timeBars);
          r.put("exchange", ex);
          r.put("symbol", sym);
          r.put("bar_start", START + b * 60_000_000L);
          r.put("bar_end", START + (b + 1) * 60_000_000L);
          r.put("open", base * (1 + 0.001 * rnd.nextGaussian()));
          r.put("close", base * (1 + 0.001 * rnd.nextGaussian()));
          r.put("tick_count", 30L);
          f.rows.get(TIME_BARS).add(r);
        }
      }
    }
    return f;
  }

  /** A deep copy, to change without touching this one. */
  ParityFixture copy() {
    ParityFixture c = new ParityFixture();
    c.schemas.putAll(schemas);
    for (Map.Entry<String, List<GenericRecord>> e : rows.entrySet()) {
      List<GenericRecord> copied = new ArrayList<>();
      for (GenericRecord r : e.getValue()) {
        copied.add(GenericData.get().deepCopy(r.getSchema(), r));
      }
      c.rows.put(e.getKey(), copied);
    }
    return c;
  }

  List<GenericRecord> rows(String table) {
    return rows.get(table);
  }

  /** The row of {@code table} at {@code capture_ts}/{@code bar_start} = START + offset µs. */
  GenericRecord row(String table, String exchange, String symbol, long timeOffsetMicros) {
    for (GenericRecord r : rows.get(table)) {
      String tc = r.getSchema().getField("capture_ts") != null ? "capture_ts" : "bar_start";
      if (r.get("exchange").toString().equals(exchange)
          && r.get("symbol").toString().equals(symbol)
          && (Long) r.get(tc) == START + timeOffsetMicros) {
        return r;
      }
    }
    throw new IllegalArgumentException("no row at " + timeOffsetMicros);
  }

  /** Replaces a table's schema (and its rows, re-made field by field; new fields null). */
  void changeSchema(String table, Schema schema) {
    List<GenericRecord> changed = new ArrayList<>();
    for (GenericRecord r : rows.get(table)) {
      GenericRecord n = new GenericData.Record(schema);
      for (Schema.Field f : schema.getFields()) {
        Schema.Field old = r.getSchema().getField(f.name());
        Object v = old == null ? null : r.get(f.name());
        if (v instanceof Integer && f.schema().toString().contains("long")) {
          v = ((Integer) v).longValue();
        }
        n.put(f.name(), v);
      }
      changed.add(n);
    }
    schemas.put(table, schema);
    rows.put(table, changed);
  }

  /**
   * Writes every table under {@code root}: one folder per exchange/symbol/date, with one file per
   * partition (two for the trades). {@code reversed} writes rows in the opposite order (row order
   * inside files is not significant). Adds a {@code _rejected} dead letter that names the root, so
   * the dead letters always differ between two roots.
   */
  void write(Path root, boolean reversed) throws IOException {
    for (String table : rows.keySet()) {
      Map<String, List<GenericRecord>> parts = new TreeMap<>();
      for (GenericRecord r : rows.get(table)) {
        String tc = r.getSchema().getField("capture_ts") != null ? "capture_ts" : "bar_start";
        String partition =
            OutputLayout.hivePartition(
                r.get("exchange").toString(), r.get("symbol").toString(), (Long) r.get(tc));
        parts.computeIfAbsent(partition, p -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<GenericRecord>> e : parts.entrySet()) {
        List<GenericRecord> all = new ArrayList<>(e.getValue());
        if (reversed) {
          Collections.reverse(all);
        }
        Path dir = root.resolve(table).resolve(e.getKey());
        // As the pipeline writes: exchange and symbol in the folder names only.
        Schema fileSchema = withoutMarket(schemas.get(table));
        all = withSchema(all, fileSchema);
        if (table.equals(TRADES)) {
          int half = all.size() / 2;
          writeFile(dir.resolve("part-00000-of-00002.parquet"), fileSchema, all.subList(0, half));
          writeFile(
              dir.resolve("part-00001-of-00002.parquet"), fileSchema, all.subList(half, all.size()));
        } else {
          writeFile(dir.resolve("part-00000-of-00001.parquet"), fileSchema, all);
        }
      }
    }
    GenericRecord dead = new GenericData.Record(OutputSchemas.rejected());
    dead.put("channel", "orderbook");
    dead.put("source_file", root.toString());
    dead.put("row", 1L);
    dead.put("reason", "crossed book");
    writeFile(
        root.resolve("_rejected/orderbook/part-0.parquet"),
        OutputSchemas.rejected(),
        List.of(dead));
  }

  private static Schema withoutMarket(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      if (!f.name().equals("exchange") && !f.name().equals("symbol")) {
        fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
      }
    }
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static List<GenericRecord> withSchema(List<GenericRecord> rows, Schema schema) {
    List<GenericRecord> out = new ArrayList<>(rows.size());
    for (GenericRecord r : rows) {
      GenericData.Record n = new GenericData.Record(schema);
      for (Schema.Field f : schema.getFields()) {
        n.put(f.name(), r.get(f.name()));
      }
      out.add(n);
    }
    return out;
  }

  /**
   * Writes one Parquet file as the pipeline's {@link ParquetTableSink} does (Snappy, parquet-avro,
   * dictionaries off for doubles), with an empty Hadoop configuration: loading the default one for
   * every file would make the tests several times slower.
   */
  static void writeFile(Path file, Schema schema, List<GenericRecord> records) throws IOException {
    Files.createDirectories(file.getParent());
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(
                new ChannelOutputFile(
                    FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE),
                    file.toString()))
            .withConf(new Configuration(false))
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withDictionaryEncoding(false);
    for (Schema.Field f : schema.getFields()) {
      if (!f.schema().toString().contains("double")) {
        builder = builder.withDictionaryEncoding(f.name(), true);
      }
    }
    try (ParquetWriter<GenericRecord> writer = builder.build()) {
      for (GenericRecord r : records) {
        writer.write(r);
      }
    }
  }
}
