package io.microstructure.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.FeatureParameters;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityReport;
import io.microstructure.parity.TableReport;
import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.pipeline.OutputSummary;
import io.microstructure.pipeline.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pipeline on the same generated market on Flink (embedded local cluster) and Spark
 * ({@code local[2]}) writes every table exactly as the DirectRunner does: same tables, rows and
 * values (ParityCheck, tolerance 1e-9 relative), same dead letters, same counters.
 *
 * <p>Flink and Spark run one after the other in this JVM (surefire's fork): neither binds a fixed
 * port (Flink's local cluster takes a free REST port, Spark's UI is off) and both keep their
 * scratch files under {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerIdentityTest {
  /** Every table of a default run with all channels. */
  static final List<String> TABLES = expectedTables();

  private Path dir;
  private String raw;
  private String direct;
  private Map<String, Long> directCounters;
  private OutputSummary directSummary;

  @BeforeAll
  void generateAndRunOnTheDirectRunner(@TempDir Path tmp) throws Exception {
    dir = tmp;
    raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder().duration(Duration.ofMinutes(4)).seed(11).build(), raw);
    direct = dir.resolve("direct").toString();
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    // Immutability enforcement stays on: a DoFn mutating its input fails here, on every runner's
    // behalf (Flink's --objectReuse=true relies on it). Encodability adds only time.
    o.as(DirectOptions.class).setEnforceEncodability(false);
    directCounters = run(o, direct);
    directSummary = OutputSummary.scan(direct, "ccxt");
    // OutputSummary names tables below the source folder, ParityCheck below the output root.
    assertThat(directSummary.rowsPerTableAndKey().keySet())
        .as("tables of the DirectRunner's run")
        .map(t -> "ccxt/" + t)
        .containsExactlyInAnyOrderElementsOf(TABLES);
  }

  @Test
  void flinkWritesTheDirectRunnersTables() throws Exception {
    FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster("[local]");
    o.setParallelism(2);
    // The README calls these safe (no DoFn mutates its input or an element it has output; the
    // DirectRunner's immutability check above enforces that): run the fast path it recommends.
    o.setObjectReuse(true);
    o.setFasterCopy(true);
    // Markets in 1-minute chunks, on two workers: the same tables as whole markets.
    o.as(MicrostructureOptions.class).setChunk(ChunkSize.parse("1m"));
    assertSameOutput("flink", o);
  }

  @Test
  void sparkWritesTheDirectRunnersTables() throws Exception {
    SparkPipelineOptions o = PipelineOptionsFactory.create().as(SparkPipelineOptions.class);
    o.setRunner(SparkRunner.class);
    o.setSparkMaster("local[2]");
    o.as(MicrostructureOptions.class).setChunk(ChunkSize.parse("1m"));
    assertSameOutput("spark", o);
  }

  /**
   * Spark SQL opens every table as its users do ({@code spark.read.parquet(dir)}, partition
   * discovery on): it decodes the escaped folders to the CCXT symbols, with the rows the footers
   * count per folder, and reads the row time as a UTC timestamp.
   */
  @Test
  void sparkSqlReadsEveryTableWithTheOriginalSymbols() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("read-outputs")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      for (String table : TABLES) {
        Dataset<Row> rows = spark.read().parquet(direct + "/" + table);
        Map<String, Long> seen = new TreeMap<>();
        for (Row r : rows.groupBy("exchange", "symbol").count().collectAsList()) {
          seen.put(r.getString(0) + " " + r.getString(1), r.getLong(2));
        }
        Map<String, Long> footers = new TreeMap<>();
        directSummary
            .rowsPerTableAndKey()
            .get(table.substring("ccxt/".length()))
            .forEach((m, n) -> footers.put(m.exchange() + " " + m.symbol(), n));
        assertThat(seen).as("Spark SQL on %s", table).isEqualTo(footers);
        assertThat(seen.keySet()).anyMatch(k -> k.contains("/"));
        String time = table.contains("bars") ? "bar_start" : "capture_ts";
        assertThat(rows.schema().apply(time).dataType().typeName()).isEqualTo("timestamp");
      }
    } finally {
      spark.stop();
    }
  }

  private void assertSameOutput(String name, PipelineOptions runnerOptions) throws Exception {
    String out = dir.resolve(name).toString();
    Map<String, Long> counters = run(runnerOptions.as(MicrostructureOptions.class), out);

    ParityReport report = ParityCheck.compare(direct, out);
    List<String> compared = new ArrayList<>();
    for (TableReport t : report.tables()) {
      compared.add(t.table());
    }
    assertThat(compared).as("tables compared").containsExactlyInAnyOrderElementsOf(TABLES);
    assertThat(report.identical()).as("%s vs DirectRunner:%n%s", name, printed(report)).isTrue();
    for (TableReport t : report.tables()) {
      assertThat(t.rowsRight()).as("rows of %s", t.table()).isEqualTo(t.rowsLeft()).isPositive();
    }
    OutputSummary summary = OutputSummary.scan(out, "ccxt");
    assertThat(summary.rejectedPerChannel())
        .as("dead letters per channel")
        .isEqualTo(directSummary.rejectedPerChannel())
        .isNotEmpty();
    assertThat(counters).as("counters (what bin/etl run prints)").isEqualTo(directCounters);
  }

  private Map<String, Long> run(MicrostructureOptions options, String out) {
    options.setRawRoot(raw);
    options.setOutputRoot(out);
    Pipeline p = Pipeline.create(options);
    MicrostructurePipeline.buildPipeline(p, options);
    long start = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    System.out.printf(
        "%s: %.1f s%n", options.getRunner().getSimpleName(), (System.nanoTime() - start) / 1e9);
    // Stage timers measure time, not data: every runner reports them, with its own values.
    Map<String, Long> counters = new java.util.TreeMap<>(RunReport.counters(result));
    counters.keySet().removeIf(k -> k.startsWith("stage/"));
    // How many chunks a chunked run replayed; whole markets have none.
    counters.remove("replay/chunks");
    assertThat(counters).isNotEmpty();
    return counters;
  }

  private static String printed(ParityReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> expectedTables() {
    List<String> tables = new ArrayList<>();
    tables.add("ccxt/orderbook/hf");
    long[] durations = FeatureParameters.defaults().barDurationsSeconds();
    assertThat(durations).hasSize(4);
    for (long d : durations) {
      tables.add("ccxt/orderbook/bars/duration=" + d + "s");
    }
    tables.add("ccxt/trades/hf");
    tables.add("ccxt/trades/volume_bars");
    tables.add("ccxt/ticker/hf");
    return List.copyOf(tables);
  }
}
