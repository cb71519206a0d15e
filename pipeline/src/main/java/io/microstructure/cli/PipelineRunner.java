package io.microstructure.cli;

import io.microstructure.config.ConfigOptions;
import io.microstructure.config.EtlConfig;
import io.microstructure.input.FooterCheck;
import io.microstructure.io.LocalPaths;
import io.microstructure.io.PausePoints;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.model.MarketFilter;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.pipeline.ChannelChoice;
import io.microstructure.pipeline.FailureMessage;
import io.microstructure.pipeline.IncrementalPlan;
import io.microstructure.pipeline.InputInventory;
import io.microstructure.pipeline.JobOutcome;
import io.microstructure.pipeline.MemoryUse;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.pipeline.OptionsCheck;
import io.microstructure.pipeline.OutputRootLock;
import io.microstructure.pipeline.RunParameters;
import io.microstructure.pipeline.RunRecovery;
import io.microstructure.pipeline.RunReport;
import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Redaction;
import io.microstructure.storage.S3Settings;
import io.microstructure.storage.Storage;
import io.microstructure.storage.StorageException;
import io.microstructure.storage.WritableRoot;
import io.microstructure.transforms.MicrostructureFeatures;
import io.microstructure.transforms.ReadLegacyNdjson;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;

/** Shared by {@code run} and {@code demo}: check the input, run the job, print the summary. */
final class PipelineRunner {
  private PipelineRunner() {}

  /** Runs the job on a raw root with every table; returns the process exit code. */
  static int run(
      String rawRoot, String outputRoot, String source, List<String> beamArgs, PrintStream out) {
    EtlConfig config = EtlConfig.defaults();
    config.inputRoot = rawRoot;
    config.outputRoot = outputRoot;
    config.source = source;
    return run(config, beamArgs, false, out);
  }

  /** Runs (or, with {@code dryRun}, only describes) the job; returns the process exit code. */
  static int run(EtlConfig config, List<String> beamArgs, boolean dryRun, PrintStream out) {
    return run(config, beamArgs, dryRun, null, out);
  }

  /** As above, also writing the summary as JSON to {@code reportJson} when it is not null. */
  static int run(
      EtlConfig config,
      List<String> beamArgs,
      boolean dryRun,
      java.nio.file.Path reportJson,
      PrintStream out) {
    if (config.inputRoot == null && config.legacyInput == null) {
      throw new UserError(
          "no input: give --raw-root (or --legacy-input), or set storage.input.root in the config");
    }
    if (config.inputRoot != null && config.legacyInput != null) {
      throw new UserError("give either a raw root or a legacy input, not both");
    }
    if (config.outputRoot == null && !dryRun) {
      throw new UserError(
          "no output: give --output-root, or set storage.output.root in the config");
    }
    MicrostructureOptions options = options(config, beamArgs);
    S3Settings s3 = s3Settings(config);
    if (s3 != null) {
      Storage.configure(options, s3); // also registers the filesystems
    } else {
      FileSystems.setDefaultPipelineOptions(options);
    }
    // Every root before any input is read: a run that cannot write says so at once.
    try {
      for (String root : new String[] {config.inputRoot, config.legacyInput}) {
        if (root != null) {
          Storage.check(options, root); // does nothing for local folders
        }
      }
      if (config.outputRoot != null) {
        WritableRoot.check(options, config.outputRoot);
      }
    } catch (StorageException e) {
      throw new UserError(e.getMessage());
    }
    Set<Channel> outputs;
    boolean vectorized;
    try {
      outputs = ChannelChoice.channels(options.getChannels());
      vectorized = MicrostructurePipeline.isVectorized(options);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (config.waves != null) {
      options.setIncremental(true);
    }
    if (options.getIncremental()) {
      checkIncremental(config, options, outputs, vectorized);
    }
    boolean all = options.getChannels().contains(ChannelChoice.ALL);
    MicrostructureFeatures.FromEvents computation =
        MicrostructureFeatures.fromEvents().withChannels(outputs);
    Set<Channel> inputs =
        (vectorized ? computation.structuralOnly() : computation).inputChannels();
    MarketFilter filter = new MarketFilter(options.getExchanges(), options.getSymbols());
    InputInventory inventory =
        inventory(
            config,
            inputs,
            outputs,
            vectorized,
            all,
            dryRun || !filter.keepsEverything(),
            MicrostructurePipeline.columnNames(options));
    if (all && config.legacyInput == null && !vectorized) {
      // "all" means every channel the input has; the order book is the one it must have.
      List<ChannelChoice> present = new ArrayList<>();
      for (Channel c : outputs) {
        if (!inventory.files().getOrDefault(c, List.of()).isEmpty()) {
          present.add(ChannelChoice.of(c));
        } else {
          out.println("Note: no " + c.folder() + " files in the input; its tables are skipped.");
        }
      }
      options.setChannels(present);
      outputs = ChannelChoice.channels(present);
    }
    if (!filter.keepsEverything() && inventory.markets(filter).isEmpty()) {
      throw new UserError(
          "the filters ("
              + filter
              + ") match no market of the input; it holds "
              + inventory.markets().keySet());
    }
    FooterCheck.Checked input = footerCheck(config, options, inventory);
    List<FooterCheck.Finding> footers = input.findings();
    if (dryRun) {
      DryRun.print(out, config, options, inventory, filter, outputs, vectorized);
      DryRun.printFooterCheck(out, inventory, footers);
      if (options.getIncremental()) {
        if (config.outputRoot == null) {
          throw new UserError(
              "--incremental --dry-run compares the input with the state in the output root:"
                  + " give --output-root");
        }
        try {
          IncrementalSummary.printPlan(
              out, MicrostructurePipeline.incrementalPlan(options, inventory), options);
        } catch (IOException e) {
          throw new UserError("output root " + config.outputRoot + ": " + e.getMessage());
        }
      }
      return 0;
    }
    if (config.waves == null) {
      return runOnce(config, options, inventory, input, null, reportJson, out);
    }
    // Waves: incremental runs over the input as it would have arrived, a wave at a time.
    long wave = config.waves.getSeconds();
    long[] span = inventory.span();
    if (span[1] <= span[0]) {
      throw new UserError("--waves needs segments whose names give their time");
    }
    long first = Math.floorDiv(span[0], wave) * wave + wave;
    long last = Math.floorDiv(span[1] - 1, wave) * wave + wave;
    long count = (last - first) / wave + 1;
    int code = 0;
    for (long until = first; until <= last; until += wave) {
      out.printf(
          "Wave %d of %d: segments starting before %s%n",
          (until - first) / wave + 1, count, Instant.ofEpochSecond(until));
      code = runOnce(config, options, inventory, input, Instant.ofEpochSecond(until), reportJson, out);
    }
    return code;
  }

  /** An incremental run can only be a hybrid run of a raw root with the order book. */
  private static void checkIncremental(
      EtlConfig config, MicrostructureOptions options, Set<Channel> outputs, boolean vectorized) {
    if (config.legacyInput != null) {
      throw new UserError("--incremental reads a raw root's segments, not a legacy NDJSON stream");
    }
    if (vectorized) {
      throw new UserError("--incremental needs --mode hybrid (the vectorized mode keeps no state)");
    }
    if (!outputs.contains(Channel.ORDERBOOK)) {
      throw new UserError(
          "--incremental replays chunks of the order book: include the orderbook channel");
    }
    long chunk = MicrostructurePipeline.incrementalChunkMicros(options);
    long[] bars = MicrostructurePipeline.featureParameters(options).barDurationsSeconds();
    long align = io.microstructure.engine.Resume.alignment(chunk, bars);
    if (!io.microstructure.engine.Resume.dividesADay(align)) {
      throw new UserError(
          "--incremental resumes at whole chunks and whole bars of every duration: with --chunk "
              + options.getChunk()
              + " and bars of "
              + java.util.Arrays.toString(bars)
              + " s that is every "
              + align / 1_000_000L
              + " s, which does not divide a day; take a chunk that divides an hour (15m, 1h)");
    }
  }

  /**
   * One run: the whole input, or for an incremental one what is new in the segments starting
   * before {@code until} (null: all), against the state recorded in the output root.
   */
  private static int runOnce(
      EtlConfig config,
      MicrostructureOptions options,
      InputInventory inventory,
      FooterCheck.Checked input,
      Instant until,
      java.nio.file.Path reportJson,
      PrintStream out) {
    List<FooterCheck.Finding> footers = input.findings();
    String inputFolder = inputFolder(config);

    String runId = RunLog.newRunId(Instant.now());
    options.setRunId(runId);
    RunLog runs = new RunLog(config.outputRoot);
    try (OutputRootLock lock = OutputRootLock.acquire(runs, runId)) {
      for (String note : RunRecovery.recover(runs, runId)) {
        out.println("Note: " + note);
      }
      IncrementalPlan plan = null;
      if (options.getIncremental()) {
        // The inventory listed once for the run; a wave sees the segments arrived before it.
        plan =
            MicrostructurePipeline.incrementalPlan(
                options,
                until == null ? inventory : inventory.arrivedBefore(until.getEpochSecond()));
        if (plan.nothingNew()) {
          IncrementalSummary.printNothingNew(out, plan);
          return 0;
        }
      }
      runs.write(startRecord(runId, options, inventory, plan));
      long start = System.nanoTime();
      JobOutcome outcome;
      MemoryUse memory;
      try {
        PausePoints.reach(PausePoints.RUN_STARTED);
        Pipeline pipeline = Pipeline.create(options);
        MicrostructurePipeline.buildPipeline(pipeline, options, plan);
        out.println(
            Redaction.apply(
                "Running "
                    + options.getRunner().getSimpleName()
                    + ": "
                    + (config.legacyInput != null ? config.legacyInput : config.inputRoot)
                    + " -> "
                    + config.outputRoot
                    + " (run "
                    + runId
                    + ")"));
        try (PeakHeap heap = new PeakHeap();
            Progress progress = new Progress(out, rowsPerChannel(input))) {
          outcome = JobOutcome.run(pipeline, progress::follow);
          memory = heap.memoryUse();
        }
      } catch (RuntimeException | Error e) {
        // Building the job, or the launcher itself around it, failed (an exhausted heap too).
        recordFailure(runs, runId, FailureMessage.of("the run", e), e);
        throw e;
      }
      if (!outcome.succeeded()) {
        // No summary: a failed run must not look like one that finished.
        String why = outcome.message(memory);
        RuntimeException failure =
            outcome.inputProblem() ? new UserError(why) : new RunFailure(why);
        recordFailure(runs, runId, why, failure);
        throw failure;
      }
      PipelineResult result = outcome.result();
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      RunRecord record =
          runs.read(runId)
              .orElseThrow(() -> new IOException(runs.recordPath(runId) + " is missing"));
      PausePoints.reach(PausePoints.RUN_COMMITTED);
      // Holding the root, no other run stages into it: what is left there is nobody's.
      LocalPaths.deleteTree(runs.stagingRoot());
      Map<String, Long> counters = RunReport.counters(result);
      recordCounters(runs, record, counters);
      RunReport report =
          new RunReport(
              config.outputRoot,
              options.getRunner().getSimpleName(),
              counters,
              RunReport.timeSpan(result),
              record,
              wall,
              memory);
      report.print(out);
      if (plan != null) {
        IncrementalSummary.printDone(out, plan);
      }
      SkippedFiles.print(out, inputFolder, inventory.skipped());
      List<String> float32 = FooterCheck.float32Files(footers);
      if (!float32.isEmpty()) {
        out.printf(
            "Warning: %d file%s with float32 prices or amounts (values exact to float32 only,"
                + " e.g. a spread of 0.1 reads 0.09375):%n",
            float32.size(), float32.size() == 1 ? "" : "s");
        float32.forEach(l -> out.println("  " + l));
      }
      if (reportJson != null) {
        report.writeJson(reportJson);
      }
      // Found from the job's counters, so only once the job has committed: the tables stay (the
      // record says committed) and the exit code says the input was not understood.
      String allRejected = AllRejected.check(counters, record, config.outputRoot);
      if (allRejected != null) {
        throw new UserError(
            allRejected
                + " (the run committed: its tables and dead letters are in "
                + config.outputRoot
                + ")");
      }
    } catch (OutputRootLock.HeldException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("output root " + config.outputRoot + ": " + e.getMessage());
    }
    return 0;
  }

  /** The input's rows per channel folder, from the footers: the totals progress is shown of. */
  private static Map<String, Long> rowsPerChannel(FooterCheck.Checked input) {
    Map<String, Long> rows = new java.util.LinkedHashMap<>();
    input.rows().forEach((channel, n) -> rows.put(channel.folder(), n));
    return rows;
  }

  /**
   * The footer of every raw input file checked ({@link FooterCheck}); none for legacy NDJSON.
   * Read once, before the run: for its float32 warnings, the dry run's schema check and the row
   * totals progress is shown of.
   */
  private static FooterCheck.Checked footerCheck(
      EtlConfig config, MicrostructureOptions options, InputInventory inventory) {
    if (config.legacyInput != null) {
      return new FooterCheck.Checked(List.of(), Map.of());
    }
    java.util.Map<Channel, List<String>> paths = new java.util.EnumMap<>(Channel.class);
    inventory
        .files()
        .forEach(
            (c, fs) -> paths.put(c, fs.stream().map(InputInventory.InputFile::path).toList()));
    return FooterCheck.checkFiles(paths, options.getCaptureTsUnit().unit());
  }

  /** The run's record as it starts: what it reads and with which options. */
  private static RunRecord startRecord(
      String runId, MicrostructureOptions options, InputInventory inventory, IncrementalPlan plan) {
    RunRecord r = new RunRecord(runId);
    r.started = Instant.now().toString();
    r.runner = options.getRunner().getSimpleName();
    r.host = OutputRootLock.hostName();
    r.pid = ProcessHandle.current().pid();
    r.parameters.putAll(RunParameters.of(options));
    if (plan != null) {
      r.inputs.addAll(plan.readInputs()); // an incremental run's: what it reads, not the archive
      return r;
    }
    for (InputInventory.InputFile f : inventory.legacyFiles()) {
      r.inputs.add(new RunRecord.Input(f.path(), f.bytes()));
    }
    inventory
        .files()
        .values()
        .forEach(fs -> fs.forEach(f -> r.inputs.add(new RunRecord.Input(f.path(), f.bytes()))));
    return r;
  }

  /**
   * A run that failed before its commit changed nothing in the tables: its record says failed and
   * its staged files go. One that failed while committing stays {@code committing}, for the next
   * run to finish.
   */
  /**
   * Adds the job's counters (not its stage timers, which measure time) to the complete record, so
   * that what the run dropped (duplicates, filtered rows) stays readable in the root (the report
   * shows it). A run killed before this leaves its record complete without them.
   */
  private static void recordCounters(RunLog runs, RunRecord record, Map<String, Long> counters)
      throws IOException {
    counters.forEach(
        (name, value) -> {
          if (!name.startsWith("stage/")) {
            record.counters.put(name, value);
          }
        });
    runs.write(record);
  }

  private static void recordFailure(RunLog runs, String runId, String error, Throwable failure) {
    RunRecord r;
    try {
      r = runs.read(runId).orElse(new RunRecord(runId));
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
      return;
    }
    if (r.status != RunRecord.Status.RUNNING) {
      return;
    }
    r.status = RunRecord.Status.FAILED;
    r.ended = Instant.now().toString();
    r.error = error; // the line printed: one line, credentials masked
    // On a full disk the record is written over the RUNNING one, in the blocks that one already
    // has (RunLog pads it), so it never waits for space. The staging is deleted too; workers of
    // the failed job may still be closing files for a moment, longer on a loaded machine, so that
    // is retried for up to 25 s.
    Exception last = null;
    boolean recorded = false;
    for (int attempt = 0; attempt < 8; attempt++) {
      last = null;
      if (!recorded) {
        try {
          runs.write(r);
          recorded = true;
        } catch (IOException | RuntimeException e) {
          last = e;
        }
      }
      try {
        LocalPaths.deleteTree(runs.stagingRoot());
      } catch (IOException | RuntimeException e) {
        last = last == null ? e : last;
      }
      if (recorded && last == null) {
        return;
      }
      try {
        Thread.sleep(100L << attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failure.addSuppressed(last);
  }

  /** The config's S3 section as settings, or null when it sets nothing (Beam's flags then rule). */
  static S3Settings s3Settings(EtlConfig config) {
    EtlConfig.S3 c = config.s3;
    if (c.region == null && c.endpoint == null && "default".equals(c.credentials)) {
      return null;
    }
    S3Settings.Builder b =
        S3Settings.builder()
            .region(c.region != null ? c.region : Storage.FALLBACK_REGION)
            .credentials(c.credentials);
    if (c.endpoint != null) {
      b.endpoint(c.endpoint);
    }
    if (c.pathStyle != null) {
      b.pathStyle(c.pathStyle);
    }
    if (c.profile != null) {
      b.profile(c.profile);
    }
    if (c.accessKeyId != null) {
      b.accessKeyId(c.accessKeyId).secretAccessKey(c.secretAccessKey);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UserError(
          (config.file == null ? "" : config.file + ": ") + "storage.s3: " + e.getMessage());
    }
  }

  private static MicrostructureOptions options(EtlConfig config, List<String> beamArgs) {
    List<String> args = new ArrayList<>(ConfigOptions.runnerArgs(config, beamArgs));
    boolean s3 =
        Stream.of(config.inputRoot, config.legacyInput, config.outputRoot)
            .anyMatch(r -> r != null && Storage.isS3(r));
    if (s3) {
      // Beam's 64 MiB per open file exhausts the heap when many partitions are written at once.
      addDefault(
          args,
          "--s3UploadBufferSizeBytes",
          String.valueOf(S3Settings.DEFAULT_UPLOAD_BUFFER_BYTES));
    }
    args = new ArrayList<>(Storage.withDefaultRegion(args));
    Redaction.rememberIn(args); // credentials in flags never reach a message, whatever fails
    Storage.registerOptions();
    if (args.contains("--runner=DirectRunner")) {
      // Enforcement re-encodes every element; it is for tests, not for real runs. Not blocking
      // lets the progress line follow the run.
      addDefault(args, "--enforceImmutability", "false");
      addDefault(args, "--enforceEncodability", "false");
      addDefault(args, "--blockOnRun", "false");
      // One worker thread per core: the DirectRunner's scheduler loop polls without waiting, and
      // with more threads than cores it runs on cores the workers need (measured in
      // BENCHMARKS.md).
      addDefault(
          args, "--targetParallelism", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }
    if (args.contains("--runner=SparkRunner")) {
      // Spark caches a collection that several steps read (the order book: summaries, digests,
      // routing of chunked markets). At its default MEMORY_ONLY, what does not fit is dropped and
      // recomputed, reading the input again: 3.3 times over one day of a market at -Xmx1g.
      addDefault(args, "--storageLevel", "MEMORY_AND_DISK");
    }
    // Flags that do not parse, and values that parse but cannot run, before anything is read.
    try {
      Set<String> setByFlags = ConfigOptions.namesSetBy(beamArgs);
      MicrostructureOptions options =
          OptionsCheck.parse(args, o -> ConfigOptions.applyTo(config, o, setByFlags));
      Storage.checkEndpointFlag(options);
      return options;
    } catch (IllegalArgumentException | StorageException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The folder the input is listed under, for messages. */
  private static String inputFolder(EtlConfig config) {
    return config.legacyInput != null
        ? config.legacyInput
        : SegmentFiles.stripSlash(config.inputRoot) + "/ready/" + config.source + "/";
  }

  private static InputInventory inventory(
      EtlConfig config,
      Set<Channel> inputs,
      Set<Channel> outputs,
      boolean vectorized,
      boolean all,
      boolean withMarkets,
      io.microstructure.input.ColumnNames names) {
    try {
      if (config.legacyInput != null) {
        String pattern = ReadLegacyNdjson.filepattern(config.legacyInput);
        InputInventory inv = InputInventory.ofLegacy(pattern, withMarkets);
        if (inv.legacyFiles().isEmpty()) {
          throw new UserError("no legacy NDJSON files match " + pattern);
        }
        return inv;
      }
      InputInventory inv =
          InputInventory.ofRawRoot(config.inputRoot, config.source, inputs, withMarkets, names);
      if (inv.isEmpty()) {
        EnumSet<Channel> others = EnumSet.complementOf(EnumSet.copyOf(inputs));
        InputInventory rest =
            others.isEmpty()
                ? inv
                : InputInventory.ofRawRoot(config.inputRoot, config.source, others, false);
        if (rest.isEmpty()) {
          throw new UserError(
              "input "
                  + config.inputRoot
                  + " does not exist or holds no Parquet files under ready/"
                  + config.source
                  + "/"
                  + RawRootHint.of(config.inputRoot, config.source).orElse("")
                  + skippedNote(inv.skipped().size() + (rest == inv ? 0 : rest.skipped().size())));
        }
      }
      // A channel asked for by name needs its files; "all" needs the order book only (the order
      // book's trades are optional either way).
      Set<Channel> required = vectorized || all ? Set.of(Channel.ORDERBOOK) : outputs;
      for (Channel c : List.of(Channel.ORDERBOOK, Channel.TRADES, Channel.TICKER)) {
        if (!required.contains(c)) {
          continue;
        }
        if (inv.files().getOrDefault(c, List.of()).isEmpty()) {
          String what = c == Channel.ORDERBOOK ? "order-book" : c.folder();
          throw new UserError(
              "no "
                  + what
                  + " files (segment_*.parquet) in "
                  + SegmentFiles.channelDir(config.inputRoot, config.source, c)
                  + skippedNote(inv.skipped().stream().filter(s -> s.channel() == c).count())
                  + (all ? " (choose the channels to run with --channel)" : ""));
        }
      }
      return inv;
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserError) {
        throw (UserError) e;
      }
      // An S3 endpoint that went away after the preflight: named, as the preflight names it.
      throw new UserError(
          Storage.unreachable(e).orElse("cannot list the input: " + FailureMessage.of(e)));
    }
  }

  private static void addDefault(List<String> args, String flag, String value) {
    if (args.stream().noneMatch(a -> a.startsWith(flag))) {
      args.add(flag + "=" + value);
    }
  }

  private static String skippedNote(long skipped) {
    return skipped == 0
        ? ""
        : "; "
            + skipped
            + " other file"
            + (skipped == 1 ? " was" : "s were")
            + " skipped (hidden, or not named segment_*.parquet: see --dry-run)";
  }
}
