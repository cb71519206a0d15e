package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.io.BeamInputFile;
import io.microstructure.io.ParquetRecords;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.OrderBookSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * Test harness: decodes an order-book file with the record path ({@link AvroRowGroupReader} +
 * {@link OrderBookDecoder}) and with {@link ColumnarOrderBookReader}, restriction by restriction as
 * {@link ReadParquetRowsFn} does (a fresh open per row group, skipping the ones before), and
 * renders every snapshot field and every rejection's row, column and reason for comparison.
 */
public final class ColumnarParity {
  private ColumnarParity() {}

  /** What one reader made of a file. */
  public static final class Outcome {
    public final List<String> snapshots = new ArrayList<>();
    public final List<String> rejections = new ArrayList<>();

    /** The rejected rows' record texts, in order. */
    public final List<String> records = new ArrayList<>();

    public int rowGroups;
    public long rows;

    @Override
    public String toString() {
      return rows + " rows, " + snapshots.size() + " snapshots, " + rejections.size() + " rejected";
    }
  }

  /** Every field of a snapshot; doubles by Double.toString, which tells every value apart. */
  public static String render(OrderBookSnapshot s) {
    return s.exchange()
        + "|"
        + s.symbol()
        + "|"
        + s.captureTs()
        + "|"
        + s.seq()
        + "|"
        + s.fileKey()
        + "|"
        + s.row()
        + "|"
        + java.util.Arrays.toString(s.bidPrice())
        + java.util.Arrays.toString(s.bidAmount())
        + java.util.Arrays.toString(s.askPrice())
        + java.util.Arrays.toString(s.askAmount());
  }

  public static String render(long row, String column, String reason) {
    return row + "|" + column + "|" + reason;
  }

  public static Outcome avro(Path file, CaptureTsUnit unit) throws IOException {
    OrderBookDecoder decoder = new OrderBookDecoder(unit, CaptureTsRange.defaults());
    return read(
        file,
        (name, reader) ->
            AvroRowGroupReader.of(name, reader, ParquetRecords.readConfiguration(), decoder));
  }

  public static Outcome columnar(Path file, CaptureTsUnit unit) throws IOException {
    return read(
        file,
        (name, reader) ->
            ColumnarOrderBookReader.of(name, reader, unit, CaptureTsRange.defaults()));
  }

  /** Asserts that both readers agree on every snapshot and rejection; returns the outcome. */
  public static Outcome assertParity(Path file, CaptureTsUnit unit) throws IOException {
    Outcome a = avro(file, unit);
    Outcome c = columnar(file, unit);
    assertThat(c.rows).as("rows of %s", file).isEqualTo(a.rows);
    assertThat(c.snapshots).as("snapshots of %s", file).containsExactlyElementsOf(a.snapshots);
    assertThat(c.rejections).as("rejections of %s", file).containsExactlyElementsOf(a.rejections);
    return c;
  }

  public static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(
        new BeamInputFile(file.toString(), FileChannel.open(file, StandardOpenOption.READ)),
        HadoopReadOptions.builder(ParquetRecords.readConfiguration()).build());
  }

  private static Outcome read(
      Path file, BiFunction<String, ParquetFileReader, RowGroupReader<OrderBookSnapshot>> bind)
      throws IOException {
    Outcome out = new Outcome();
    String name = file.toString();
    int groups;
    try (ParquetFileReader reader = open(file)) {
      groups = reader.getRowGroups().size();
    }
    out.rowGroups = groups;
    long firstRow = 0;
    RowSink<OrderBookSnapshot> sink =
        new RowSink<>() {
          @Override
          public void accept(OrderBookSnapshot value) {
            out.snapshots.add(render(value));
          }

          @Override
          public void reject(long row, String column, String reason, String record) {
            out.rejections.add(render(row, column, reason));
            out.records.add(record);
          }
        };
    for (int g = 0; g < groups; g++) {
      try (ParquetFileReader reader = open(file)) {
        RowGroupReader<OrderBookSnapshot> rows = bind.apply(name, reader);
        for (int i = 0; i < g; i++) {
          rows.skipRowGroup();
        }
        long n = rows.readRowGroup(firstRow, sink);
        firstRow += n;
      }
    }
    out.rows = firstRow;
    return out;
  }
}
