package io.microstructure.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.pipeline.JobOutcome;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@link Error} thrown in a DoFn fails the run on every runner, as the launcher sees it through
 * {@link JobOutcome}: each runner reports a failure its own way (Flink from {@code run()}, Spark
 * and Direct from {@code waitUntilFinish}, wrapped or not), and none may end as a success.
 */
class FailedRunOnEveryRunnerTest {
  /** Throws an Error for every element. */
  static final class ErrorFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i) {
      throw new LinkageError("ErrorFn gave up on element " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner", "SparkRunner"})
  void anErrorInADoFnIsAFailedRunWithItsCause(String runner) {
    Pipeline p = Pipeline.create(options(runner));
    p.apply(Create.of(3)).apply(ParDo.of(new ErrorFn()));

    JobOutcome outcome = JobOutcome.run(p);

    assertThat(outcome.succeeded()).as(runner).isFalse();
    assertThat(outcome.failure()).as(runner).isPresent();
    assertThat(outcome.message())
        .as(runner)
        .startsWith("the pipeline failed")
        .endsWith(": LinkageError: ErrorFn gave up on element 3")
        .doesNotContain("\n");
  }

  private static PipelineOptions options(String runner) {
    switch (runner) {
      case "FlinkRunner":
        FlinkPipelineOptions flink = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
        flink.setRunner(FlinkRunner.class);
        flink.setFlinkMaster("[local]");
        flink.setParallelism(1);
        return flink;
      case "SparkRunner":
        SparkPipelineOptions spark = PipelineOptionsFactory.create().as(SparkPipelineOptions.class);
        spark.setRunner(SparkRunner.class);
        spark.setSparkMaster("local[1]");
        return spark;
      default:
        PipelineOptions direct = PipelineOptionsFactory.create();
        direct.setRunner(DirectRunner.class);
        return direct;
    }
  }
}
