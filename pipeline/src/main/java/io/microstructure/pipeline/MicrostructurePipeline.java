package io.microstructure.pipeline;

import io.microstructure.coders.ShuffleElements;
import io.microstructure.features.FeatureParameters;
import io.microstructure.input.ColumnNames;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.MarketFilter;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.RunLog;
import io.microstructure.storage.Storage;
import io.microstructure.transforms.CommitRun;
import io.microstructure.transforms.MicrostructureFeatures;
import io.microstructure.transforms.ReplayTables;
import io.microstructure.transforms.WriteFeatureTables;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

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

  /** Features of the options' input, written and committed under the output root. */
  public static void buildPipeline(Pipeline pipeline, MicrostructureOptions options) {
    OptionsCheck.checkRunnable(options);
    FeatureParameters params = featureParameters(options);
    OutputLayout out = new OutputLayout(options.getOutputRoot(), options.getSource());
    // Each run stages its files in a folder of its own, removed once they are committed.
    if (options.getRunId() == null) {
      options.setRunId(RunLog.newRunId(Instant.now()));
    }
    RunLog runs = new RunLog(options.getOutputRoot());
    String staging = runs.staging(options.getRunId());
    MicrostructureFeatures features =
        features(options, params)
            .writingPerEventTablesTo(ReplayTables.of(out, params, staging + "/replay"));
    pipeline
        .apply("Features", features)
        .apply("Write", WriteFeatureTables.to(out).stagedIn(staging))
        .apply(
            "Commit",
            CommitRun.into(options.getOutputRoot(), options.getRunId())
                .replacingAlso(deadLetterFolders(runs, out, features.inputChannels()))
                .withParameters(RunParameters.of(options)));
  }

  /** The computation the options describe, reading their input. */
  public static MicrostructureFeatures features(
      MicrostructureOptions options, FeatureParameters params) {
    MicrostructureFeatures features =
        options.getLegacyInput() != null
            ? MicrostructureFeatures.fromLegacyNdjson(options.getLegacyInput())
            : MicrostructureFeatures.fromRawRoot(options.getRawRoot())
                .withSource(options.getSource())
                .withOrderBookReader(options.getOrderbookReader())
                .withColumnNames(columnNames(options))
                .withSkipUnreadableFiles(options.getSkipUnreadableFiles());
    features =
        features
            .withCaptureTsUnit(options.getCaptureTsUnit())
            // Fixed here, once: the pipeline carries the bound, so every worker agrees on it.
            .withCaptureTsRange(captureTsRange(options, Instant.now()))
            .withMarkets(new MarketFilter(options.getExchanges(), options.getSymbols()))
            .withParameters(params)
            .withChannels(ChannelChoice.channels(options.getChannels()))
            .inChunksOf(options.getChunk().resolve(ShuffleElements.runnerWritesShuffles(options)));
    return isVectorized(options) ? features.structuralOnly() : features;
  }

  /** The run replaces the dead letters of every channel it reads, even where it finds none. */
  private static List<String> deadLetterFolders(
      RunLog runs, OutputLayout out, Set<Channel> inputs) {
    List<String> folders = new ArrayList<>();
    for (Channel c : inputs) {
      folders.add(runs.relative(out.rejected()) + "/" + c.folder());
    }
    return folders;
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

  /** The feature parameters an options object describes. */
  public static FeatureParameters featureParameters(MicrostructureOptions options) {
    return FeatureOption.read(options);
  }
}
