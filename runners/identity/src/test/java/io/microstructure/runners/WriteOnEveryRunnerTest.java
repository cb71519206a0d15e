package io.microstructure.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.io.ParquetFooters;
import io.microstructure.model.FeatureRow;
import io.microstructure.output.FeatureRecords;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.RunLog;
import io.microstructure.transforms.CommitRun;
import io.microstructure.transforms.WriteParquetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table whose partitions' rows arrive in several bundles is written whole on every runner: each
 * row lands in exactly one file, none is overwritten. (Spark translates Reshuffle into a random
 * repartition, so FileIO's finalization sees a partition's files in separate lists; with
 * runner-determined sharding two of them were named {@code part-00000-of-00001} and one replaced
 * the other.)
 */
class WriteOnEveryRunnerTest {
  private static final int EXCHANGES = 2;
  private static final int SYMBOLS = 4;
  private static final int ROWS_PER_PARTITION = 60;

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner", "SparkRunner"})
  void everyRowIsWrittenExactlyOnce(String runner, @TempDir Path dir) throws Exception {
    Schema schema =
        SchemaBuilder.record("t")
            .fields()
            .name("capture_ts")
            .type(
                org.apache.avro.LogicalTypes.timestampMicros()
                    .addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .optionalDouble("x")
            .endRecord();
    List<FeatureRow> rows = new ArrayList<>();
    long day = 1_767_571_200_000_000L; // 2026-01-05T00:00:00Z in microseconds
    // Interleaved, so that every slice of the input (a bundle, an RDD partition) holds rows of
    // every table partition.
    for (int i = 0; i < ROWS_PER_PARTITION; i++) {
      for (int e = 0; e < EXCHANGES; e++) {
        for (int s = 0; s < SYMBOLS; s++) {
          rows.add(new FeatureRow("ex" + e, "S" + s + "/USDT", day + i * 1000L, new double[] {i}));
        }
      }
    }
    String table = dir.resolve("table").toString();
    String runId = "20260105T000000Z-00000001";
    String staging = new RunLog(dir.toString()).staging(runId);

    Pipeline p = Pipeline.create(options(runner));
    p.apply(Create.of(rows).withCoder(FeatureRowCoder.of()))
        .apply(
            WriteParquetTable.of(
                table,
                schema,
                OutputLayout.hivePartition(),
                new FeatureRecords(schema),
                "t",
                staging))
        .apply(CommitRun.into(dir.toString(), runId));
    p.run().waitUntilFinish();

    Map<String, Long> perPartition = new TreeMap<>();
    MatchResult files = FileSystems.match(table + "/exchange=*/symbol=*/date=*/*.parquet");
    for (MatchResult.Metadata m : files.metadata()) {
      String path = m.resourceId().toString();
      String partition = path.substring(table.length() + 1, path.lastIndexOf('/'));
      perPartition.merge(partition, ParquetFooters.rowCount(m.resourceId()), Long::sum);
    }
    assertThat(perPartition).hasSize(EXCHANGES * SYMBOLS);
    assertThat(perPartition.values()).as(runner).allMatch(n -> n == ROWS_PER_PARTITION);
  }

  private static PipelineOptions options(String runner) {
    switch (runner) {
      case "FlinkRunner":
        FlinkPipelineOptions flink = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
        flink.setRunner(FlinkRunner.class);
        flink.setFlinkMaster("[local]");
        flink.setParallelism(2);
        return flink;
      case "SparkRunner":
        SparkPipelineOptions spark = PipelineOptionsFactory.create().as(SparkPipelineOptions.class);
        spark.setRunner(SparkRunner.class);
        spark.setSparkMaster("local[2]");
        // Small source splits: several RDD partitions, each with rows of every table partition.
        spark.setBundleSize(2048L);
        return spark;
      default:
        PipelineOptions direct = PipelineOptionsFactory.create();
        direct.setRunner(DirectRunner.class);
        return direct;
    }
  }
}
