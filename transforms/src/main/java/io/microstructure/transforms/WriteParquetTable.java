package io.microstructure.transforms;

import io.microstructure.io.ParquetTableSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes rows as Snappy Parquet into partition folders under a table root, converting each row to a
 * GenericRecord only inside the writer (what crosses FileIO's shuffle is the compact row).
 *
 * <p>A re-run replaces the partitions it writes: once a partition's files are final, files in that
 * folder that this run did not write are deleted. Partitions the run does not touch stay.
 *
 * <p>Each partition is written as exactly one file ({@code part-00000-of-00001.parquet}): the rows
 * of a partition are grouped (one shuffle) and written by one writer. With runner-determined
 * sharding, FileIO numbers a partition's files within each list of results it finalizes, and only
 * runners that gather all results into one list give unique names. Spark translates that gathering
 * Reshuffle into a random repartition, so two lists could each name a file {@code
 * part-00000-of-00001} of the same partition and the second rename replaced the first: rows lost,
 * depending on how bundles fell. Fixed sharding numbers files before they are written.
 */
public final class WriteParquetTable<T> extends PTransform<PCollection<T>, PCollection<String>> {
  private static final long serialVersionUID = 1L;

  /** Small row groups: a writer per open partition buffers one row group in memory. */
  private static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

  private final String tableRoot;
  private final String schemaJson;
  private final SerializableFunction<T, String> partition;
  private final SerializableFunction<T, GenericRecord> toRecord;
  private final String counterNamespace;
  private final String tempDirectory;

  private WriteParquetTable(
      String tableRoot,
      Schema schema,
      SerializableFunction<T, String> partition,
      SerializableFunction<T, GenericRecord> toRecord,
      String counterNamespace,
      String tempDirectory) {
    this.tempDirectory = tempDirectory;
    this.tableRoot =
        tableRoot.endsWith("/") ? tableRoot.substring(0, tableRoot.length() - 1) : tableRoot;
    this.schemaJson = schema.toString();
    this.partition = partition;
    this.toRecord = toRecord;
    this.counterNamespace = counterNamespace;
  }

  /**
   * @param tableRoot folder of the table, e.g. {@code <out>/ccxt/orderbook/hf}
   * @param partition relative partition folder of a row, e.g. {@code exchange=x/symbol=y/date=z}
   * @param counterNamespace namespace of the {@code rows_written} counter (the table's name)
   * @param tempDirectory where files are staged before they are renamed into place; outside the
   *     table so that readers of the table never see it
   */
  public static <T> WriteParquetTable<T> of(
      String tableRoot,
      Schema schema,
      SerializableFunction<T, String> partition,
      SerializableFunction<T, GenericRecord> toRecord,
      String counterNamespace,
      String tempDirectory) {
    return new WriteParquetTable<>(
        tableRoot, schema, partition, toRecord, counterNamespace, tempDirectory);
  }

  /** Returns the paths of the files written. */
  @Override
  public PCollection<String> expand(PCollection<T> rows) {
    Schema schema = new Schema.Parser().parse(schemaJson);
    Counter written = Metrics.counter(counterNamespace, "rows_written");
    StageTimer conversion = new StageTimer("to_records");
    SerializableFunction<T, GenericRecord> convert = toRecord;
    WriteFilesResult<String> result =
        rows
            // Tables are written whole: windowed rows (bars) would get one file set per window,
            // and the stale-file sweep would then see only one window's files as fresh. The
            // timestamp combiner is reset too (rows of the replay inherit EARLIEST): with it,
            // Flink's batch GroupByKey pre-combines a shard's rows into one record, which outgrows
            // Flink's sort buffer; with END_OF_WINDOW it groups them as a stream.
            .apply(
                "GlobalWindow",
                Window.<T>into(new GlobalWindows())
                    .withTimestampCombiner(TimestampCombiner.END_OF_WINDOW))
            .apply(
                "WriteParquet",
                FileIO.<String, T>writeDynamic()
                    .by(partition)
                    .withDestinationCoder(StringUtf8Coder.of())
                    .via(
                        Contextful.fn(
                            (T row) -> {
                              written.inc();
                              long start = System.nanoTime();
                              GenericRecord record = convert.apply(row);
                              conversion.add(start);
                              return record;
                            }),
                        new ParquetTableSink(schema, ROW_GROUP_BYTES))
                    .to(tableRoot)
                    // One file per partition, numbered before finalization (see the class doc).
                    .withNumShards(1)
                    .withTempDirectory(tempDirectory)
                    .withNaming(dir -> FileIO.Write.defaultNaming(dir + "/part", ".parquet")));
    PCollection<KV<String, String>> files = result.getPerDestinationOutputFilenames();
    files
        .apply("GroupByPartition", GroupByKey.create())
        .apply("RemoveStaleFiles", ParDo.of(new RemoveStaleFilesFn(tableRoot)));
    return files.apply("FilePaths", org.apache.beam.sdk.transforms.Values.create());
  }

  /** Deletes files of a freshly written partition that the current run did not produce. */
  static final class RemoveStaleFilesFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private static final long serialVersionUID = 1L;
    private final String tableRoot;

    RemoveStaleFilesFn(String tableRoot) {
      this.tableRoot = tableRoot;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> partition) throws IOException {
      Set<String> fresh = new HashSet<>();
      for (String f : partition.getValue()) {
        fresh.add(FileSystems.matchNewResource(f, false).toString());
      }
      String glob = tableRoot + "/" + partition.getKey() + "/*.parquet";
      MatchResult match = FileSystems.match(glob);
      List<ResourceId> stale = new ArrayList<>();
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
    }
  }
}
