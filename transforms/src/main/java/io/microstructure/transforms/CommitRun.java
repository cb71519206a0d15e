package io.microstructure.transforms;

import io.microstructure.engine.CarriesFile;
import io.microstructure.io.LocalPaths;
import io.microstructure.io.PausePoints;
import io.microstructure.io.SegmentFiles;
import io.microstructure.io.TextFiles;
import io.microstructure.model.MarketKey;
import io.microstructure.output.FileKeys;
import io.microstructure.output.PartitionCollisionException;
import io.microstructure.output.PartitionCommit;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import io.microstructure.output.WrittenFile;
import io.microstructure.coders.WrittenFileCoder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The commit of a run's writes into the output root, in three steps that leave a trace in the
 * run's record ({@link RunRecord}, {@code _runs/<run-id>.json}):
 *
 * <ol>
 *   <li><b>Plan</b>, once all files are staged: refuse two markets sharing a partition folder
 *       ({@link PartitionCollisionException}, before anything changes), name every file (a
 *       partition's files are {@code part-<i>-of-<n>.parquet} in the order of their first rows)
 *       and write the list into the record with status {@code committing}.
 *   <li><b>Move</b>, per partition and in parallel: rename the staged files into place and delete
 *       every other Parquet file of the folder ({@link PartitionCommit}). Partitions the run does
 *       not write stay as they are.
 *   <li><b>Complete</b>, once every partition is in place: delete the run's staging folder, mark
 *       the record {@code complete}.
 * </ol>
 *
 * A commit interrupted in step 2 leaves a {@code committing} record that lists everything needed
 * to finish it; the next run does (see {@code RunRecovery}). Each step is idempotent, so runner
 * retries are safe. Same protocol as Beam's WriteFiles (stage, then rename), with the numbering
 * done once per partition after all its files are known (numbering per bundle collided on Spark).
 */
public final class CommitRun extends PTransform<PCollection<WrittenFile>, PCollection<Void>> {
  private static final long serialVersionUID = 1L;

  private final String outputRoot;
  private final String runId;
  private final List<String> alsoReplaced;
  private final Map<String, String> parameters;
  private final Incremental incremental;

  private CommitRun(
      String outputRoot,
      String runId,
      List<String> alsoReplaced,
      Map<String, String> parameters,
      Incremental incremental) {
    this.outputRoot = SegmentFiles.stripSlash(outputRoot);
    this.runId = runId;
    this.alsoReplaced = List.copyOf(alsoReplaced);
    this.parameters = new LinkedHashMap<>(parameters);
    this.incremental = incremental;
  }

  /** Commits into {@code outputRoot} the files staged under {@code _temporary/<runId>/}. */
  public static CommitRun into(String outputRoot, String runId) {
    return new CommitRun(outputRoot, runId, List.of(), Map.of(), null);
  }

  /**
   * How an incremental run commits ({@link FileKeys}): files named by their key; from its resume
   * point on ({@code fromMicros}; {@code Long.MIN_VALUE} for a first run, which replaces whole
   * folders) the files of every folder of {@code tableRoots} are replaced, those keyed earlier
   * kept. Dead letters are added, keyed by the run's own time ({@code runKeyMicros}), since a
   * resumed run reads only the dead letters of segments no run read before. The run's record gets
   * {@code record} (with the points its carries file lists) and {@code inputs}. {@code
   * stateFiles} (path under the root to text) are staged and moved into place with the tables.
   */
  public record Incremental(
      long fromMicros,
      long runKeyMicros,
      List<String> tableRoots,
      RunRecord.Incremental record,
      List<RunRecord.Input> inputs,
      Map<String, String> stateFiles)
      implements java.io.Serializable {
    boolean fromScratch() {
      return fromMicros == Long.MIN_VALUE;
    }
  }

  /** An incremental run's commit (see {@link Incremental}). */
  public CommitRun incremental(Incremental incremental) {
    return new CommitRun(outputRoot, runId, alsoReplaced, parameters, incremental);
  }

  /**
   * Partition folders (under the output root) the run replaces even when it writes no file there:
   * they are emptied. The dead letters of every channel the run reads, so that a clean re-run
   * leaves none of an earlier run's.
   */
  public CommitRun replacingAlso(List<String> folders) {
    return new CommitRun(outputRoot, runId, folders, parameters, incremental);
  }

  /** Parameters to record when the launcher has not written the run's record itself. */
  public CommitRun withParameters(Map<String, String> parameters) {
    return new CommitRun(outputRoot, runId, alsoReplaced, parameters, incremental);
  }

  @Override
  public PCollection<Void> expand(PCollection<WrittenFile> input) {
    Pipeline pipeline = input.getPipeline();
    PCollection<WrittenFile> files = input;
    if (incremental != null && !incremental.stateFiles().isEmpty()) {
      files =
          PCollectionList.of(input)
              .and(
                  pipeline
                      .apply(
                          "StateFiles",
                          Create.of(incremental.stateFiles())
                              .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
                      .apply("StageStateFiles", ParDo.of(new StageStateFileFn(outputRoot, runId)))
                      .setCoder(WrittenFileCoder.of()))
              .apply("WithStateFiles", Flatten.pCollections());
    }
    PCollectionView<List<WrittenFile>> staged =
        files
            .apply("GlobalWindow", Window.into(new GlobalWindows()))
            .apply("AllStaged", View.asList());
    PCollectionView<List<String>> moved =
        pipeline
            .apply("Plan", Create.of(runId).withCoder(StringUtf8Coder.of()))
            .apply("PlanCommit", ParDo.of(new PlanFn(this, staged)).withSideInputs(staged))
            .setCoder(SerializableCoder.of(RunRecord.Partition.class))
            .apply("SpreadPartitions", Reshuffle.viaRandomKey())
            .apply("MoveIntoPlace", ParDo.of(new MoveFn(outputRoot)))
            .apply("AllMoved", View.asList());
    return pipeline
        .apply("Complete", Create.of(runId).withCoder(StringUtf8Coder.of()))
        .apply("CompleteRun", ParDo.of(new CompleteFn(outputRoot, moved)).withSideInputs(moved));
  }

  /** The state folder of incremental runs, committed like a table's partitions. */
  private static final String STATE = "_state/";

  /** Writes one state file of an incremental run into its staging folder. */
  static final class StageStateFileFn extends DoFn<KV<String, String>, WrittenFile> {
    private static final long serialVersionUID = 1L;
    private final String outputRoot;
    private final String runId;

    StageStateFileFn(String outputRoot, String runId) {
      this.outputRoot = outputRoot;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element KV<String, String> file, OutputReceiver<WrittenFile> out)
        throws IOException {
      RunLog log = new RunLog(outputRoot);
      String relative = file.getKey();
      String staged = log.staging(runId) + "/" + relative;
      TextFiles.write(staged, file.getValue());
      int slash = relative.lastIndexOf('/');
      out.output(
          new WrittenFile(outputRoot, relative.substring(0, slash), staged, 0, 1, List.of()));
    }
  }

  /** Checks, names and records every staged file; emits the partitions to move. */
  static final class PlanFn extends DoFn<String, RunRecord.Partition> {
    private static final long serialVersionUID = 1L;
    private final String outputRoot;
    private final List<String> alsoReplaced;
    private final Map<String, String> parameters;
    private final Incremental incremental;
    private final PCollectionView<List<WrittenFile>> staged;

    PlanFn(CommitRun spec, PCollectionView<List<WrittenFile>> staged) {
      this.outputRoot = spec.outputRoot;
      this.alsoReplaced = spec.alsoReplaced;
      this.parameters = spec.parameters;
      this.incremental = spec.incremental;
      this.staged = staged;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      RunLog log = new RunLog(outputRoot);
      Map<String, List<WrittenFile>> byFolder = new TreeMap<>();
      for (WrittenFile f : c.sideInput(staged)) {
        byFolder.computeIfAbsent(log.relative(f.partitionDir()), k -> new ArrayList<>()).add(f);
      }
      refuseCollisions(byFolder);
      String runId = c.element();
      List<RunRecord.Partition> partitions = new ArrayList<>();
      if (incremental == null) {
        byFolder.forEach((folder, files) -> partitions.add(partition(log, folder, files)));
      } else {
        byFolder.forEach(
            (folder, files) -> partitions.add(keyedPartition(log, runId, folder, files)));
        if (!incremental.fromScratch()) {
          partitions.addAll(staleFolders(log, byFolder.keySet()));
        }
      }
      for (String folder : alsoReplaced) {
        if (!byFolder.containsKey(folder)) {
          partitions.add(new RunRecord.Partition(folder, List.of()));
        }
      }
      RunRecord record = log.read(runId).orElseGet(() -> newRecord(runId));
      if (incremental != null) {
        // Where the next incremental run finds this one's state.
        record.incremental = incremental.record();
        record.incremental.points = carriesPoints(byFolder.get(CarriesFile.FOLDER));
        record.inputs = new ArrayList<>(incremental.inputs());
      }
      record.partitions = partitions;
      record.summarize();
      record.status = RunRecord.Status.COMMITTING;
      log.write(record);
      partitions.forEach(c::output);
    }

    private RunRecord newRecord(String runId) {
      RunRecord r = new RunRecord(runId);
      r.parameters.putAll(parameters);
      return r;
    }

    private static RunRecord.Partition partition(
        RunLog log, String folder, List<WrittenFile> files) {
      files.sort(
          Comparator.comparingLong(WrittenFile::firstTime).thenComparing(WrittenFile::tempFile));
      List<RunRecord.File> named = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        WrittenFile f = files.get(i);
        named.add(
            new RunRecord.File(
                log.relative(f.tempFile()),
                String.format("part-%05d-of-%05d.parquet", i, files.size()),
                f.rows()));
      }
      return new RunRecord.Partition(folder, named);
    }

    /**
     * An incremental run's folder: files named by key, replacing those keyed from its resume point
     * on. Its carries are named after the run; its dead letters are keyed by the run's time.
     */
    private RunRecord.Partition keyedPartition(
        RunLog log, String runId, String folder, List<WrittenFile> files) {
      if (folder.startsWith(STATE)) {
        // The carries file is named after the run; the others keep their names.
        List<RunRecord.File> named = new ArrayList<>();
        for (WrittenFile f : files) {
          String name =
              folder.equals(CarriesFile.FOLDER)
                  ? runId + ".json"
                  : FileSystems.matchNewResource(f.tempFile(), false).getFilename();
          named.add(new RunRecord.File(log.relative(f.tempFile()), name, f.rows()));
        }
        return new RunRecord.Partition(folder, named);
      }
      boolean deadLetters = folder.startsWith("_rejected/");
      files.sort(
          Comparator.comparingLong(WrittenFile::fileKey)
              .thenComparingLong(WrittenFile::firstTime)
              .thenComparing(WrittenFile::tempFile));
      List<RunRecord.File> named = new ArrayList<>();
      long key = 0;
      int n = 0;
      for (int i = 0; i < files.size(); i++) {
        WrittenFile f = files.get(i);
        long k = deadLetters ? incremental.runKeyMicros() : f.fileKey();
        n = i > 0 && k == key ? n + 1 : 0;
        key = k;
        named.add(
            new RunRecord.File(
                log.relative(f.tempFile()), FileKeys.name(k, n, "parquet"), f.rows()));
      }
      String from =
          incremental.fromScratch()
              ? null
              : FileKeys.stamp(deadLetters ? incremental.runKeyMicros() : incremental.fromMicros());
      return new RunRecord.Partition(folder, named, from);
    }

    /** The resume points the run's staged carries file lists. */
    private static List<String> carriesPoints(List<WrittenFile> carries) throws IOException {
      if (carries == null || carries.isEmpty()) {
        return new ArrayList<>();
      }
      String path = carries.get(0).tempFile();
      return new ArrayList<>(CarriesFile.fromJson(TextFiles.read(path), path).points);
    }

    /**
     * Folders of the tables this run writes nothing into that hold files keyed from its resume
     * point on: their rows are recomputed, and none came out (a rewritten segment with fewer).
     */
    private List<RunRecord.Partition> staleFolders(RunLog log, Set<String> written)
        throws IOException {
      String from = FileKeys.stamp(incremental.fromMicros());
      TreeSet<String> stale = new TreeSet<>();
      for (String root : incremental.tableRoots()) {
        MatchResult m =
            FileSystems.match(
                log.absolute(root) + "/**.parquet", EmptyMatchTreatment.ALLOW);
        if (m.status() != MatchResult.Status.OK) {
          continue;
        }
        for (MatchResult.Metadata f : m.metadata()) {
          String folder = log.relative(f.resourceId().getCurrentDirectory().toString());
          folder = SegmentFiles.stripSlash(folder);
          if (FileKeys.keyedFrom(f.resourceId().getFilename(), from) && !written.contains(folder)) {
            stale.add(folder);
          }
        }
      }
      List<RunRecord.Partition> out = new ArrayList<>();
      stale.forEach(folder -> out.add(new RunRecord.Partition(folder, List.of(), from)));
      return out;
    }

    private static void refuseCollisions(Map<String, List<WrittenFile>> byFolder) {
      Map<String, Set<MarketKey>> collisions = new TreeMap<>();
      byFolder.forEach(
          (folder, files) -> {
            Set<MarketKey> markets = new TreeSet<>();
            files.forEach(f -> markets.addAll(f.markets()));
            if (markets.size() > 1) {
              collisions.put(folder, markets);
            }
          });
      if (!collisions.isEmpty()) {
        throw new PartitionCollisionException(collisions);
      }
    }
  }

  /** Moves one partition's files into place. */
  static final class MoveFn extends DoFn<RunRecord.Partition, String> {
    private static final long serialVersionUID = 1L;
    private final String outputRoot;

    MoveFn(String outputRoot) {
      this.outputRoot = outputRoot;
    }

    @ProcessElement
    public void process(@Element RunRecord.Partition partition, OutputReceiver<String> out)
        throws IOException {
      PartitionCommit.apply(new RunLog(outputRoot), partition);
      PausePoints.reach(PausePoints.PARTITION_COMMITTED);
      out.output(partition.dir());
    }
  }

  /** Once every partition is in place: staging goes, the record says complete. */
  static final class CompleteFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final String outputRoot;
    private final PCollectionView<List<String>> moved;

    CompleteFn(String outputRoot, PCollectionView<List<String>> moved) {
      this.outputRoot = outputRoot;
      this.moved = moved;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      c.sideInput(moved); // every partition is in place once this is available
      RunLog log = new RunLog(outputRoot);
      String runId = c.element();
      LocalPaths.deleteTree(log.staging(runId));
      RunRecord record =
          log.read(runId)
              .orElseThrow(() -> new IOException(log.recordPath(runId) + " disappeared"));
      record.status = RunRecord.Status.COMPLETE;
      record.ended = Instant.now().toString();
      log.write(record);
    }
  }
}
