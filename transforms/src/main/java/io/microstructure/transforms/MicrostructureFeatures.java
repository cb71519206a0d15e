package io.microstructure.transforms;

import io.microstructure.coders.RejectedRowCoder;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.Resume;
import io.microstructure.features.FeatureParameters;
import io.microstructure.input.CaptureTsUnitSetting;
import io.microstructure.input.ColumnNames;
import io.microstructure.input.EventTags;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.MarketFilter;
import io.microstructure.model.OutputTable;
import io.microstructure.model.RejectedRow;
import io.microstructure.output.OutputSchemas;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.SerializableFunction;
import java.util.function.Consumer;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The whole feature computation as one transform: reads a capture (raw channel folders, or a legacy
 * NDJSON stream), keeps the selected markets and computes the tables of the selected channels.
 *
 * <pre>{@code
 * FeatureTables tables =
 *     pipeline.apply(
 *         MicrostructureFeatures.fromRawRoot("s3://bucket/raw")
 *             .withParameters(FeatureParameters.defaults())
 *             .withChannels(Channel.ORDERBOOK));
 * PCollection<Row> hf = tables.rows(OutputTable.ORDERBOOK_HF);
 * tables.apply(WriteFeatureTables.to(new OutputLayout(outputRoot, "ccxt")).stagedIn(staging));
 * }</pre>
 *
 * <p>Inputs of another layout or source go to {@link #fromEvents()}, which takes the decoded
 * blocks under their {@link EventTags}. Writing is {@link WriteFeatureTables}; {@code CommitRun}
 * then puts the staged files in place.
 */
public final class MicrostructureFeatures extends PTransform<PBegin, FeatureTables> {
  private static final long serialVersionUID = 1L;

  private final ReadSettings read;
  private final FromEvents compute;

  private MicrostructureFeatures(ReadSettings read, FromEvents compute) {
    this.read = read;
    this.compute = compute;
  }

  /**
   * The raw channels under {@code <rawRoot>/ready/ccxt/<channel>/}: replayed in reconstructed order
   * (data contract), every channel's features, default parameters.
   */
  public static MicrostructureFeatures fromRawRoot(String rawRoot) {
    ReadSettings s = new ReadSettings();
    s.rawRoot = Objects.requireNonNull(rawRoot, "rawRoot");
    return new MicrostructureFeatures(s, fromEvents().withEventOrder(EventOrder.RECONSTRUCTED));
  }

  /**
   * A legacy mixed NDJSON stream (a glob, a {@code .ndjson[.gz]} file or a folder of them),
   * replayed in arrival order.
   */
  public static MicrostructureFeatures fromLegacyNdjson(String input) {
    ReadSettings s = new ReadSettings();
    s.legacyPattern = ReadLegacyNdjson.filepattern(Objects.requireNonNull(input, "input"));
    return new MicrostructureFeatures(s, fromEvents().withEventOrder(EventOrder.ARRIVAL));
  }

  /** The computation alone, on events already read and decoded (see {@link FromEvents}). */
  public static FromEvents fromEvents() {
    return new FromEvents(
        FeatureParameters.defaults(),
        EnumSet.allOf(Channel.class),
        EventOrder.RECONSTRUCTED,
        false,
        null);
  }

  private MicrostructureFeatures with(Consumer<ReadSettings> change) {
    ReadSettings s = read.copy();
    change.accept(s);
    return new MicrostructureFeatures(s, compute);
  }

  /** The capture source folder under {@code ready/} (default {@code ccxt}). */
  public MicrostructureFeatures withSource(String source) {
    return with(s -> s.source = Objects.requireNonNull(source, "source"));
  }

  /**
   * The unit of a capture_ts stored as a plain int64 (default {@link CaptureTsUnitSetting#AUTO}:
   * detected per file from its values).
   */
  public MicrostructureFeatures withCaptureTsUnit(CaptureTsUnitSetting unit) {
    return with(s -> s.captureTsUnit = Objects.requireNonNull(unit, "unit"));
  }

  /** The capture times accepted; rows outside are dead letters (default {@link CaptureTsRange#defaults()}). */
  public MicrostructureFeatures withCaptureTsRange(CaptureTsRange range) {
    return with(s -> s.captureTsRange = Objects.requireNonNull(range, "range"));
  }

  /** How the order-book files are decoded (default {@link ReadChannel.Reader#COLUMNAR}). */
  public MicrostructureFeatures withOrderBookReader(ReadChannel.Reader reader) {
    return with(s -> s.orderBookReader = Objects.requireNonNull(reader, "reader"));
  }

  /** Where the contract's columns are in files that name them otherwise. */
  public MicrostructureFeatures withColumnNames(ColumnNames names) {
    return with(s -> s.columnNames = Objects.requireNonNull(names, "names"));
  }

  /** Whether a file that cannot be read becomes a dead letter instead of failing the run. */
  public MicrostructureFeatures withSkipUnreadableFiles(boolean skip) {
    return with(s -> s.skipUnreadableFiles = skip);
  }

  /** Only these markets, dropped right after the read (default all). */
  public MicrostructureFeatures withMarkets(MarketFilter markets) {
    return with(s -> s.markets = Objects.requireNonNull(markets, "markets"));
  }

  public MicrostructureFeatures withParameters(FeatureParameters params) {
    return new MicrostructureFeatures(read, compute.withParameters(params));
  }

  /** The channels whose feature tables to compute (default all); trades are read for the book too. */
  public MicrostructureFeatures withChannels(Channel... channels) {
    return withChannels(EnumSet.copyOf(Arrays.asList(channels)));
  }

  public MicrostructureFeatures withChannels(Set<Channel> channels) {
    return new MicrostructureFeatures(read, compute.withChannels(channels));
  }

  /** Order-book structural features only, per block, with no shuffle (the vectorized mode). */
  public MicrostructureFeatures structuralOnly() {
    return new MicrostructureFeatures(read, compute.structuralOnly());
  }

  /** See {@link FromEvents#inChunksOf}. */
  public MicrostructureFeatures inChunksOf(java.time.Duration chunk) {
    return new MicrostructureFeatures(read, compute.inChunksOf(chunk));
  }

  /** See {@link FromEvents#resumingAt}. */
  public MicrostructureFeatures resumingAt(Resume resume) {
    return new MicrostructureFeatures(read, compute.resumingAt(resume));
  }

  /**
   * Reads only these segments of those found (paths as listed): an incremental run's new and
   * changed ones, and the earlier ones its warm-up needs.
   */
  public MicrostructureFeatures readingOnly(Set<String> segments) {
    return with(s -> s.onlySegments = new TreeSet<>(segments));
  }

  /**
   * Keeps the dead letters of these segments only: an incremental run reads its warm-up segments
   * again, and their dead letters are already in the output root from the run that read them first.
   */
  public MicrostructureFeatures deadLettersOnlyOf(Set<String> segments) {
    return with(s -> s.deadLettersOf = new TreeSet<>(segments));
  }

  /** See {@link FromEvents#writingPerEventTablesTo}. */
  public MicrostructureFeatures writingPerEventTablesTo(ReplayTables tables) {
    return new MicrostructureFeatures(read, compute.writingPerEventTablesTo(tables));
  }

  /** The channels read: the order book's features need the trades as well. */
  public Set<Channel> inputChannels() {
    return compute.inputChannels();
  }

  @Override
  public FeatureTables expand(PBegin begin) {
    Set<Channel> channels = inputChannels();
    PCollectionTuple events =
        read.legacyPattern != null
            ? begin.apply(
                "ReadLegacyNdjson",
                new ReadLegacyNdjson(read.legacyPattern, read.captureTsUnit.unit())
                    .withCaptureTsRange(read.captureTsRange))
            : begin.apply("ReadChannels", ReadChannel.channels(read.rawInput(), channels));
    return only(events, channels, read.markets, read.deadLettersOf).apply("Compute", compute);
  }

  /** The blocks of the channels read, of the selected markets, with every dead letter. */
  private static PCollectionTuple only(
      PCollectionTuple events,
      Set<Channel> channels,
      MarketFilter markets,
      TreeSet<String> deadLettersOf) {
    PCollection<RejectedRow> rejected = events.get(EventTags.REJECTED);
    if (deadLettersOf != null) {
      rejected =
          rejected.apply(
              "DeadLettersOfNewSegments",
              Filter.by(
                  (SerializableFunction<RejectedRow, Boolean>)
                      r -> deadLettersOf.contains(r.sourceFile())));
    }
    PCollectionTuple kept = PCollectionTuple.of(EventTags.REJECTED, rejected);
    for (Channel c : channels) {
      kept = keep(kept, events, EventTags.of(c), c, markets);
    }
    return kept;
  }

  private static <B extends EventBlock> PCollectionTuple keep(
      PCollectionTuple kept,
      PCollectionTuple events,
      TupleTag<B> tag,
      Channel channel,
      MarketFilter markets) {
    PCollection<B> blocks = events.get(tag);
    if (!markets.keepsEverything()) {
      blocks =
          blocks.apply(
              "Filter_" + channel.folder(), new FilterMarkets<>(markets, channel.folder()));
    }
    return kept.and(tag, blocks);
  }

  /** Where and how the capture is read. */
  private static final class ReadSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    String rawRoot;
    String legacyPattern;
    String source = "ccxt";
    CaptureTsUnitSetting captureTsUnit = CaptureTsUnitSetting.AUTO;
    CaptureTsRange captureTsRange = CaptureTsRange.defaults();
    ReadChannel.Reader orderBookReader = ReadChannel.Reader.COLUMNAR;
    ColumnNames columnNames = ColumnNames.BUILT_IN;
    boolean skipUnreadableFiles;
    MarketFilter markets = MarketFilter.all();
    TreeSet<String> onlySegments;
    TreeSet<String> deadLettersOf;

    ReadSettings copy() {
      ReadSettings s = new ReadSettings();
      s.rawRoot = rawRoot;
      s.legacyPattern = legacyPattern;
      s.source = source;
      s.captureTsUnit = captureTsUnit;
      s.captureTsRange = captureTsRange;
      s.orderBookReader = orderBookReader;
      s.columnNames = columnNames;
      s.skipUnreadableFiles = skipUnreadableFiles;
      s.markets = markets;
      s.onlySegments = onlySegments;
      s.deadLettersOf = deadLettersOf;
      return s;
    }

    ReadChannel.RawInput rawInput() {
      ReadChannel.RawInput in =
          new ReadChannel.RawInput(
              rawRoot,
              source,
              captureTsUnit.unit(),
              skipUnreadableFiles,
              orderBookReader,
              captureTsRange,
              columnNames);
      return onlySegments == null ? in : in.withOnlySegments(onlySegments);
    }
  }

  /**
   * The feature computation on decoded events: a {@link PCollectionTuple} holding the blocks of
   * valid snapshots, trades and ticker updates under {@link EventTags#SNAPSHOTS}, {@link
   * EventTags#TRADES} and {@link EventTags#TICKERS} (any may be absent), and optionally dead
   * letters under {@link EventTags#REJECTED}, which are passed on.
   */
  public static final class FromEvents extends PTransform<PCollectionTuple, FeatureTables> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final EnumSet<Channel> channels;
    private final EventOrder order;
    private final boolean structuralOnly;
    private final ReplayTables replayWrites;
    private final long chunkMicros;
    private final Resume resume;

    private FromEvents(
        FeatureParameters params,
        EnumSet<Channel> channels,
        EventOrder order,
        boolean structuralOnly,
        ReplayTables replayWrites) {
      this(params, channels, order, structuralOnly, replayWrites, 0);
    }

    private FromEvents(
        FeatureParameters params,
        EnumSet<Channel> channels,
        EventOrder order,
        boolean structuralOnly,
        ReplayTables replayWrites,
        long chunkMicros) {
      this(params, channels, order, structuralOnly, replayWrites, chunkMicros, null);
    }

    private FromEvents(
        FeatureParameters params,
        EnumSet<Channel> channels,
        EventOrder order,
        boolean structuralOnly,
        ReplayTables replayWrites,
        long chunkMicros,
        Resume resume) {
      this.resume = resume;
      this.params = Objects.requireNonNull(params, "params");
      this.channels = channels;
      this.order = Objects.requireNonNull(order, "order");
      this.structuralOnly = structuralOnly;
      this.replayWrites = replayWrites;
      this.chunkMicros = chunkMicros;
    }

    /**
     * Replays the order book in fixed UTC chunks of each market (exact: every value as one pass
     * over the market), so that no worker holds more than a chunk's context; {@code
     * Duration.ZERO} replays each market whole.
     */
    public FromEvents inChunksOf(java.time.Duration chunk) {
      long micros = chunk.toNanos() / 1000;
      if (micros < 0) {
        throw new IllegalArgumentException("chunk must be >= 0, got " + chunk);
      }
      return new FromEvents(params, channels, order, structuralOnly, replayWrites, micros, resume);
    }

    public FromEvents withParameters(FeatureParameters params) {
      return new FromEvents(params, channels, order, structuralOnly, replayWrites, chunkMicros, resume);
    }

    public FromEvents withChannels(Set<Channel> channels) {
      if (channels.isEmpty()) {
        throw new IllegalArgumentException("no channel selected (orderbook, trades, ticker)");
      }
      return new FromEvents(
          params, EnumSet.copyOf(channels), order, structuralOnly, replayWrites, chunkMicros, resume);
    }

    /** How events of equal capture time are ordered (see the data contract). */
    public FromEvents withEventOrder(EventOrder order) {
      return new FromEvents(params, channels, order, structuralOnly, replayWrites, chunkMicros, resume);
    }

    /** Order-book structural features only, per block, with no shuffle (the vectorized mode). */
    public FromEvents structuralOnly() {
      return new FromEvents(
          params, EnumSet.of(Channel.ORDERBOOK), order, true, replayWrites, chunkMicros, resume);
    }

    /**
     * Has the replay write the per-event tables itself, as their blocks come, into files staged
     * where {@code tables} says; they are then in the output only as {@link
     * FeatureTables#stagedByReplay()}. This keeps a market's rows from ever being a collection: on
     * the DirectRunner, which holds a bundle's outputs until it ends, a market's whole hf table
     * would otherwise be in memory at once.
     */
    public FromEvents writingPerEventTablesTo(ReplayTables tables) {
      return new FromEvents(params, channels, order, structuralOnly, tables, chunkMicros, resume);
    }

    /**
     * An incremental run: the computation starts at the resume point, with each market's carries,
     * and records its own ({@link ComputeMarketFeatures#resumingAt}).
     */
    public FromEvents resumingAt(Resume resume) {
      return new FromEvents(
          params, channels, order, structuralOnly, replayWrites, chunkMicros, resume);
    }

    /** The channels the computation needs: the order book's features need the trades as well. */
    public Set<Channel> inputChannels() {
      EnumSet<Channel> inputs = EnumSet.copyOf(channels);
      if (channels.contains(Channel.ORDERBOOK) && !structuralOnly) {
        inputs.add(Channel.TRADES);
      }
      return inputs;
    }

    @Override
    public FeatureTables expand(PCollectionTuple events) {
      FeatureTables.Builder tables =
          FeatureTables.builder(events.getPipeline(), rejected(events));
      if (structuralOnly) {
        return tables
            .blocks(
                OutputTable.ORDERBOOK_HF,
                OutputSchemas.orderbookHfStructural(params),
                events.get(EventTags.SNAPSHOTS)
                    .apply("StructuralOnly", new StructuralFeatureBlocks(params)))
            .build();
      }
      ComputeMarketFeatures hybrid =
          new ComputeMarketFeatures(params, order, channels).inChunksOf(chunkMicros);
      if (resume != null) {
        hybrid = hybrid.resumingAt(resume);
      }
      PCollectionTuple out =
          events.apply("Hybrid", replayWrites == null ? hybrid : hybrid.writingTo(replayWrites));
      for (OutputTable t : OutputTable.perEventTables()) {
        if (!channels.contains(t.channel())) {
          continue;
        }
        if (replayWrites != null) {
          tables.writtenByReplay(t, OutputSchemas.of(t, params));
        } else {
          tables.blocks(t, OutputSchemas.of(t, params), out.get(ComputeMarketFeatures.tag(t)));
        }
      }
      if (channels.contains(Channel.ORDERBOOK)) {
        for (long d : params.barDurationsSeconds()) {
          tables.bars(OutputSchemas.orderbookBars(), d, out.get(ComputeMarketFeatures.bars(d)));
        }
      }
      return tables.stagedByReplay(out.get(ComputeMarketFeatures.WRITTEN)).build();
    }

    private static PCollection<RejectedRow> rejected(PCollectionTuple events) {
      return events.has(EventTags.REJECTED)
          ? events.get(EventTags.REJECTED)
          : events.getPipeline().apply("NoDeadLetters", Create.empty(RejectedRowCoder.of()));
    }
  }
}
