package io.microstructure.transforms;

import io.microstructure.coders.EventBlockCoder;
import io.microstructure.coders.RejectedRowCoder;
import io.microstructure.input.CaptureTsUnit;
import io.microstructure.input.ChannelFormat;
import io.microstructure.input.ColumnNames;
import io.microstructure.input.ColumnarOrderBookReader;
import io.microstructure.input.EventTags;
import io.microstructure.input.MarketBlocks;
import io.microstructure.input.OrderBookDecoder;
import io.microstructure.input.ReadParquetRowsFn;
import io.microstructure.input.SegmentDiscovery;
import io.microstructure.input.TickerDecoder;
import io.microstructure.input.TradeDecoder;
import io.microstructure.model.BookBlock;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RawRow;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads raw channels (the {@code segment_*.parquet} files at any depth below {@code <raw
 * root>/ready/<source>/<channel>/}, as {@link SegmentDiscovery} rules) into blocks of valid rows
 * per market ({@link MarketBlocks}) and dead letters. Rows are decoded by field name right after
 * the Parquet read, so no GenericRecord reaches a shuffle, and what travels on is a few hundred
 * column blocks rather than a million row objects.
 *
 * <p>Every channel asked for is read by one file match and one splittable read (a file's channel is
 * its folder): each valid block leaves under its channel's tag ({@link
 * EventTags#SNAPSHOTS}, {@link EventTags#TRADES}, {@link
 * EventTags#TICKERS}), the dead letters of all of them under {@link EventTags#REJECTED}.
 */
public final class ReadChannel<T extends RawRow, B extends EventBlock>
    extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final RawInput input;
  private final EnumSet<Channel> channels;
  private final TupleTag<B> valid;

  private ReadChannel(RawInput input, EnumSet<Channel> channels, TupleTag<B> valid) {
    this.input = input;
    this.channels = channels;
    this.valid = valid;
  }

  /**
   * The order-book channel, decoded by the reader {@link RawInput#orderBookReader()} names: the
   * columnar reader (default; files of a layout it does not handle fall back to the record path) or
   * the parquet-avro record path (the reference).
   */
  public static ReadChannel<OrderBookSnapshot, BookBlock> orderBook(RawInput input) {
    return new ReadChannel<>(input, EnumSet.of(Channel.ORDERBOOK), EventTags.SNAPSHOTS);
  }

  /** The trades channel, always read by the record path. */
  public static ReadChannel<Trade, TradeBlock> trades(RawInput input) {
    return new ReadChannel<>(input, EnumSet.of(Channel.TRADES), EventTags.TRADES);
  }

  /** The ticker channel, always read by the record path. */
  public static ReadChannel<TickerUpdate, TickerBlock> ticker(RawInput input) {
    return new ReadChannel<>(input, EnumSet.of(Channel.TICKER), EventTags.TICKERS);
  }

  /** Several channels at once, each under its tag in the output. */
  public static ReadChannel<?, ?> channels(RawInput input, Set<Channel> channels) {
    return new ReadChannel<>(input, EnumSet.copyOf(channels), null);
  }

  /** The tag of the valid blocks of a single-channel read: ComputeMarketFeatures' input tag. */
  public TupleTag<B> validTag() {
    return valid;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    Map<String, ChannelFormat<?, ?>> formats = new LinkedHashMap<>();
    Map<String, String> folders = new HashMap<>();
    List<String> globs = new ArrayList<>();
    TupleTagList others = TupleTagList.empty();
    for (Channel c : channels) {
      String folder = input.folder(c);
      formats.put(folder, format(c));
      folders.put(folder, c.folder());
      globs.add(SegmentDiscovery.glob(folder));
      others = others.and(EventTags.of(c));
    }
    PCollectionTuple rows =
        begin
            .apply("Globs", Create.of(globs))
            .apply("Match", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("SegmentsOnly", ParDo.of(new SegmentsOnlyFn(folders, input.onlySegments)))
            .apply("Open", FileIO.readMatches())
            .apply(
                "ReadAndDecode",
                ParDo.of(new ReadParquetRowsFn(formats, input.skipUnreadableFiles))
                    .withOutputTags(EventTags.REJECTED, others));
    rows.get(EventTags.REJECTED).setCoder(RejectedRowCoder.of());
    for (Channel c : channels) {
      setBlockCoder(rows.get(EventTags.of(c)));
    }
    return rows;
  }

  /**
   * Keeps the files {@link SegmentDiscovery} reads and counts the others per channel ({@code
   * <channel>/files_ignored}); the launcher lists them by name.
   */
  private static final class SegmentsOnlyFn
      extends DoFn<MatchResult.Metadata, MatchResult.Metadata> {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> channelOfFolder;
    private final Map<String, Counter> ignored = new HashMap<>();
    private final java.util.TreeSet<String> only;

    SegmentsOnlyFn(Map<String, String> channelOfFolder, java.util.TreeSet<String> only) {
      this.channelOfFolder = new HashMap<>(channelOfFolder);
      this.only = only;
      channelOfFolder.forEach((f, c) -> ignored.put(f, Metrics.counter(c, "files_ignored")));
    }

    @ProcessElement
    public void process(
        @Element MatchResult.Metadata file, OutputReceiver<MatchResult.Metadata> out) {
      String path = file.resourceId().toString();
      for (Map.Entry<String, String> e : channelOfFolder.entrySet()) {
        if (path.startsWith(e.getKey() + "/")) {
          if (SegmentDiscovery.classify(e.getKey(), path) == SegmentDiscovery.Verdict.SEGMENT) {
            if (only == null || only.contains(path)) {
              out.output(file); // the others were read by an earlier run
            }
          } else {
            ignored.get(e.getKey()).inc();
          }
          return;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends EventBlock> void setBlockCoder(PCollection<E> blocks) {
    blocks.setCoder((org.apache.beam.sdk.coders.Coder<E>) (Object) EventBlockCoder.of());
  }

  private ChannelFormat<?, ?> format(Channel channel) {
    CaptureTsUnit unit = input.plainInt64Unit;
    CaptureTsRange range = input.captureTsRange;
    ColumnNames names = input.columnNames;
    switch (channel) {
      case ORDERBOOK:
        return new ChannelFormat<>(
            Channel.ORDERBOOK,
            new OrderBookDecoder(unit, range, names),
            input.orderBookReader == Reader.COLUMNAR
                ? ColumnarOrderBookReader.binder(range, names)
                : null,
            MarketBlocks.BOOKS,
            EventTags.SNAPSHOTS,
            unit);
      case TRADES:
        return new ChannelFormat<>(
            Channel.TRADES,
            new TradeDecoder(unit, range, names),
            null,
            MarketBlocks.TRADES,
            EventTags.TRADES,
            unit);
      default:
        return new ChannelFormat<>(
            Channel.TICKER,
            new TickerDecoder(unit, range, names),
            null,
            MarketBlocks.TICKERS,
            EventTags.TICKERS,
            unit);
    }
  }

  /** How the order-book channel is decoded. */
  public enum Reader {
    /** parquet-avro GenericRecords decoded by field name: the reference. */
    AVRO,
    /** parquet-column's column readers straight into primitive arrays (~8x faster). */
    COLUMNAR;

    /** {@code avro} or {@code columnar}, any case (Beam parses {@code --orderbookReader} so). */
    @com.fasterxml.jackson.annotation.JsonCreator
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

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where the raw channels are and how to read them. Built once with the pipeline and serialized
   * with it: the capture_ts range's upper end, taken from the wall clock then, is the same on every
   * worker.
   */
  public static final class RawInput implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String rawRoot;
    private final String source;
    private final CaptureTsUnit plainInt64Unit;
    private final boolean skipUnreadableFiles;
    private final Reader orderBookReader;
    private final CaptureTsRange captureTsRange;
    private final ColumnNames columnNames;
    // The segments to read (absolute paths as matched); null: every one found.
    private final java.util.TreeSet<String> onlySegments;

    /** An input read with the columnar book reader and the default capture_ts range as of now. */
    public RawInput(
        String rawRoot, String source, CaptureTsUnit plainInt64Unit, boolean skipUnreadableFiles) {
      this(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          Reader.COLUMNAR,
          CaptureTsRange.defaults());
    }

    public RawInput(
        String rawRoot,
        String source,
        CaptureTsUnit plainInt64Unit,
        boolean skipUnreadableFiles,
        Reader orderBookReader,
        CaptureTsRange captureTsRange) {
      this(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          orderBookReader,
          captureTsRange,
          ColumnNames.BUILT_IN);
    }

    public RawInput(
        String rawRoot,
        String source,
        CaptureTsUnit plainInt64Unit,
        boolean skipUnreadableFiles,
        Reader orderBookReader,
        CaptureTsRange captureTsRange,
        ColumnNames columnNames) {
      this(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          orderBookReader,
          captureTsRange,
          columnNames,
          null);
    }

    private RawInput(
        String rawRoot,
        String source,
        CaptureTsUnit plainInt64Unit,
        boolean skipUnreadableFiles,
        Reader orderBookReader,
        CaptureTsRange captureTsRange,
        ColumnNames columnNames,
        java.util.TreeSet<String> onlySegments) {
      this.onlySegments = onlySegments;
      this.columnNames = java.util.Objects.requireNonNull(columnNames, "columnNames");
      this.rawRoot = rawRoot;
      this.source = source;
      this.plainInt64Unit = plainInt64Unit;
      this.skipUnreadableFiles = skipUnreadableFiles;
      this.orderBookReader = java.util.Objects.requireNonNull(orderBookReader, "orderBookReader");
      this.captureTsRange = java.util.Objects.requireNonNull(captureTsRange, "captureTsRange");
    }

    /**
     * This input reading only these segments of those found (an incremental run's new ones and
     * the earlier ones its warm-up needs); paths as the file system lists them.
     */
    public RawInput withOnlySegments(Set<String> paths) {
      return new RawInput(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          orderBookReader,
          captureTsRange,
          columnNames,
          new java.util.TreeSet<>(paths));
    }

    public static RawInput of(String rawRoot, String source) {
      return new RawInput(rawRoot, source, CaptureTsUnit.MICROS, false);
    }

    /** This input with the order-book channel decoded by {@code reader}. */
    public RawInput withOrderBookReader(Reader reader) {
      return new RawInput(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          reader,
          captureTsRange,
          columnNames,
          onlySegments);
    }

    /** This input accepting the capture times of {@code range} only. */
    public RawInput withCaptureTsRange(CaptureTsRange range) {
      return new RawInput(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          orderBookReader,
          range,
          columnNames,
          onlySegments);
    }

    /** This input with the contract's columns found in the files by {@code names}. */
    public RawInput withColumnNames(ColumnNames names) {
      return new RawInput(
          rawRoot,
          source,
          plainInt64Unit,
          skipUnreadableFiles,
          orderBookReader,
          captureTsRange,
          names,
          onlySegments);
    }

    public ColumnNames columnNames() {
      return columnNames;
    }

    /** A channel's folder, as {@link SegmentDiscovery#channelFolder} has it. */
    public String folder(Channel channel) {
      return SegmentDiscovery.channelFolder(rawRoot, source, channel);
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

    /** The capture times accepted; rows outside are dead letters. */
    public CaptureTsRange captureTsRange() {
      return captureTsRange;
    }
  }
}
