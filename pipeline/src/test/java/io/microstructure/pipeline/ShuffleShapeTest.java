package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every GroupByKey of the job gets on the DirectRunner (and Flink): the global window with
 * the default timestamp combiner. With any other combiner Flink's batch translation concatenates
 * all of a key's values into one record before its shuffle; a whole market then has to fit one
 * record (Flink refused one day of trades with a 1 GB heap: BENCHMARKS.md). Spark's large groups
 * are windowed apart on purpose: ShuffleShapeOnEveryRunnerTest in runners/identity.
 */
class ShuffleShapeTest {
  @TempDir java.nio.file.Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"whole", "1h"})
  void everyGroupByKeyIsInTheGlobalWindowWithTheDefaultTimestampCombiner(String chunk) {
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.setRawRoot(dir.resolve("raw").toString());
    o.setOutputRoot(dir.resolve("out").toString());
    o.setChunk(ChunkSize.parse(chunk));
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);

    List<String> grouped = new ArrayList<>();
    List<String> otherwise = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            check(node);
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            check(node);
          }

          private void check(TransformHierarchy.Node node) {
            // Beam's Reshuffle is a GroupByKey of its own windowing that runners translate apart
            // (Flink: rebalance, Spark: repartition).
            if (!(node.getTransform() instanceof GroupByKey)
                || node.getFullName().contains("/Reshuffle/")) {
              return;
            }
            PCollection<?> in = (PCollection<?>) node.getInputs().values().iterator().next();
            grouped.add(node.getFullName());
            if (!(in.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)
                || in.getWindowingStrategy().getTimestampCombiner()
                    != TimestampCombiner.END_OF_WINDOW) {
              otherwise.add(node.getFullName() + ": " + in.getWindowingStrategy());
            }
          }
        });

    // The replay's grouping, the bars' combines and the writers' groupings at least.
    assertThat(grouped)
        .anyMatch(n -> n.contains(chunk.equals("whole") ? "GroupByMarket" : "GroupByChunk"))
        .anyMatch(n -> n.contains("CombinePerBar"))
        .anyMatch(n -> n.contains("GroupByPartition"));
    assertThat(otherwise).isEmpty();
  }
}
