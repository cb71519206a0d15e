package io.microstructure.pipeline;

import io.microstructure.engine.EventOrder;
import io.microstructure.features.FeatureParameters;
import io.microstructure.io.CaptureTsUnit;
import io.microstructure.io.ColumnNames;
import io.microstructure.io.FeatureRecords;
import io.microstructure.io.OutputLayout;
import io.microstructure.io.OutputSchemas;
import io.microstructure.io.RejectedRecords;
import io.microstructure.io.RunLog;
import io.microstructure.io.WrittenFile;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketFilter;
import io.microstructure.model.MarketKey;
import io.microstructure.model.RejectedRow;
import io.microstructure.storage.Storage;
import io.microstructure.transforms.CommitRun;
import io.microstructure.transforms.ComputeMarketFeatures;
import io.microstructure.transforms.FilterMarkets;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadLegacyNdjson;
import io.microstructure.transforms.ReplayTables;
import io.microstructure.transforms.StructuralFeatureBlocks;
import io.microstructure.transforms.WriteParquetTable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The batch job: read the raw channels (or a legacy NDJSON stream), compute the feature tables of
 * the requested channels, write them and the dead letters as Hive-partitioned Parquet.
 */
public final class MicrostructurePipeline {
  private MicrostructurePipeline() {}

  public static void main(String[] args) {
    Storage.registerOptions();
    MicrostructureOptions options =
        PipelineOptionsFactory.fromArgs(
                Storage.withDefaultRegion(List.of(args)).toArray(new String[0]))
            .withValidation()
            .as(MicrostructureOptions.class);
    run(options).waitUntilFinish();
  }

  public static PipelineResult run(MicrostructureOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    return pipeline.run();
  }

  /** The input column mapping of the options ({@code --inputColumns}). */
  public static ColumnNames columnNames(MicrostructureOptions options) {
    List<String> entries = options.getInputColumns();
    return entries == null ? ColumnNames.BUILT_IN : ColumnNames.parse(entries);
  }

  public static void buildPipeline(Pipeline pipeline, MicrostructureOptions options) {
    if (options.getOutputRoot() == null) {
      throw new IllegalArgumentException("set --outputRoot");
    }
    OptionsCheck.check(options);
    FeatureParameters params = featureParameters(options);
    Set<Channel> outputs = outputChannels(options.getChannels());
    Set<Channel> inputs = inputChannels(outputs);
    CaptureTsUnit unit = options.getCaptureTsUnit().unit();
    OutputLayout out = new OutputLayout(options.getOutputRoot(), options.getSource());
    // Fixed here, once: the pipeline carries the bound, so every worker agrees on it.
    CaptureTsRange captureTs = captureTsRange(options, Instant.now());

    boolean vectorized = isVectorized(options);
    if (vectorized) {
      inputs = EnumSet.of(Channel.ORDERBOOK);
    }
    MarketFilter filter = new MarketFilter(options.getExchanges(), options.getSymbols());
    PCollectionTuple rows;
    PCollection<RejectedRow> rejected;
    EventOrder order;
    if (options.getLegacyInput() != null) {
      PCollectionTuple legacy =
          pipeline.apply(
              "ReadLegacyNdjson",
              new ReadLegacyNdjson(ReadLegacyNdjson.filepattern(options.getLegacyInput()), unit)
                  .withCaptureTsRange(captureTs));
      rows = PCollectionTuple.empty(pipeline);
      for (Channel c : inputs) {
        rows = withRows(rows, ReadChannel.tag(c), legacy);
      }
      rejected = legacy.get(ReadChannel.REJECTED);
      order = EventOrder.ARRIVAL;
    } else {
      if (options.getRawRoot() == null) {
        throw new IllegalArgumentException("set --rawRoot (or --legacyInput)");
      }
      ReadChannel.RawInput raw =
          new ReadChannel.RawInput(
              options.getRawRoot(),
              options.getSource(),
              unit,
              options.getSkipUnreadableFiles(),
              options.getOrderbookReader(),
              captureTs,
              columnNames(options));
      PCollectionTuple read = pipeline.apply("ReadChannels", ReadChannel.channels(raw, inputs));
      rows = PCollectionTuple.empty(pipeline);
      for (Channel c : inputs) {
        rows = withRows(rows, ReadChannel.tag(c), read);
      }
      rejected = read.get(ReadChannel.REJECTED);
      order = EventOrder.RECONSTRUCTED;
    }

    if (!filter.keepsEverything()) {
      rows = filtered(rows, filter);
    }
    // Each run stages its files in a folder of its own, removed once they are committed.
    if (options.getRunId() == null) {
      options.setRunId(RunLog.newRunId(Instant.now()));
    }
    RunLog runs = new RunLog(options.getOutputRoot());
    String staging = runs.staging(options.getRunId());
    PCollectionList<WrittenFile> staged =
        PCollectionList.of(
            rejected.apply(
                "WriteRejected",
                WriteParquetTable.of(
                    out.rejected(),
                    OutputSchemas.rejected(),
                    RejectedRow::channel,
                    new RejectedRecords(),
                    "rejected",
                    staging + "/rejected")));
    if (vectorized) {
      staged =
          staged.and(
              rows.get(ComputeMarketFeatures.SNAPSHOTS)
                  .apply("StructuralOnly", new StructuralFeatureBlocks(params))
                  .apply(
                      "Write_orderbook_hf",
                      WriteParquetTable.blocks(
                          out.orderbookHf(),
                          OutputSchemas.orderbookHfStructural(params),
                          "orderbook_hf",
                          staging + "/orderbook_hf")));
    } else {
      PCollectionTuple features =
          rows.apply(
              "Features",
              new ComputeMarketFeatures(params, order, outputs)
                  .writingTo(ReplayTables.of(out, params, staging + "/replay")));
      staged = staged.and(features.get(ComputeMarketFeatures.WRITTEN));
      if (outputs.contains(Channel.ORDERBOOK)) {
        PCollectionList<FeatureRow> bars = PCollectionList.empty(pipeline);
        for (long d : params.barDurationsSeconds()) {
          bars = bars.and(features.get(ComputeMarketFeatures.bars(d)));
        }
        Schema schema = OutputSchemas.orderbookBars();
        staged =
            staged.and(
                bars.apply("AllBars", Flatten.pCollections())
                    .apply(
                        "Write_orderbook_bars",
                        WriteParquetTable.of(
                                out.orderbookBars(),
                                schema,
                                OutputLayout.barPartition(),
                                new FeatureRecords(schema),
                                "orderbook_bars",
                                staging + "/orderbook_bars")
                            .withMarketOf(row -> MarketKey.of(row.exchange(), row.symbol()))));
      }
    }
    // The run replaces the dead letters of every channel it reads, even where it finds none.
    List<String> deadLetterFolders = new ArrayList<>();
    for (Channel c : inputs) {
      deadLetterFolders.add(runs.relative(out.rejected()) + "/" + c.folder());
    }
    staged
        .apply("AllStagedFiles", Flatten.pCollections())
        .apply(
            "Commit",
            CommitRun.into(options.getOutputRoot(), options.getRunId())
                .replacingAlso(deadLetterFolders)
                .withParameters(RunParameters.of(options)));
  }

  /**
   * The capture times a run accepts: from --captureTsMin to --captureTsMaxAheadHours after {@code
   * now}, the wall clock when the pipeline is built.
   */
  public static CaptureTsRange captureTsRange(MicrostructureOptions options, Instant now) {
    Instant min;
    try {
      min = Instant.parse(options.getCaptureTsMin());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--captureTsMin must be a UTC instant like 2009-01-01T00:00:00Z, got "
              + options.getCaptureTsMin(),
          e);
    }
    return CaptureTsRange.upTo(min, now, options.getCaptureTsMaxAheadHours());
  }

  /** hybrid or vectorized. */
  public static boolean isVectorized(MicrostructureOptions options) {
    return options.getMode() == Mode.VECTORIZED;
  }

  private static PCollectionTuple filtered(PCollectionTuple rows, MarketFilter filter) {
    PCollectionTuple out = PCollectionTuple.empty(rows.getPipeline());
    if (rows.has(ComputeMarketFeatures.SNAPSHOTS)) {
      out =
          out.and(
              ComputeMarketFeatures.SNAPSHOTS,
              rows.get(ComputeMarketFeatures.SNAPSHOTS)
                  .apply("FilterOrderbook", new FilterMarkets<>(filter, "orderbook")));
    }
    if (rows.has(ComputeMarketFeatures.TRADES)) {
      out =
          out.and(
              ComputeMarketFeatures.TRADES,
              rows.get(ComputeMarketFeatures.TRADES)
                  .apply("FilterTrades", new FilterMarkets<>(filter, "trades")));
    }
    if (rows.has(ComputeMarketFeatures.TICKERS)) {
      out =
          out.and(
              ComputeMarketFeatures.TICKERS,
              rows.get(ComputeMarketFeatures.TICKERS)
                  .apply("FilterTicker", new FilterMarkets<>(filter, "ticker")));
    }
    return out;
  }

  /** The feature tables asked for: orderbook, trades, ticker, or all (the default). */
  public static Set<Channel> outputChannels(List<String> names) {
    EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String name : names) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.equals("all")) {
        channels.addAll(EnumSet.allOf(Channel.class));
      } else {
        channels.add(Channel.fromFolder(n));
      }
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("no channel selected (orderbook, trades, ticker, all)");
    }
    return channels;
  }

  /** The channels to read: order-book features need the trades as well. */
  public static Set<Channel> inputChannels(Set<Channel> outputs) {
    EnumSet<Channel> inputs = EnumSet.copyOf(outputs);
    if (outputs.contains(Channel.ORDERBOOK)) {
      inputs.add(Channel.TRADES);
    }
    return inputs;
  }

  private static <T> PCollectionTuple withRows(
      PCollectionTuple rows, TupleTag<T> tag, PCollectionTuple source) {
    return rows.and(tag, source.get(tag));
  }

  /** The feature parameters an options object describes. */
  public static FeatureParameters featureParameters(MicrostructureOptions o) {
    FeatureParameters.Builder b =
        FeatureParameters.builder()
            .maxLevels(o.getMaxLevels())
            .depthLevels(o.getDepthLevels().stream().mapToInt(Integer::intValue).toArray())
            .depthBandsBps(o.getDepthBandsBps().stream().mapToDouble(Double::doubleValue).toArray())
            .ofiLevels(o.getOfiLevels())
            .ofiDecayAlpha(o.getOfiDecayAlpha())
            .ofiHalfLifeSeconds(o.getOfiHalfLifeSeconds())
            .horizonsSeconds(o.getHorizons().stream().mapToLong(Long::longValue).toArray())
            .barDurationsSeconds(o.getBarDurations().stream().mapToLong(Long::longValue).toArray())
            .maxGapSeconds(o.getMaxGapSeconds())
            .spreadRegimeWindowSeconds(o.getSpreadRegimeWindowSeconds())
            .vpinWindow(o.getVpinWindow());
    o.getVpinBucketVolume().forEach(b::vpinBucketVolume);
    o.getVolumeBarSize().forEach(b::volumeBarSize);
    return b.build();
  }
}
