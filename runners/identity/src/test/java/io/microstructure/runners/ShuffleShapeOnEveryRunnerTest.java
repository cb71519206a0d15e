package io.microstructure.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the replay's large groups are windowed on each runner (the job is built, not run). On
 * Spark they group in one window over all time, so that its translation streams a key's values
 * (Beam 2.62 holds a global-window key's values as one list and caches them); on Flink they stay
 * in the global window, which its batch translation groups without concatenating a key's values.
 * Either way the replays themselves read the global window.
 */
class ShuffleShapeOnEveryRunnerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"spark, 1h", "spark, whole", "flink, 1h", "flink, whole"})
  void largeGroupsAreStreamedOnSparkAndGlobalElsewhere(String runner, String chunk) {
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    Class<? extends PipelineRunner<?>> r =
        runner.equals("spark") ? SparkRunner.class : FlinkRunner.class;
    o.setRunner(r);
    o.setRawRoot(dir.resolve("raw").toString());
    o.setOutputRoot(dir.resolve("out").toString());
    o.setChunk(ChunkSize.parse(chunk));
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);

    List<String> allTime = new ArrayList<>();
    List<String> global = new ArrayList<>();
    List<String> otherwise = new ArrayList<>();
    List<String> replaysOutsideGlobal = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            String name = node.getFullName();
            if (node.getInputs().isEmpty()) {
              return;
            }
            PCollection<?> in = (PCollection<?>) node.getInputs().values().iterator().next();
            var windowing = in.getWindowingStrategy();
            if (node.getTransform() instanceof ParDo.MultiOutput<?, ?>
                && (name.contains("/ReplayChunks/") || name.contains("/SortAndReplay/"))
                && !(windowing.getWindowFn() instanceof GlobalWindows)) {
              replaysOutsideGlobal.add(name);
            }
            if (!(node.getTransform() instanceof GroupByKey) || name.contains("/Reshuffle/")) {
              return;
            }
            if (windowing.getTimestampCombiner() != TimestampCombiner.END_OF_WINDOW) {
              otherwise.add(name + ": " + windowing);
            } else if (windowing.getWindowFn() instanceof GlobalWindows) {
              global.add(name);
            } else if (windowing.getWindowFn().getClass().getSimpleName().equals("AllTime")) {
              allTime.add(name);
            } else {
              otherwise.add(name + ": " + windowing);
            }
          }
        });

    List<String> large =
        chunk.equals("whole")
            ? List.of("/GroupByMarket/")
            : List.of("/GroupByChunk/", "/GroupKeptTrades/", "/GroupIdsByHash/", "/DigestsPerChunk/");
    List<String> streamed = runner.equals("spark") ? allTime : global;
    for (String g : large) {
      assertThat(streamed).as(g).anyMatch(n -> n.contains(g));
    }
    if (runner.equals("flink")) {
      assertThat(allTime).isEmpty();
    } else {
      assertThat(allTime).allMatch(n -> large.stream().anyMatch(n::contains));
    }
    assertThat(global).anyMatch(n -> n.contains("GroupByPartition"));
    assertThat(otherwise).isEmpty();
    assertThat(replaysOutsideGlobal).isEmpty();
  }
}
