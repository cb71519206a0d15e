package io.microstructure.cli;

import io.microstructure.io.OutputLayout;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.pipeline.OutputSummary;
import io.microstructure.pipeline.RunReport;
import io.microstructure.storage.S3Settings;
import io.microstructure.storage.Storage;
import io.microstructure.storage.StorageException;
import io.microstructure.transforms.ReadLegacyNdjson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Shared by {@code run} and {@code demo}: check the input, run the job, print the summary. */
final class PipelineRunner {
  private PipelineRunner() {}

  /** What to run: where the input is, which tables, where the output goes. */
  static final class Request {
    String rawRoot;
    String legacyInput;
    String outputRoot;
    String source = "ccxt";
    List<String> channels = List.of("all");
    List<String> beamArgs = List.of();
    /** S3 settings (e.g. from a config file); they override Beam's S3 flags. Null: flags only. */
    S3Settings s3;

    String input() {
      return legacyInput != null ? legacyInput : rawRoot;
    }
  }

  /** Runs the job on a raw root with every table; returns the process exit code. */
  static int run(
      String rawRoot, String outputRoot, String source, List<String> beamArgs, PrintStream out) {
    Request r = new Request();
    r.rawRoot = rawRoot;
    r.outputRoot = outputRoot;
    r.source = source;
    r.beamArgs = beamArgs;
    return run(r, out);
  }

  /** Runs the job; returns the process exit code. */
  static int run(Request request, PrintStream out) {
    String outputRoot = request.outputRoot;
    String source = request.source;
    List<String> args = new ArrayList<>(request.beamArgs);
    if (request.legacyInput != null) {
      args.add("--legacyInput=" + request.legacyInput);
    } else {
      args.add("--rawRoot=" + request.rawRoot);
    }
    args.add("--outputRoot=" + outputRoot);
    args.add("--source=" + source);
    args.add("--channels=" + String.join(",", request.channels));
    if (args.stream().noneMatch(a -> a.startsWith("--runner"))) {
      args.add("--runner=DirectRunner");
    }
    if (args.stream().anyMatch(a -> a.equals("--runner=DirectRunner"))) {
      // Enforcement re-encodes every element; it is for tests, not for real runs.
      addDefault(args, "--enforceImmutability", "false");
      addDefault(args, "--enforceEncodability", "false");
    }
    List<String> s3Roots =
        Stream.of(request.input(), outputRoot).filter(Storage::isS3).toList();
    if (!s3Roots.isEmpty()) {
      // Beam's 64 MiB per open file exhausts the heap when many partitions are written at once.
      addDefault(
          args,
          "--s3UploadBufferSizeBytes",
          String.valueOf(S3Settings.DEFAULT_UPLOAD_BUFFER_BYTES));
    }
    args = Storage.withDefaultRegion(args);
    Storage.registerOptions();
    MicrostructureOptions options;
    try {
      options =
          PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
              .withValidation()
              .as(MicrostructureOptions.class);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (request.s3 != null) {
      Storage.configure(options, request.s3); // also registers the filesystems
    } else {
      FileSystems.setDefaultPipelineOptions(options);
    }
    for (String root : s3Roots) {
      try {
        Storage.check(options, root);
      } catch (StorageException e) {
        throw new UserError(e.getMessage());
      }
    }
    Set<Channel> inputs;
    try {
      inputs =
          MicrostructurePipeline.inputChannels(
              MicrostructurePipeline.outputChannels(options.getChannels()));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (request.legacyInput != null) {
      checkLegacyInput(request.legacyInput);
    } else {
      checkInput(request.rawRoot, source, inputs);
    }

    long start = System.nanoTime();
    Pipeline pipeline = Pipeline.create(options);
    MicrostructurePipeline.buildPipeline(pipeline, options);
    out.println(
        "Running "
            + options.getRunner().getSimpleName()
            + ": "
            + request.input()
            + " -> "
            + outputRoot);
    PipelineResult result;
    try {
      result = pipeline.run();
      result.waitUntilFinish();
    } catch (RuntimeException e) {
      throw new UserError("the pipeline failed: " + rootMessage(e));
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    removeEmptyStagingFolders(new OutputLayout(outputRoot, source).temporaryRoot());
    Map<String, Long> counters = RunReport.counters(result);
    OutputSummary summary;
    try {
      summary = OutputSummary.scan(outputRoot, source);
    } catch (IOException e) {
      throw new UserError("cannot read back the outputs: " + e.getMessage());
    }
    RunReport.print(out, outputRoot, source, counters, summary, wall);
    return 0;
  }

  /**
   * Beam deletes its staged files but leaves their (local) folders behind; remove the empty ones.
   * Object stores have no folders, so there is nothing to do for s3:// outputs.
   */
  static void removeEmptyStagingFolders(String temporaryRoot) {
    if (temporaryRoot.contains("://") && !temporaryRoot.startsWith("file://")) {
      return;
    }
    Path root = Path.of(temporaryRoot.replaceFirst("^file://", ""));
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .filter(Files::isDirectory)
          .forEach(
              d -> {
                try {
                  Files.deleteIfExists(d); // fails, harmlessly, on a folder that still has files
                } catch (IOException e) {
                  // not empty: leave it
                }
              });
    } catch (IOException e) {
      // best effort only
    }
  }

  private static void addDefault(List<String> args, String flag, String value) {
    if (args.stream().noneMatch(a -> a.startsWith(flag))) {
      args.add(flag + "=" + value);
    }
  }

  /** Fails fast, before any pipeline starts, when there is nothing to read. */
  static void checkInput(String rawRoot, String source, Set<Channel> channels) {
    try {
      MatchResult root = FileSystems.match(rawRoot, EmptyMatchTreatment.ALLOW);
      if (root.status() == MatchResult.Status.NOT_FOUND
          || (root.status() == MatchResult.Status.OK && root.metadata().isEmpty())) {
        // Directories do not match as files on every filesystem; look for any content instead.
        MatchResult any = FileSystems.match(rawRoot + "/**", EmptyMatchTreatment.ALLOW);
        if (any.status() != MatchResult.Status.OK || any.metadata().isEmpty()) {
          throw new UserError("input " + rawRoot + " does not exist or is empty");
        }
      }
      // Order-book features need the order book; the trades channel alone may be missing.
      Channel required =
          channels.contains(Channel.ORDERBOOK) ? Channel.ORDERBOOK : channels.iterator().next();
      MatchResult files =
          FileSystems.match(
              SegmentFiles.channelGlob(rawRoot, source, required), EmptyMatchTreatment.ALLOW);
      if (files.status() != MatchResult.Status.OK || files.metadata().isEmpty()) {
        String what = required == Channel.ORDERBOOK ? "order-book" : required.folder();
        throw new UserError(
            "no "
                + what
                + " files (*.parquet) in "
                + SegmentFiles.channelDir(rawRoot, source, required));
      }
    } catch (IOException e) {
      throw new UserError("cannot list " + rawRoot + ": " + e.getMessage());
    }
  }

  static void checkLegacyInput(String input) {
    String pattern = ReadLegacyNdjson.filepattern(input);
    try {
      MatchResult files = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
      if (files.status() != MatchResult.Status.OK || files.metadata().isEmpty()) {
        throw new UserError("no legacy NDJSON files match " + pattern);
      }
    } catch (IOException e) {
      throw new UserError("cannot list " + pattern + ": " + e.getMessage());
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
      if (t instanceof io.microstructure.io.UnreadableFileException) {
        return t.getMessage();
      }
      t = t.getCause();
    }
    return message;
  }
}
