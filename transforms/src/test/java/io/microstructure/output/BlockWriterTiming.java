package io.microstructure.output;

import io.microstructure.io.ChannelOutputFile;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.FeatureRow;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Not a test: writes rows of the orderbook_hf table (1,000,000 by default) in 4,096-row blocks to
 * local files with (a) the record path, FeatureRecords + ParquetTableSink with WriteParquetTable's
 * 16 MiB row groups, and (b) {@link ParquetBlockWriter}, alternating a, b, a, b in this JVM, and
 * prints each run's wall and thread CPU time and the ratio. Making the blocks (and, for a, their
 * FeatureRows, which the pipeline hands the sink ready-made) is not timed.
 *
 * <pre>
 * mvn -q -pl transforms -am test-compile
 * mvn -q -pl transforms dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *   -Dmdep.includeScope=test
 * java -Xmx2g -cp transforms/target/test-classes:transforms/target/classes:\
 * schemas/target/classes:$(cat /tmp/cp.txt) io.microstructure.output.BlockWriterTiming [DIR [ROWS [RUNS]]]
 * </pre>
 */
public final class BlockWriterTiming {
  private static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;
  private static final int BLOCK_ROWS = 4096;

  private BlockWriterTiming() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "/tmp/block-writer-timing");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Files.createDirectories(dir);
    Schema schema = OutputSchemas.resource("orderbook_hf");
    double[] seconds = new double[2];
    for (int run = 1; run <= runs; run++) {
      for (int path = 0; path < 2; path++) {
        Path file = dir.resolve(path == 0 ? "records.parquet" : "blocks.parquet");
        Files.deleteIfExists(file); // not timed: truncating the last run's file at open
        Timer timer = new Timer();
        if (path == 0) {
          writeRecords(file, schema, rows, timer);
        } else {
          writeBlocks(file, schema, rows, timer);
        }
        seconds[path] = timer.wallNanos / 1e9;
        System.out.printf(
            Locale.ROOT,
            "run %d %-7s %,d rows: wall %.2f s, thread CPU %.2f s, %.1f MB%n",
            run,
            path == 0 ? "records" : "blocks",
            rows,
            seconds[path],
            timer.cpuNanos / 1e9,
            Files.size(file) / 1e6);
      }
      System.out.printf(
          Locale.ROOT, "run %d records/blocks = %.2f%n", run, seconds[0] / seconds[1]);
    }
  }

  private static void writeRecords(Path file, Schema schema, int rows, Timer timer)
      throws IOException {
    Values values = new Values(schema);
    FeatureRecords toRecord = new FeatureRecords(schema);
    ParquetTableSink sink = new ParquetTableSink(schema, ROW_GROUP_BYTES);
    timer.start();
    sink.open(BlockTables.create(file));
    timer.stop();
    for (int done = 0; done < rows; done += BLOCK_ROWS) {
      FeatureBlock block = values.next(Math.min(BLOCK_ROWS, rows - done));
      List<FeatureRow> featureRows = new ArrayList<>(block.size());
      for (int r = 0; r < block.size(); r++) {
        featureRows.add(block.row(r));
      }
      timer.start();
      for (FeatureRow row : featureRows) {
        GenericRecord record = toRecord.apply(row);
        sink.write(record);
      }
      timer.stop();
    }
    timer.start();
    sink.flush();
    timer.stop();
  }

  private static void writeBlocks(Path file, Schema schema, int rows, Timer timer)
      throws IOException {
    Values values = new Values(schema);
    timer.start();
    ParquetBlockWriter writer =
        ParquetBlockWriter.open(
            new ChannelOutputFile(BlockTables.create(file), file.toString()),
            schema,
            ROW_GROUP_BYTES);
    timer.stop();
    for (int done = 0; done < rows; done += BLOCK_ROWS) {
      FeatureBlock block = values.next(Math.min(BLOCK_ROWS, rows - done));
      timer.start();
      writer.write(block);
      timer.stop();
    }
    timer.start();
    writer.close();
    timer.stop();
  }

  /** Wall and thread CPU time of the timed sections. */
  private static final class Timer {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long wallNanos;
    private long cpuNanos;
    private long wallStart;
    private long cpuStart;

    void start() {
      wallStart = System.nanoTime();
      cpuStart = threads.getCurrentThreadCpuTime();
    }

    void stop() {
      wallNanos += System.nanoTime() - wallStart;
      cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
    }
  }

  /** What a column of orderbook_hf holds, guessed from its name and type. */
  private enum Shape {
    PRICE,
    SPREAD,
    SPREAD_BPS,
    SIZE,
    RATIO,
    SMALL,
    MILLIS,
    COUNT,
    FLAG,
    CODE
  }

  /**
   * orderbook_hf-like rows, the same sequence for both paths: prices on a cent grid around a random
   * walk near 100, sizes, ratios in [-1, 1], small returns and flows, integer counts, a rare flag,
   * the enum column; about 0.1 % nulls, 5 % in forward returns and Kyle's lambda.
   */
  private static final class Values {
    private final SplittableRandom random = new SplittableRandom(42);
    private final Shape[] shapes;
    private final double[] nullShare;
    private final FeatureBlock block;
    private double mid = 100;
    private long time = 1_767_225_600_000_000L;

    Values(Schema schema) {
      List<Schema.Field> fields = schema.getFields().subList(1, schema.getFields().size());
      shapes = new Shape[fields.size()];
      nullShare = new double[fields.size()];
      for (int c = 0; c < fields.size(); c++) {
        Schema.Field f = fields.get(c);
        shapes[c] = shape(f);
        boolean rarelyKnown = f.name().startsWith("fwd_return") || f.name().startsWith("kyle");
        nullShare[c] = rarelyKnown ? 0.05 : 0.001;
      }
      block = new FeatureBlock(fields.size(), 0, BLOCK_ROWS);
    }

    FeatureBlock next(int rows) {
      block.clear("binance", "BTC/USDT");
      for (int r = 0; r < rows; r++) {
        time += 1 + random.nextInt(200_000);
        mid = Math.max(1, mid + random.nextGaussian() * 0.02);
        int i = block.addRow(time);
        double spread = 0.01 * (1 + random.nextInt(3));
        for (int c = 0; c < shapes.length; c++) {
          block.values(c)[i] =
              random.nextDouble() < nullShare[c] ? Double.NaN : value(shapes[c], spread);
        }
      }
      return block;
    }

    private double value(Shape shape, double spread) {
      switch (shape) {
        case PRICE:
          return Math.round((mid + random.nextGaussian() * spread) * 100) / 100.0;
        case SPREAD:
          return spread;
        case SPREAD_BPS:
          return spread / mid * 1e4;
        case SIZE:
          return Math.round(-Math.log(1 - random.nextDouble()) * 5e4) / 1e4;
        case RATIO:
          return random.nextDouble(-1, 1);
        case SMALL:
          return random.nextGaussian() * 1e-3;
        case MILLIS:
          return random.nextInt(1, 500);
        case COUNT:
          return random.nextInt(0, 50);
        case FLAG:
          return random.nextInt(1000) == 0 ? 1 : 0;
        case CODE:
          return random.nextInt(3);
        default:
          throw new IllegalArgumentException(shape.name());
      }
    }

    private static Shape shape(Schema.Field f) {
      String name = f.name();
      Schema.Type type = f.schema().getTypes().get(1).getType();
      if (f.getObjectProp(OutputSchemas.ENUM_SYMBOLS) != null) {
        return Shape.CODE;
      } else if (type == Schema.Type.BOOLEAN) {
        return Shape.FLAG;
      } else if (type != Schema.Type.DOUBLE) {
        return Shape.COUNT;
      } else if (name.equals("spread")) {
        return Shape.SPREAD;
      } else if (name.equals("spread_bps")) {
        return Shape.SPREAD_BPS;
      } else if (name.equals("time_delta_ms")) {
        return Shape.MILLIS;
      } else if (name.startsWith("best_b") && !name.endsWith("size")
          || name.startsWith("best_a") && !name.endsWith("size")
          || name.equals("mid_price")
          || name.equals("microprice")
          || name.contains("vwap")) {
        return Shape.PRICE;
      } else if (name.contains("size") || name.contains("depth") || name.contains("volume")) {
        return Shape.SIZE;
      } else if (name.contains("imbalance")
          || name.startsWith("tfi")
          || name.equals("vpin")
          || name.equals("spread_percentile")) {
        return Shape.RATIO;
      }
      return Shape.SMALL;
    }
  }
}
