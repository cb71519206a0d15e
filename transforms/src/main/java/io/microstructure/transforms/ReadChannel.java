package io.microstructure.transforms;

import io.microstructure.coders.EventBlockCoder;
import io.microstructure.coders.RejectedRowCoder;
import io.microstructure.io.CaptureTsUnit;
import io.microstructure.io.ColumnarOrderBookReader;
import io.microstructure.io.MarketBlocks;
import io.microstructure.io.OrderBookDecoder;
import io.microstructure.io.ReadParquetRowsFn;
import io.microstructure.io.RowDecoder;
import io.microstructure.io.SegmentFiles;
import io.microstructure.io.TickerDecoder;
import io.microstructure.io.TradeDecoder;
import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads one raw channel ({@code <raw root>/ready/<source>/<channel>/*.parquet}) into blocks of
 * valid rows per market ({@link MarketBlocks}) and dead letters. Rows are decoded by field name
 * right after the Parquet read, so no GenericRecord reaches a shuffle, and what travels on is a few
 * hundred column blocks rather than a million row objects.
 */
public final class ReadChannel<T, B extends EventBlock> extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** Rows that failed validation, from every channel. */
  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<RejectedRow>("rejected") {};

  private final Channel channel;
  private final String glob;
  private final RowDecoder<T> decoder;
  private final MarketBlocks.Kind<T, B> blocks;
  private final Coder<B> coder;
  private final TupleTag<B> valid;
  private final boolean skipUnreadableFiles;
  private final ReadParquetRowsFn.ColumnarRows<T> columnar;

  private ReadChannel(
      Channel channel,
      String glob,
      RowDecoder<T> decoder,
      ReadParquetRowsFn.ColumnarRows<T> columnar,
      MarketBlocks.Kind<T, B> blocks,
      Coder<B> coder,
      TupleTag<B> valid,
      boolean skipUnreadableFiles) {
    this.channel = channel;
    this.glob = glob;
    this.decoder = decoder;
    this.blocks = blocks;
    this.columnar = columnar;
    this.coder = coder;
    this.valid = valid;
    this.skipUnreadableFiles = skipUnreadableFiles;
  }

  /**
   * The order-book channel, decoded by the reader {@link RawInput#orderBookReader()} names: the
   * columnar reader (default; files of a layout it does not handle fall back to the record path) or
   * the parquet-avro record path (the reference).
   */
  public static ReadChannel<OrderBookSnapshot, BookBlock> orderBook(RawInput input) {
    return new ReadChannel<>(
        Channel.ORDERBOOK,
        input.glob(Channel.ORDERBOOK),
        new OrderBookDecoder(input.plainInt64Unit()),
        input.orderBookReader() == Reader.COLUMNAR
            ? ColumnarOrderBookReader.binder(input.plainInt64Unit())
            : null,
        MarketBlocks.BOOKS,
        EventBlockCoder.books(),
        ComputeMarketFeatures.SNAPSHOTS,
        input.skipUnreadableFiles());
  }

  /** The trades channel, always read by the record path. */
  public static ReadChannel<Trade, TradeBlock> trades(RawInput input) {
    return new ReadChannel<>(
        Channel.TRADES,
        input.glob(Channel.TRADES),
        new TradeDecoder(input.plainInt64Unit()),
        null,
        MarketBlocks.TRADES,
        EventBlockCoder.trades(),
        ComputeMarketFeatures.TRADES,
        input.skipUnreadableFiles());
  }

  /** The ticker channel, always read by the record path. */
  public static ReadChannel<TickerUpdate, TickerBlock> ticker(RawInput input) {
    return new ReadChannel<>(
        Channel.TICKER,
        input.glob(Channel.TICKER),
        new TickerDecoder(input.plainInt64Unit()),
        null,
        MarketBlocks.TICKERS,
        EventBlockCoder.tickers(),
        ComputeMarketFeatures.TICKERS,
        input.skipUnreadableFiles());
  }

  /** The tag of the valid rows in this transform's output: ComputeMarketFeatures' input tag. */
  public TupleTag<B> validTag() {
    return valid;
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple rows =
        input
            .apply(
                "Match",
                FileIO.match().filepattern(glob).withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("Open", FileIO.readMatches())
            .apply(
                "ReadAndDecode",
                ParDo.of(
                        new ReadParquetRowsFn<>(
                            channel,
                            decoder,
                            columnar,
                            blocks,
                            valid,
                            REJECTED,
                            skipUnreadableFiles))
                    .withOutputTags(valid, TupleTagList.of(REJECTED)));
    rows.get(valid).setCoder(coder);
    rows.get(REJECTED).setCoder(RejectedRowCoder.of());
    return rows;
  }

  /** How the order-book channel is decoded. */
  public enum Reader {
    /** parquet-avro GenericRecords decoded by field name: the reference. */
    AVRO,
    /** parquet-column's column readers straight into primitive arrays (~8x faster). */
    COLUMNAR;

    /** {@code avro} or {@code columnar}, any case. */
    public static Reader parse(String s) {
      switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "avro":
          return AVRO;
        case "columnar":
          return COLUMNAR;
        default:
          throw new IllegalArgumentException(
              "unknown order-book reader '" + s + "' (columnar, avro)");
      }
    }
  }

  /** Where the raw channels are and how to read them. */
  public static final class RawInput implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String rawRoot;
    private final String source;
    private final CaptureTsUnit plainInt64Unit;
    private final boolean skipUnreadableFiles;
    private final Reader orderBookReader;

    public RawInput(
        String rawRoot, String source, CaptureTsUnit plainInt64Unit, boolean skipUnreadableFiles) {
      this(rawRoot, source, plainInt64Unit, skipUnreadableFiles, Reader.COLUMNAR);
    }

    public RawInput(
        String rawRoot,
        String source,
        CaptureTsUnit plainInt64Unit,
        boolean skipUnreadableFiles,
        Reader orderBookReader) {
      this.rawRoot = rawRoot;
      this.source = source;
      this.plainInt64Unit = plainInt64Unit;
      this.skipUnreadableFiles = skipUnreadableFiles;
      this.orderBookReader = java.util.Objects.requireNonNull(orderBookReader, "orderBookReader");
    }

    public static RawInput of(String rawRoot, String source) {
      return new RawInput(rawRoot, source, CaptureTsUnit.MICROS, false);
    }

    /** This input with the order-book channel decoded by {@code reader}. */
    public RawInput withOrderBookReader(Reader reader) {
      return new RawInput(rawRoot, source, plainInt64Unit, skipUnreadableFiles, reader);
    }

    public String glob(Channel channel) {
      return SegmentFiles.channelGlob(rawRoot, source, channel);
    }

    public CaptureTsUnit plainInt64Unit() {
      return plainInt64Unit;
    }

    public boolean skipUnreadableFiles() {
      return skipUnreadableFiles;
    }

    /** The order-book reader; {@link Reader#COLUMNAR} unless set. */
    public Reader orderBookReader() {
      return orderBookReader;
    }
  }
}
