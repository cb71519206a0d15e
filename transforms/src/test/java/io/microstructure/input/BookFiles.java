package io.microstructure.input;

import io.microstructure.io.ChannelOutputFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes order-book test files in many Parquet layouts: parquet-avro (3-level and legacy 2-level,
 * struct and pair books) and hand-written Parquet schemas of other writers' conventions (Hive's
 * {@code bag}/{@code array}, Thrift's {@code _tuple}, one-field element wrappers, required columns,
 * float/int leaves, extra and reordered fields).
 */
public final class BookFiles {
  private BookFiles() {}

  /**
   * One raw row. A null list is a null column; a null level a null element; a level's values may be
   * null; a pair level may hold other than two values (struct layouts: exactly two).
   */
  public static final class Row {
    final String exchange;
    final String symbol;
    final Long captureTs;
    final Long seq;
    final List<Double[]> bids;
    final List<Double[]> asks;

    public Row(
        String exchange,
        String symbol,
        Long captureTs,
        Long seq,
        List<Double[]> bids,
        List<Double[]> asks) {
      this.exchange = exchange;
      this.symbol = symbol;
      this.captureTs = captureTs;
      this.seq = seq;
      this.bids = bids;
      this.asks = asks;
    }

    @Override
    public String toString() {
      return exchange
          + " "
          + symbol
          + " "
          + captureTs
          + " "
          + seq
          + " "
          + show(bids)
          + " "
          + show(asks);
    }

    private static String show(List<Double[]> side) {
      if (side == null) {
        return "null";
      }
      List<String> s = new ArrayList<>();
      for (Double[] l : side) {
        s.add(l == null ? "null" : java.util.Arrays.toString(l));
      }
      return s.toString();
    }
  }

  /** What a layout can express. */
  public enum Layout {
    /** parquet-avro, standard 3-level lists, nullable everything. */
    AVRO_STRUCT_3(false, true, true, true),
    /** parquet-avro with parquet.avro.write-old-list-structure: no null levels. */
    AVRO_STRUCT_2(false, false, true, true),
    AVRO_PAIRS_3(true, true, true, true),
    /** Legacy 2-level pairs: neither null levels nor null values. */
    AVRO_PAIRS_2(true, false, false, true),
    /** Hive: repeated group bag { optional group array { price; amount } }. */
    HIVE_BAG(false, true, true, true),
    /** Thrift-style 2-level: repeated group bids_tuple { optional group level {...} }. */
    TUPLE_WRAPPED(false, true, true, true),
    /** 3-level list of one-field records wrapping a 3-level pair list. */
    WRAPPED_PAIRS(true, true, true, true),
    /** Required columns everywhere, struct fields (amount int32, count, price float). */
    REQUIRED_MIXED(false, false, false, false);

    public final boolean pairs;
    public final boolean nullLevels;
    public final boolean nullValues;
    public final boolean nullColumns;

    Layout(boolean pairs, boolean nullLevels, boolean nullValues, boolean nullColumns) {
      this.pairs = pairs;
      this.nullLevels = nullLevels;
      this.nullValues = nullValues;
      this.nullColumns = nullColumns;
    }
  }

  private static final String LEVEL =
      "{\"type\": \"record\", \"name\": \"BookLevel\", \"fields\": ["
          + "{\"name\": \"price\", \"type\": [\"null\", \"double\"], \"default\": null},"
          + "{\"name\": \"amount\", \"type\": [\"null\", \"double\"], \"default\": null}]}";

  private static Schema avroSchema(Layout layout) {
    String bids;
    String asks;
    switch (layout) {
      case AVRO_STRUCT_3:
        bids = "{\"type\": \"array\", \"items\": [\"null\", " + LEVEL + "]}";
        asks = "{\"type\": \"array\", \"items\": [\"null\", \"BookLevel\"]}";
        break;
      case AVRO_STRUCT_2:
        bids = "{\"type\": \"array\", \"items\": " + LEVEL + "}";
        asks = "{\"type\": \"array\", \"items\": \"BookLevel\"}";
        break;
      case AVRO_PAIRS_3:
        bids =
            "{\"type\": \"array\", \"items\": [\"null\", {\"type\": \"array\", \"items\":"
                + " [\"null\", \"double\"]}]}";
        asks = bids;
        break;
      default:
        bids = "{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": \"double\"}}";
        asks = bids;
        break;
    }
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"OrderBookRow\", \"fields\": ["
                + "{\"name\": \"capture_ts\", \"type\": [\"null\", {\"type\": \"long\","
                + " \"logicalType\": \"timestamp-millis\"}], \"default\": null},"
                + "{\"name\": \"bids\", \"type\": [\"null\", "
                + bids
                + "], \"default\": null},"
                + "{\"name\": \"exchange\", \"type\": [\"null\", \"string\"], \"default\": null},"
                + "{\"name\": \"asks\", \"type\": [\"null\", "
                + asks
                + "], \"default\": null},"
                + "{\"name\": \"seq\", \"type\": [\"null\", \"long\"], \"default\": null},"
                + "{\"name\": \"symbol\", \"type\": [\"null\", \"string\"], \"default\": null}]}");
  }

  private static MessageType parquetSchema(Layout layout) {
    String side;
    String flat =
        "optional binary exchange (STRING); optional binary symbol (STRING);"
            + " optional int64 capture_ts (TIMESTAMP(MILLIS,true)); optional int64 seq;";
    switch (layout) {
      case HIVE_BAG:
        side =
            "optional group %s (LIST) { repeated group bag { optional group array {"
                + " optional double price; optional double amount; } } }";
        break;
      case TUPLE_WRAPPED:
        side =
            "optional group %s (LIST) { repeated group %s_tuple { optional group level {"
                + " optional double price; optional double amount; } } }";
        break;
      case WRAPPED_PAIRS:
        side =
            "optional group %s (LIST) { repeated group list { optional group element {"
                + " optional group pair (LIST) { repeated group list { optional double element; }"
                + " } } } }";
        break;
      case REQUIRED_MIXED:
        flat =
            "required binary symbol (STRING); required int64 seq; required int64 capture_ts;"
                + " required binary exchange (STRING);";
        side =
            "required group %s (LIST) { repeated group list { required group element {"
                + " required int32 amount; required int32 count; required float price; } } }";
        break;
      default:
        throw new IllegalArgumentException(layout.toString());
    }
    String bids = side.replace("%s", "bids");
    String asks = side.replace("%s", "asks");
    return MessageTypeParser.parseMessageType(
        "message book { " + asks + " " + flat + " " + bids + " }");
  }

  public static OutputFile output(Path file) throws IOException {
    return new ChannelOutputFile(
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING),
        file.toString());
  }

  /** Writes {@code rows} in {@code layout}, row groups of about {@code rowGroupBytes}. */
  public static void write(Path file, Layout layout, List<Row> rows, int rowGroupBytes)
      throws IOException {
    switch (layout) {
      case AVRO_STRUCT_3:
      case AVRO_STRUCT_2:
      case AVRO_PAIRS_3:
      case AVRO_PAIRS_2:
        writeAvro(file, layout, rows, rowGroupBytes);
        break;
      default:
        writeGroups(file, layout, rows, rowGroupBytes);
    }
  }

  private static void writeAvro(Path file, Layout layout, List<Row> rows, int rowGroupBytes)
      throws IOException {
    Schema schema = avroSchema(layout);
    Configuration conf = new Configuration(false);
    boolean old = layout == Layout.AVRO_STRUCT_2 || layout == Layout.AVRO_PAIRS_2;
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, old);
    Schema level = new Schema.Parser().parse(LEVEL);
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(output(file))
            .withSchema(schema)
            .withConf(conf)
            .withDataModel(GenericData.get())
            .withRowGroupSize(rowGroupBytes)
            .withPageRowCountLimit(7)
            .build()) {
      for (Row r : rows) {
        GenericRecord g = new GenericData.Record(schema);
        g.put("exchange", r.exchange);
        g.put("symbol", r.symbol);
        g.put("capture_ts", r.captureTs);
        g.put("seq", r.seq);
        g.put("bids", avroSide(layout, level, r.bids));
        g.put("asks", avroSide(layout, level, r.asks));
        w.write(g);
      }
    }
  }

  private static List<Object> avroSide(Layout layout, Schema level, List<Double[]> side) {
    if (side == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Double[] l : side) {
      if (l == null) {
        out.add(null);
      } else if (layout.pairs) {
        out.add(new ArrayList<>(java.util.Arrays.asList(l)));
      } else {
        GenericRecord rec = new GenericData.Record(level);
        rec.put("price", l[0]);
        rec.put("amount", l[1]);
        out.add(rec);
      }
    }
    return out;
  }

  private static void writeGroups(Path file, Layout layout, List<Row> rows, int rowGroupBytes)
      throws IOException {
    MessageType schema = parquetSchema(layout);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(output(file))
            .withType(schema)
            .withConf(new Configuration(false))
            .withRowGroupSize(rowGroupBytes)
            .withPageRowCountLimit(7)
            .build()) {
      for (Row r : rows) {
        Group g = groups.newGroup();
        if (r.exchange != null) {
          g.append("exchange", r.exchange);
        }
        if (r.symbol != null) {
          g.append("symbol", r.symbol);
        }
        if (r.captureTs != null) {
          g.append("capture_ts", r.captureTs);
        }
        if (r.seq != null) {
          g.append("seq", r.seq);
        }
        side(layout, g, "bids", r.bids);
        side(layout, g, "asks", r.asks);
        w.write(g);
      }
    }
  }

  private static void side(Layout layout, Group row, String name, List<Double[]> levels) {
    if (levels == null) {
      return;
    }
    Group list = row.addGroup(name);
    for (Double[] l : levels) {
      switch (layout) {
        case HIVE_BAG:
          {
            Group bag = list.addGroup("bag");
            if (l != null) {
              values(bag.addGroup("array"), l);
            }
            break;
          }
        case TUPLE_WRAPPED:
          {
            Group tuple = list.addGroup(name + "_tuple");
            if (l != null) {
              values(tuple.addGroup("level"), l);
            }
            break;
          }
        case WRAPPED_PAIRS:
          {
            // A null level is a wrapper without its pair (OrderBookDecoder's unwrap gives null).
            Group wrapper = list.addGroup("list").addGroup("element");
            if (l != null) {
              Group pair = wrapper.addGroup("pair");
              for (Double v : l) {
                Group e = pair.addGroup("list");
                if (v != null) {
                  e.append("element", v);
                }
              }
            }
            break;
          }
        default:
          {
            Group e = list.addGroup("list").addGroup("element");
            e.append("amount", (int) Math.round(l[1]));
            e.append("count", 1);
            e.append("price", (float) (double) l[0]);
          }
      }
    }
  }

  private static void values(Group level, Double[] l) {
    if (l[0] != null) {
      level.append("price", l[0]);
    }
    if (l[1] != null) {
      level.append("amount", l[1]);
    }
  }

  /**
   * Random rows a layout can express: 0..25 levels per side, mostly valid values with NaN,
   * infinite, zero, negative and null values, null levels, odd pair sizes, null lists and null
   * required columns mixed in.
   */
  public static List<Row> random(Layout layout, java.util.Random rnd, int n) {
    List<Row> rows = new ArrayList<>();
    String[] exchanges = {"binance", "okx", "bybit"};
    String[] symbols = {"BTC/USDT", "ETH/USDT", "1000PEPE/USDT:USDT", "ß/€"};
    long ts = 1767571201250000L / 1000; // millis: every layout stores it losslessly
    for (int i = 0; i < n; i++) {
      boolean nulls = layout.nullColumns && rnd.nextInt(10) == 0;
      int which = nulls ? rnd.nextInt(4) : -1;
      ts += rnd.nextInt(3);
      rows.add(
          new Row(
              which == 0 ? null : exchanges[rnd.nextInt(exchanges.length)],
              which == 1 ? null : symbols[rnd.nextInt(symbols.length)],
              which == 2 ? null : ts,
              which == 3 || (layout.nullColumns && rnd.nextInt(8) == 0) ? null : (long) i,
              randomSide(layout, rnd, 100.0),
              randomSide(layout, rnd, 101.0)));
    }
    return rows;
  }

  private static List<Double[]> randomSide(Layout layout, java.util.Random rnd, double base) {
    if (layout.nullColumns && rnd.nextInt(12) == 0) {
      return null;
    }
    int levels = rnd.nextInt(26);
    boolean bad = rnd.nextInt(4) == 0;
    List<Double[]> side = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      if (bad && layout.nullLevels && rnd.nextInt(20) == 0) {
        side.add(null);
        continue;
      }
      double price = base + (base > 100.5 ? k : -k) * 0.5;
      double amount = 0.001 * (1 + rnd.nextInt(5000));
      Double p = bad && rnd.nextInt(15) == 0 ? oddValue(layout, rnd) : Double.valueOf(price);
      Double a = bad && rnd.nextInt(15) == 0 ? oddValue(layout, rnd) : Double.valueOf(amount);
      if (layout.pairs && bad && rnd.nextInt(20) == 0) {
        int size = rnd.nextInt(4); // 0..3 values
        Double[] pair = new Double[size];
        for (int v = 0; v < size; v++) {
          pair[v] = v == 0 ? p : v == 1 ? a : Double.valueOf(rnd.nextDouble());
        }
        side.add(pair);
      } else {
        side.add(new Double[] {p, a});
      }
    }
    return side;
  }

  private static Double oddValue(Layout layout, java.util.Random rnd) {
    switch (rnd.nextInt(layout.nullValues ? 7 : 6)) {
      case 0:
        return Double.NaN;
      case 1:
        return Double.POSITIVE_INFINITY;
      case 2:
        return Double.NEGATIVE_INFINITY;
      case 3:
        return 0.0;
      case 4:
        return -0.0;
      case 5:
        return -1.0 - rnd.nextInt(100);
      default:
        return null;
    }
  }
}
