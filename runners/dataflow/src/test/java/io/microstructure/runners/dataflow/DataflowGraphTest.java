package io.microstructure.runners.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataflowRunner translates the whole pipeline into a Dataflow job graph, built offline: the
 * job is written as a classic template to a local file instead of being submitted, nothing is
 * staged ({@link NoopStager}), no path is validated and no credential fetched. The graph must hold
 * the reads, the one GroupByKey per market, the replay ParDo, the time-bar combines and every
 * write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataflowGraphTest {
  private static final String BUCKET = "gs://microstructure-test";

  private JsonObject job;
  private List<JsonObject> steps;

  @BeforeAll
  void buildTheJobGraphOffline() throws Exception {
    job =
        buildOffline(
            "template",
            m -> {
              m.setRawRoot(BUCKET + "/raw");
              m.setOutputRoot(BUCKET + "/features");
            });
    steps = steps(job);
  }

  /** The job graph of a run with these options, written as a template file in target/. */
  private static JsonObject buildOffline(String name, Consumer<MicrostructureOptions> settings)
      throws Exception {
    // Kept in target/ for a look at the graph the runner built.
    Path template = Path.of("target", "dataflow-graph", name + ".json").toAbsolutePath();
    Files.createDirectories(template.getParent());
    Files.deleteIfExists(template);
    DataflowPipelineOptions o = PipelineOptionsFactory.create().as(DataflowPipelineOptions.class);
    o.setRunner(DataflowRunner.class);
    o.setProject("microstructure-test");
    o.setRegion("europe-west1");
    o.setJobName("microstructure-graph-test");
    // Without an explicit gcpTempLocation the runner looks for a default bucket over the network.
    o.setGcpTempLocation(BUCKET + "/tmp");
    o.setTempLocation(BUCKET + "/tmp");
    o.setStagingLocation(BUCKET + "/staging");
    o.setTemplateLocation(template.toString());
    // One placeholder instead of the whole classpath: the runner hashes every file it would stage.
    Path staged = template.resolveSibling("placeholder.jar");
    Files.write(staged, new byte[] {0});
    o.setFilesToStage(List.of(staged.toString()));
    o.setPathValidatorClass(NoopPathValidator.class);
    o.setCredentialFactoryClass(NoopCredentialFactory.class);
    o.as(DataflowPipelineDebugOptions.class).setStagerClass(NoopStager.class);

    MicrostructureOptions m = o.as(MicrostructureOptions.class);
    settings.accept(m);
    Pipeline p = Pipeline.create(m);
    MicrostructurePipeline.buildPipeline(p, m);
    p.run();

    assertThat(template).isRegularFile();
    return JsonParser.parseString(Files.readString(template, StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  private static List<JsonObject> steps(JsonObject job) {
    List<JsonObject> steps = new ArrayList<>();
    for (JsonElement e : job.getAsJsonArray("steps")) {
      steps.add(e.getAsJsonObject());
    }
    return steps;
  }

  /**
   * An incremental run (its plan worked out from a local raw root when the job is built) records
   * its carries and the segments' state in the same commit as its tables.
   */
  @Test
  void anIncrementalRunCommitsItsStateWithItsTables(@TempDir Path tmp) throws Exception {
    String raw = tmp.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(java.time.Duration.ofMinutes(2))
            .seed(3)
            .exchanges("binance")
            .symbols("BTC/USDT")
            .writeNdjson(false)
            .build(),
        raw);
    List<JsonObject> incremental =
        steps(
            buildOffline(
                "incremental",
                m -> {
                  m.setRawRoot(raw);
                  m.setOutputRoot(tmp.resolve("out").toString());
                  m.setIncremental(true);
                }));
    assertThat(names(incremental, "ParallelDo"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/RecordCarries/WriteCarries"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/TickerCarries"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/ContextCarries"))
        .anyMatch(n -> n.startsWith("Commit/StageStateFiles"))
        .filteredOn(n -> n.contains("MoveIntoPlace"))
        .hasSize(1);
  }

  @Test
  void readsEveryChannelInOneSplittableRead() {
    // One match over the three channels' globs and one read whose outputs are the dead letters
    // and each channel's blocks.
    assertThat(names("ParallelDo")).anyMatch(n -> n.startsWith("Features/ReadChannels/Match/"));
    List<Integer> outputs = new ArrayList<>();
    for (JsonObject s : steps) {
      JsonObject props = s.getAsJsonObject("properties");
      if (props != null
          && props.has("output_info")
          && text(props.get("user_name")).startsWith("Features/ReadChannels/ReadAndDecode/")) {
        outputs.add(props.getAsJsonArray("output_info").size());
      }
    }
    assertThat(outputs).as("outputs of the read's steps").contains(4);
  }

  /** A property's text: a plain string, or Dataflow's {"value": ...} wrapper. */
  private static String text(JsonElement e) {
    if (e == null) {
      return "";
    }
    return e.isJsonObject() ? e.getAsJsonObject().get("value").getAsString() : e.getAsString();
  }

  @Test
  void replaysTheOrderBookInChunksOfEachMarket() {
    // --chunk=auto is 1-hour chunks on Dataflow: books, trades and tickers are grouped per
    // (market, chunk), and the carries come from small side computations: the trade ids grouped
    // by hash, and the kept trades per market for VPIN and the volume bars.
    assertThat(names("GroupByKey"))
        .filteredOn(n -> n.startsWith("Features/Compute/") && !n.contains("/CombinePerBar/"))
        .contains(
            "Features/Compute/Hybrid/Chunked/GroupByChunk/GroupByKey",
            "Features/Compute/Hybrid/Chunked/GroupIdsByHash/GroupByKey",
            "Features/Compute/Hybrid/Chunked/GroupKeptTrades/GroupByKey",
            "Features/Compute/Hybrid/Chunked/DigestsPerChunk/GroupByKey")
        .noneMatch(n -> n.contains("GroupByMarket"));
    assertThat(names("ParallelDo"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/ReplayChunks"));
  }

  @Test
  void combinesTheTimeBarsOfEveryDuration() {
    for (long d : List.of(60L, 300L, 900L, 3600L)) {
      assertThat(names(null))
          .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/TimeBars" + d + "s/CombinePerBar"));
    }
  }

  @Test
  void writesEveryTableAndTheDeadLettersAndCommitsThemOnce() {
    // The replays write the per-event tables (order-book, trades and ticker hf per chunk; volume
    // bars per market) themselves, as they produce their rows; the tables made by combines, and
    // the dead letters, go through a writer of their own (one for the bars of every duration).
    assertThat(names("ParallelDo"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/ReplayChunks"))
        .anyMatch(n -> n.startsWith("Features/Compute/Hybrid/Chunked/VpinAndVolumeBars"));
    List<String> writes = List.of("Write/Write_orderbook_bars", "Write/WriteRejected");
    for (String w : writes) {
      assertThat(names("ParallelDo")).as(w).anyMatch(n -> n.startsWith(w + "/WritePartition"));
    }
    // Every staged file of the run is committed by one step.
    assertThat(names("ParallelDo")).filteredOn(n -> n.contains("MoveIntoPlace")).hasSize(1);
    assertThat(names("ParallelDo")).anyMatch(n -> n.startsWith("Commit/MoveIntoPlace"));
  }

  @Test
  void carriesThePipelineOptions() {
    JsonObject options =
        job.getAsJsonObject("environment")
            .getAsJsonObject("sdkPipelineOptions")
            .getAsJsonObject("options");
    assertThat(options.get("rawRoot").getAsString()).isEqualTo(BUCKET + "/raw");
    assertThat(options.get("outputRoot").getAsString()).isEqualTo(BUCKET + "/features");
    assertThat(options.get("vpinWindow").getAsInt()).isEqualTo(50);
  }

  /** The user-facing step names of the steps of a kind (any kind when null). */
  private List<String> names(String kind) {
    return names(steps, kind);
  }

  private static List<String> names(List<JsonObject> steps, String kind) {
    List<String> names = new ArrayList<>();
    for (JsonObject s : steps) {
      if (kind == null || kind.equals(s.get("kind").getAsString())) {
        JsonObject props = s.getAsJsonObject("properties");
        JsonElement name = props == null ? null : props.get("user_name");
        if (name != null) {
          // {"@type": "http://schema.org/Text", "value": "Features/Compute/Hybrid/Stateful/GroupByMarket"}
          names.add(
              name.isJsonObject()
                  ? name.getAsJsonObject().get("value").getAsString()
                  : name.getAsString());
        }
      }
    }
    return names;
  }
}
