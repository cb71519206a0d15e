package io.microstructure.transforms;

import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.OutputTable;
import io.microstructure.model.RejectedRow;
import io.microstructure.output.TableRows;
import io.microstructure.output.WrittenFile;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link MicrostructureFeatures}: each table of the run by its {@link OutputTable}
 * name, in the fast internal form ({@link #blocks} of a per-event table, {@link #bars} of one
 * duration, {@link #rejected}) or as schema-aware {@link Row}s ({@link #rows}) that {@code
 * Select}, {@code SqlTransform} or {@code BigQueryIO} take. Its Avro {@link #schema} is what
 * {@link WriteFeatureTables} writes.
 *
 * <p>Tables the replay wrote itself ({@link MicrostructureFeatures#writingPerEventTablesTo}) are
 * there only as their staged files ({@link #stagedByReplay}).
 */
public final class FeatureTables implements PInput, POutput {
  private final Pipeline pipeline;
  private final Map<OutputTable, Schema> schemas;
  private final Map<OutputTable, PCollection<FeatureBlock>> blocks;
  private final Map<Long, PCollection<FeatureRow>> bars;
  private final PCollection<RejectedRow> rejected;
  private final PCollection<WrittenFile> stagedByReplay;
  private final Set<OutputTable> writtenByReplay;
  private final Map<OutputTable, PCollection<Row>> rows = new EnumMap<>(OutputTable.class);

  private FeatureTables(Builder b) {
    this.pipeline = b.pipeline;
    this.schemas = b.schemas;
    this.blocks = b.blocks;
    this.bars = b.bars;
    this.rejected = b.rejected;
    this.writtenByReplay = b.writtenByReplay;
    this.stagedByReplay =
        b.stagedByReplay != null
            ? b.stagedByReplay
            : pipeline.apply("NothingStagedByReplay", Create.empty(WrittenFileCoder.of()));
  }

  static Builder builder(Pipeline pipeline, PCollection<RejectedRow> rejected) {
    return new Builder(pipeline, rejected);
  }

  /** The tables this run produces (written by the replay or not), with the dead letters. */
  public Set<OutputTable> tables() {
    EnumSet<OutputTable> all = EnumSet.of(OutputTable.REJECTED);
    all.addAll(schemas.keySet());
    return all;
  }

  /** The Avro schema of a table, as written. */
  public Schema schema(OutputTable table) {
    Schema s = schemas.get(table);
    if (s == null) {
      throw absent(table);
    }
    return s;
  }

  /** The rows of a per-event table, a block per market and stretch of rows. */
  public PCollection<FeatureBlock> blocks(OutputTable table) {
    if (writtenByReplay.contains(table)) {
      throw new IllegalStateException(
          table.tableName()
              + " is written by the replay itself (writingPerEventTablesTo): only its staged files"
              + " are in the pipeline");
    }
    PCollection<FeatureBlock> b = blocks.get(table);
    if (b == null) {
      throw absent(table);
    }
    return b;
  }

  /** The time bars of one duration. */
  public PCollection<FeatureRow> bars(long durationSeconds) {
    PCollection<FeatureRow> b = bars.get(durationSeconds);
    if (b == null) {
      throw new IllegalArgumentException(
          "no time bars of " + durationSeconds + " s (durations: " + bars.keySet() + ")");
    }
    return b;
  }

  /** The bar durations, in seconds. */
  public Set<Long> barDurations() {
    return bars.keySet();
  }

  /** The dead letters of every channel read. */
  public PCollection<RejectedRow> rejected() {
    return rejected;
  }

  /** Staged files of the tables the replay wrote itself; empty unless it was asked to. */
  public PCollection<WrittenFile> stagedByReplay() {
    return stagedByReplay;
  }

  /** The tables the replay wrote itself. */
  public Set<OutputTable> writtenByReplay() {
    return writtenByReplay;
  }

  /**
   * A table as schema-aware rows, the columns a Hive-partitioned reader of the written table sees
   * ({@link TableRows}). The conversion is applied once per table, as step {@code Rows_<table>}.
   */
  public PCollection<Row> rows(OutputTable table) {
    return rows.computeIfAbsent(table, this::toRows);
  }

  private PCollection<Row> toRows(OutputTable table) {
    String step = "Rows_" + table.tableName();
    if (table == OutputTable.REJECTED) {
      org.apache.beam.sdk.schemas.Schema schema = TableRows.rejectedSchema();
      return rejected
          .apply(step, ParDo.of(new RejectedToRows(schema)))
          .setRowSchema(schema);
    }
    if (table == OutputTable.ORDERBOOK_BARS) {
      TableRows convert = TableRows.bars(schema(table));
      PCollectionList<FeatureRow> all = PCollectionList.empty(pipeline);
      for (PCollection<FeatureRow> b : bars.values()) {
        all = all.and(b);
      }
      return all.apply(step + "_all", Flatten.pCollections())
          .apply(step, ParDo.of(new BarsToRows(convert)))
          .setRowSchema(convert.schema());
    }
    TableRows convert = TableRows.of(schema(table));
    return blocks(table)
        .apply(step, ParDo.of(new BlocksToRows(convert)))
        .setRowSchema(convert.schema());
  }

  private static IllegalArgumentException absent(OutputTable table) {
    return new IllegalArgumentException(
        table.tableName() + " is not produced: its channel was not asked for (withChannels)");
  }

  /** Applies a transform to these tables, e.g. {@link WriteFeatureTables}. */
  public <T extends POutput> T apply(String name, PTransform<? super FeatureTables, T> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> out = new LinkedHashMap<>();
    blocks.forEach((t, b) -> out.put(new TupleTag<>(t.tableName()), b));
    bars.forEach((d, b) -> out.put(new TupleTag<>("orderbook_bars_" + d + "s"), b));
    out.put(new TupleTag<>(OutputTable.REJECTED.tableName()), rejected);
    out.put(new TupleTag<>("staged_by_replay"), stagedByReplay);
    return out;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}

  /** Collects the tables as {@link MicrostructureFeatures} produces them. */
  static final class Builder {
    private final Pipeline pipeline;
    private final PCollection<RejectedRow> rejected;
    private final Map<OutputTable, Schema> schemas = new EnumMap<>(OutputTable.class);
    private final Map<OutputTable, PCollection<FeatureBlock>> blocks =
        new EnumMap<>(OutputTable.class);
    private final Map<Long, PCollection<FeatureRow>> bars = new LinkedHashMap<>();
    private final Set<OutputTable> writtenByReplay = EnumSet.noneOf(OutputTable.class);
    private PCollection<WrittenFile> stagedByReplay;

    private Builder(Pipeline pipeline, PCollection<RejectedRow> rejected) {
      this.pipeline = pipeline;
      this.rejected = rejected;
      schemas.put(OutputTable.REJECTED, io.microstructure.output.OutputSchemas.rejected());
    }

    Builder blocks(OutputTable table, Schema schema, PCollection<FeatureBlock> rows) {
      schemas.put(table, schema);
      blocks.put(table, rows);
      return this;
    }

    Builder writtenByReplay(OutputTable table, Schema schema) {
      schemas.put(table, schema);
      writtenByReplay.add(table);
      return this;
    }

    Builder bars(Schema schema, long durationSeconds, PCollection<FeatureRow> rows) {
      schemas.put(OutputTable.ORDERBOOK_BARS, schema);
      bars.put(durationSeconds, rows);
      return this;
    }

    Builder stagedByReplay(PCollection<WrittenFile> files) {
      this.stagedByReplay = files;
      return this;
    }

    FeatureTables build() {
      return new FeatureTables(this);
    }
  }

  private static final class BlocksToRows extends DoFn<FeatureBlock, Row> {
    private static final long serialVersionUID = 1L;
    private final TableRows convert;

    BlocksToRows(TableRows convert) {
      this.convert = convert;
    }

    @ProcessElement
    public void process(@Element FeatureBlock block, OutputReceiver<Row> out) {
      for (int i = 0; i < block.size(); i++) {
        out.output(convert.row(block.row(i)));
      }
    }
  }

  private static final class BarsToRows extends DoFn<FeatureRow, Row> {
    private static final long serialVersionUID = 1L;
    private final TableRows convert;

    BarsToRows(TableRows convert) {
      this.convert = convert;
    }

    @ProcessElement
    public void process(@Element FeatureRow bar, OutputReceiver<Row> out) {
      out.output(convert.row(bar));
    }
  }

  private static final class RejectedToRows extends DoFn<RejectedRow, Row> {
    private static final long serialVersionUID = 1L;
    private final org.apache.beam.sdk.schemas.Schema schema;

    RejectedToRows(org.apache.beam.sdk.schemas.Schema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element RejectedRow r, OutputReceiver<Row> out) {
      out.output(TableRows.rejected(r, schema));
    }
  }
}
