package io.microstructure.pipeline;

import io.microstructure.coders.ShuffleElements;
import io.microstructure.engine.CarriesFile;
import io.microstructure.engine.ChunkContext;
import io.microstructure.engine.Resume;
import io.microstructure.features.FeatureParameters;
import io.microstructure.input.ColumnNames;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.MarketFilter;
import io.microstructure.model.OutputTable;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.RunLog;
import io.microstructure.storage.Storage;
import io.microstructure.transforms.CommitRun;
import io.microstructure.transforms.MicrostructureFeatures;
import io.microstructure.transforms.ReplayTables;
import io.microstructure.transforms.WriteFeatureTables;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    IncrementalPlan plan = null;
    if (options.getIncremental()) {
      try {
        plan = incrementalPlan(options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (plan.nothingNew()) {
        throw new IllegalStateException(
            "nothing new to process since run " + plan.basedOn() + ": every segment is unchanged");
      }
    }
    buildPipeline(pipeline, options, plan);
  }

  /**
   * As above; an incremental run ({@code --incremental}) with its plan, worked out by {@link
   * #incrementalPlan} (null: a plain run).
   */
  public static void buildPipeline(
      Pipeline pipeline, MicrostructureOptions options, IncrementalPlan plan) {
    OptionsCheck.checkRunnable(options);
    FeatureParameters params = featureParameters(options);
    OutputLayout out = new OutputLayout(options.getOutputRoot(), options.getSource());
    // Each run stages its files in a folder of its own, removed once they are committed.
    if (options.getRunId() == null) {
      options.setRunId(RunLog.newRunId(Instant.now()));
    }
    RunLog runs = new RunLog(options.getOutputRoot());
    String staging = runs.staging(options.getRunId());
    ReplayTables replayTables = ReplayTables.of(out, params, staging + "/replay");
    WriteFeatureTables write = WriteFeatureTables.to(out).stagedIn(staging);
    CommitRun commit =
        CommitRun.into(options.getOutputRoot(), options.getRunId())
            .withParameters(RunParameters.of(options));
    MicrostructureFeatures features = features(options, params);
    if (plan != null) {
      long chunk = incrementalChunkMicros(options);
      Resume resume = plan.resume();
      features =
          features
              .inChunksOf(java.time.Duration.ofNanos(chunk * 1000))
              .resumingAt(resume)
              .readingOnly(plan.read())
              .deadLettersOnlyOf(plan.fresh());
      replayTables = replayTables.keyedByChunksOf(chunk);
      write = write.keyedByChunksOf(chunk);
      List<String> tableRoots = new ArrayList<>();
      for (OutputTable t : OutputTable.values()) {
        if (t != OutputTable.REJECTED) {
          tableRoots.add(runs.relative(out.table(t)));
        }
      }
      commit =
          commit.incremental(
              new CommitRun.Incremental(
                  resume.from(),
                  Instant.now().toEpochMilli() * 1000,
                  tableRoots,
                  plan.record(CarriesFile.path(options.getRunId())),
                  plan.readInputs(),
                  plan.segmentStateFiles()));
    }
    features = features.writingPerEventTablesTo(replayTables);
    if (plan == null || plan.resume().fromScratch()) {
      // A run from the beginning replaces the dead letters of every channel it reads.
      commit = commit.replacingAlso(deadLetterFolders(runs, out, features.inputChannels()));
    }
    pipeline.apply("Features", features).apply("Write", write).apply("Commit", commit);
  }

  /**
   * The plan of an incremental run of these options: its segments against the state recorded in
   * the output root ({@link IncrementalPlan}).
   */
  public static IncrementalPlan incrementalPlan(MicrostructureOptions options) throws IOException {
    FeatureParameters params = featureParameters(options);
    return incrementalPlan(
        options,
        InputInventory.ofRawRoot(
            options.getRawRoot(),
            options.getSource(),
            features(options, params).inputChannels(),
            false,
            columnNames(options)));
  }

  /** As above, for the segments of {@code inventory}: those listed for the run (or a wave). */
  public static IncrementalPlan incrementalPlan(
      MicrostructureOptions options, InputInventory inventory) throws IOException {
    FeatureParameters params = featureParameters(options);
    long chunk = incrementalChunkMicros(options);
    return IncrementalPlan.of(
        new RunLog(options.getOutputRoot()),
        inventory,
        Resume.alignment(chunk, params.barDurationsSeconds()),
        ChunkContext.lookAheadMicros(params),
        ChunkContext.warmUpMicros(params),
        RunParameters.of(options));
  }

  /** An incremental run's chunks: the option's, or {@link ChunkSize#AUTO_CHUNK} for whole. */
  public static long incrementalChunkMicros(MicrostructureOptions options) {
    java.time.Duration chunk = options.getChunk().resolve(true);
    if (chunk.isZero()) {
      chunk = ChunkSize.AUTO_CHUNK;
    }
    return chunk.toNanos() / 1000;
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
