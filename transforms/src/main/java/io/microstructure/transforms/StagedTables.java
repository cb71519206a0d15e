package io.microstructure.transforms;

import io.microstructure.model.FeatureBlock;
import io.microstructure.model.OutputTable;
import io.microstructure.output.PartitionedBlockWriter;
import io.microstructure.output.WrittenFile;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;

/**
 * The per-event tables one replay call writes itself (a market, or a chunk of one): a staged
 * writer per table, opened with the table's first rows, finished into {@link WrittenFile}s for
 * {@link CommitRun} at the end. Times its own writing, apart from the replay.
 */
final class StagedTables implements AutoCloseable {
  private final ReplayTables tables;
  private final Map<OutputTable, Schema> schemas;
  private final EnumMap<OutputTable, PartitionedBlockWriter> writers =
      new EnumMap<>(OutputTable.class);
  private long writeNanos;

  /**
   * @param schemas the tables' schemas, made once per DoFn ({@link ReplayTables#schemas})
   */
  StagedTables(ReplayTables tables, Map<OutputTable, Schema> schemas) {
    this.tables = tables;
    this.schemas = schemas;
  }

  void write(OutputTable table, FeatureBlock block) throws IOException {
    write(table, block, WrittenFile.NO_KEY);
  }

  /** Writes the block into files of this key ({@link PartitionedBlockWriter#write(FeatureBlock, long)}). */
  void write(OutputTable table, FeatureBlock block, long key) throws IOException {
    long start = System.nanoTime();
    PartitionedBlockWriter w = writers.get(table);
    if (w == null) {
      w =
          new PartitionedBlockWriter(
              tables.tableRoot(table),
              tables.stagingDir(table),
              schemas.get(table),
              tables.fileCutMicros());
      writers.put(table, w);
    }
    w.write(block, key);
    writeNanos += System.nanoTime() - start;
  }

  /** Finishes every table's staged files and hands each on with its table. */
  void finish(BiConsumer<OutputTable, WrittenFile> each) throws IOException {
    long start = System.nanoTime();
    for (Map.Entry<OutputTable, PartitionedBlockWriter> e : writers.entrySet()) {
      for (WrittenFile f : e.getValue().finish()) {
        each.accept(e.getKey(), f);
      }
    }
    writers.clear();
    writeNanos += System.nanoTime() - start;
  }

  /** Time spent writing and finishing so far. */
  long writeNanos() {
    return writeNanos;
  }

  /** Abandons whatever was not finished (a failed replay). */
  @Override
  public void close() {
    writers.values().forEach(PartitionedBlockWriter::close);
  }
}
