package io.microstructure.input;

import io.microstructure.io.ParquetRecords;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.OrderBookSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * Not a test: decodes the order-book files of a raw root (e.g. {@code bin/etl generate --out DIR
 * --hours 1}) single-threaded with the record path and with the columnar reader, each twice in this
 * JVM, and prints snapshots per second (the second run of each counts).
 *
 * <pre>
 * java -cp runners/direct/target/classes:$(cat runners/direct/target/classpath.txt):\
 *   pipeline/target/test-classes:transforms/target/test-classes \
 *   io.microstructure.input.ColumnarReadTiming DIR
 * </pre>
 */
public final class ColumnarReadTiming {
  private ColumnarReadTiming() {}

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args.length > 0 ? args[0] : "/tmp/x");
    List<Path> files;
    try (Stream<Path> s = Files.list(root.resolve("ready/ccxt/orderbook"))) {
      files =
          s.filter(f -> f.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf(Locale.ROOT, "%d order-book file(s), %.1f MB%n", files.size(), bytes / 1e6);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<String> readers =
        args.length > 2 ? List.of(args[2].split(",")) : List.of("avro", "columnar");
    for (int run = 1; run <= runs; run++) {
      for (String reader : readers) {
        Counting sink = reader.equals("blocks") ? new Blocks() : new Counting();
        java.lang.management.ThreadMXBean threads =
            java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (Path f : files) {
          read(reader, f, sink);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "run %d %-8s %,d snapshots + %,d rejected: wall %.2f s = %,.0f snapshots/s;"
                + " thread CPU %.2f s = %,.0f snapshots/s (%.2f us each) [checksum %.6f]%n",
            run,
            reader,
            sink.snapshots,
            sink.rejected,
            seconds,
            sink.snapshots / seconds,
            cpuSeconds,
            sink.snapshots / cpuSeconds,
            cpuSeconds * 1e6 / (sink.snapshots + sink.rejected),
            sink.checksum);
      }
    }
  }

  private static void read(String reader, Path file, RowSink<OrderBookSnapshot> sink)
      throws IOException {
    try (ParquetFileReader r = ColumnarParity.open(file)) {
      RowGroupReader<OrderBookSnapshot> groups =
          reader.equals("avro")
              ? AvroRowGroupReader.of(
                  file.toString(),
                  r,
                  ParquetRecords.readConfiguration(),
                  new OrderBookDecoder(CaptureTsUnit.MICROS, CaptureTsRange.defaults()))
              : ColumnarOrderBookReader.of(
                  file.toString(), r, CaptureTsUnit.MICROS, CaptureTsRange.defaults());
      long firstRow = 0;
      for (int g = 0; g < r.getRowGroups().size(); g++) {
        firstRow += groups.readRowGroup(firstRow, sink);
      }
      if (sink instanceof Blocks) {
        ((Blocks) sink).flush();
      }
    }
  }

  /** The pipeline's path: rows straight into per-market book blocks. */
  private static final class Blocks extends Counting {
    private final MarketBlocks<OrderBookSnapshot, io.microstructure.model.BookBlock> blocks =
        new MarketBlocks<>(
            MarketBlocks.BOOKS,
            b -> {
              snapshots += b.size();
              checksum += b.bidPrice(0, 0) * 1e-12;
            });

    @Override
    public void acceptBook(BookRow row) {
      blocks.addBook(row);
    }

    void flush() {
      blocks.flush();
    }
  }

  /** Counts rows and touches every level so nothing is optimised away. */
  private static class Counting implements RowSink<OrderBookSnapshot> {
    long snapshots;
    long rejected;
    double checksum;

    @Override
    public void accept(OrderBookSnapshot s) {
      snapshots++;
      double[] p = s.bidPrice();
      double[] a = s.askAmount();
      for (int i = 0; i < p.length; i++) {
        checksum += p[i] * 1e-12;
      }
      for (int i = 0; i < a.length; i++) {
        checksum += a[i] * 1e-12;
      }
      checksum += (s.captureTs() & 1023) * 1e-9 + s.exchange().length() + s.symbol().length();
    }

    @Override
    public void reject(long row, String column, String reason, String record) {
      rejected++;
    }
  }
}
