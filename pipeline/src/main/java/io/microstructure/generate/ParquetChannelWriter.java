package io.microstructure.generate;

import io.microstructure.model.Channel;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes the rows of one channel into one Parquet file with the raw Avro schema, reusing one
 * GenericRecord (and its book-level records) for every row: parquet-avro consumes a record fully
 * inside {@code write}.
 */
final class ParquetChannelWriter implements Closeable {
  static final int ROW_GROUP_BYTES = 64 * 1024 * 1024;
  private static final Set<String> DICTIONARY_DOUBLES =
      Set.of("price", "bid", "ask", "last", "open", "high", "low", "close");

  private final Channel channel;
  private final BookLayout layout;
  private final boolean withSeq;
  private final ParquetWriter<GenericRecord> writer;
  private final GenericData.Record record;
  private final int fExchange;
  private final int fSymbol;
  private final int fCaptureTs;
  private final int fTimestamp;
  private final int fSeq;
  // orderbook
  private int fNonce;
  private int fBids;
  private int fAsks;
  private Schema levelSchema;

  /** Per side: level objects (records or double[2] pairs) and views of the first n of them. */
  private final List<Object> bidPool = new ArrayList<>();

  private final List<Object> askPool = new ArrayList<>();
  private final List<Object[]> bidViews = new ArrayList<>();
  private final List<Object[]> askViews = new ArrayList<>();
  // trades
  private int fId;
  private int fSide;
  private int fPrice;
  private int fAmount;
  private int fCost;
  private int fTakerOrMaker;
  // ticker
  private final int[] fTicker = new int[CaptureRow.TICKER_FIELDS];
  private long rows;

  ParquetChannelWriter(String path, Channel channel, GeneratorConfig cfg) throws IOException {
    this.channel = channel;
    this.layout = cfg.bookLayout();
    this.withSeq = cfg.withSeq();
    Schema schema = RawSchemas.forChannel(channel, layout);
    Configuration conf = new Configuration(false);
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, cfg.legacyLists());
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(BeamOutputFile.parquet(path))
            .withSchema(schema)
            .withConf(conf)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withDictionaryEncoding(false);
    // Dictionaries pay off for strings and prices (few distinct values per page); on amounts,
    // ids and times they overflow and fall back, which costs ~20% of the write time.
    for (ColumnDescriptor column : new AvroSchemaConverter(conf).convert(schema).getColumns()) {
      String[] p = column.getPath();
      String leaf = p[p.length - 1];
      if (column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
          || DICTIONARY_DOUBLES.contains(leaf)) {
        builder.withDictionaryEncoding(String.join(".", p), true);
      }
    }
    if (cfg.rowGroupRows() > 0) {
      // parquet-mr 1.13 cuts row groups by size only: with a size every check exceeds and a
      // check every n rows, each row group holds exactly n rows.
      builder
          .withRowGroupSize(1L)
          .withMinRowCountForPageSizeCheck(cfg.rowGroupRows())
          .withMaxRowCountForPageSizeCheck(cfg.rowGroupRows());
    }
    this.writer = builder.build();
    this.record = new GenericData.Record(schema);
    this.fExchange = pos(schema, "exchange");
    this.fSymbol = pos(schema, "symbol");
    this.fCaptureTs = pos(schema, "capture_ts");
    this.fTimestamp = pos(schema, "timestamp");
    this.fSeq = pos(schema, "seq");
    switch (channel) {
      case ORDERBOOK:
        fNonce = pos(schema, "nonce");
        fBids = pos(schema, "bids");
        fAsks = pos(schema, "asks");
        if (layout == BookLayout.STRUCT) {
          levelSchema = nonNull(schema.getField("bids").schema()).getElementType();
        }
        break;
      case TRADES:
        fId = pos(schema, "id");
        fSide = pos(schema, "side");
        fPrice = pos(schema, "price");
        fAmount = pos(schema, "amount");
        fCost = pos(schema, "cost");
        fTakerOrMaker = pos(schema, "taker_or_maker");
        break;
      default:
        for (int i = 0; i < CaptureRow.TICKER_FIELDS; i++) {
          fTicker[i] = pos(schema, CaptureRow.TICKER_COLUMNS[i]);
        }
        break;
    }
  }

  private static int pos(Schema schema, String name) {
    Schema.Field f = schema.getField(name);
    if (f == null) {
      throw new IllegalStateException("raw schema " + schema.getFullName() + " lacks " + name);
    }
    return f.pos();
  }

  private static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    for (Schema t : s.getTypes()) {
      if (t.getType() != Schema.Type.NULL) {
        return t;
      }
    }
    throw new IllegalStateException("union of nulls: " + s);
  }

  long rows() {
    return rows;
  }

  void write(CaptureRow ev) throws IOException {
    record.put(fExchange, ev.nullExchange ? null : ev.exchange);
    record.put(fSymbol, ev.nullSymbol ? null : ev.symbol);
    record.put(fCaptureTs, ev.nullCaptureTs ? null : ev.ts);
    record.put(fTimestamp, ev.timestampMs);
    record.put(fSeq, withSeq ? (Object) ev.seq : null);
    switch (channel) {
      case ORDERBOOK:
        record.put(fNonce, ev.nonce);
        record.put(fBids, levels(ev, 1, bidPool, bidViews));
        record.put(fAsks, levels(ev, 2, askPool, askViews));
        break;
      case TRADES:
        record.put(fId, ev.id);
        record.put(fSide, ev.side);
        record.put(fPrice, ev.price);
        record.put(fAmount, ev.amount);
        record.put(fCost, ev.price * ev.amount);
        record.put(fTakerOrMaker, "taker");
        break;
      default:
        for (int i = 0; i < CaptureRow.TICKER_FIELDS; i++) {
          double v = ev.ticker[i];
          record.put(fTicker[i], Double.isNaN(v) ? null : (Object) v);
        }
        break;
    }
    writer.write(record);
    rows++;
  }

  /**
   * The side's levels as an {@code Object[]} of exactly n pooled level objects (parquet-avro writes
   * Java arrays as Avro arrays without an iterator).
   */
  private Object[] levels(CaptureRow ev, int side, List<Object> pool, List<Object[]> views) {
    int n = side == 1 ? ev.bidCount : ev.askCount;
    while (pool.size() < n) {
      pool.add(layout == BookLayout.STRUCT ? new GenericData.Record(levelSchema) : new double[2]);
    }
    while (views.size() <= n) {
      views.add(null);
    }
    Object[] out = views.get(n);
    if (out == null) {
      out = pool.subList(0, n).toArray();
      views.set(n, out);
    }
    for (int i = 0; i < n; i++) {
      double price = ev.levelPrice(side, i);
      double amount = ev.levelAmount(side, i);
      Object level = pool.get(i);
      if (layout == BookLayout.STRUCT) {
        GenericData.Record r = (GenericData.Record) level;
        r.put(0, price);
        r.put(1, amount);
      } else {
        double[] pair = (double[]) level;
        pair[0] = price;
        pair[1] = amount;
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
