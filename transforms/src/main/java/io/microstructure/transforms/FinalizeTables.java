package io.microstructure.transforms;

import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.io.WrittenFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The commit of a run's writes: staged files move into their partition folders and, in every
 * partition the run wrote, files it did not write are deleted, so a re-run replaces its partitions
 * (partitions it does not touch stay). The staging folder of the run goes last.
 *
 * <p>A partition written by one writer gets one file, {@code part-00000-of-00001.parquet}; several
 * staged files of a partition are numbered by the time of their first row. The same protocol as
 * Beam's WriteFiles (write to temporary files, then rename), with the numbering done once per
 * partition after all its files are known: numbering per bundle of results collided on Spark.
 */
public final class FinalizeTables extends PTransform<PCollection<WrittenFile>, PCollection<Void>> {
  private static final long serialVersionUID = 1L;
  private final String stagingRoot;

  /**
   * @param stagingRoot the run's staging folder, deleted once every partition is in place
   */
  public FinalizeTables(String stagingRoot) {
    this.stagingRoot = stagingRoot;
  }

  @Override
  public PCollection<Void> expand(PCollection<WrittenFile> files) {
    return files
        .apply("GlobalWindow", Window.into(new GlobalWindows()))
        .apply(
            "ByPartition",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(WrittenFile.class)))
                .via((WrittenFile f) -> KV.of(f.partitionDir(), f)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), WrittenFileCoder.of()))
        .apply("GroupByPartition", GroupByKey.create())
        .apply("MoveIntoPlace", ParDo.of(new CommitPartitionFn()))
        // All partitions in one group: the staging folder goes once every one is in place.
        .apply("AllCommitted", WithKeys.of(""))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("WaitForAll", GroupByKey.create())
        .apply("RemoveStaging", ParDo.of(new RemoveStagingFn(stagingRoot)));
  }

  /** Renames one partition's staged files to their final names and deletes stale ones. */
  static final class CommitPartitionFn extends DoFn<KV<String, Iterable<WrittenFile>>, String> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<WrittenFile>> partition, OutputReceiver<String> out)
        throws IOException {
      List<WrittenFile> files = new ArrayList<>();
      partition.getValue().forEach(files::add);
      files.sort(
          Comparator.comparingLong(WrittenFile::firstTime).thenComparing(WrittenFile::tempFile));
      String dir = partition.getKey();
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      Set<String> fresh = new HashSet<>();
      for (int i = 0; i < files.size(); i++) {
        String name = String.format("%s/part-%05d-of-%05d.parquet", dir, i, files.size());
        from.add(FileSystems.matchNewResource(files.get(i).tempFile(), false));
        ResourceId target = FileSystems.matchNewResource(name, false);
        to.add(target);
        fresh.add(target.toString());
      }
      // A retried commit finds its files already moved: missing sources are fine.
      FileSystems.rename(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      List<ResourceId> stale = new ArrayList<>();
      MatchResult match = FileSystems.match(dir + "/*.parquet", EmptyMatchTreatment.ALLOW);
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : match.metadata()) {
          if (!fresh.contains(m.resourceId().toString())) {
            stale.add(m.resourceId());
          }
        }
      }
      if (!stale.isEmpty()) {
        FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
      out.output(dir);
    }
  }

  /** Deletes what is left in the run's staging folder (files of failed attempts). */
  static final class RemoveStagingFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private static final long serialVersionUID = 1L;
    private final String stagingRoot;

    RemoveStagingFn(String stagingRoot) {
      this.stagingRoot = stagingRoot;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> committed) throws IOException {
      MatchResult match = FileSystems.match(stagingRoot + "/**", EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK) {
        return;
      }
      List<ResourceId> left = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        left.add(m.resourceId());
      }
      FileSystems.delete(left, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
