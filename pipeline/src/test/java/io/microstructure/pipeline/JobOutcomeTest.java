package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** A run succeeds only when nothing was thrown and the runner ended in DONE (issue 9, item 0). */
class JobOutcomeTest {
  /** Throws an {@link Error}, which no runner may turn into a success. */
  static final class ErrorFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i) {
      throw new LinkageError("ErrorFn gave up on element " + i);
    }
  }

  @Test
  void anErrorInADoFnOnTheDirectRunnerIsAFailure() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(7)).apply(ParDo.of(new ErrorFn()));

    JobOutcome outcome = JobOutcome.run(p);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.inputProblem()).isFalse();
    assertThat(outcome.message())
        .startsWith("the pipeline failed")
        .endsWith(": LinkageError: ErrorFn gave up on element 7")
        .doesNotContain("\n");
  }

  @Test
  void aJobThatEndsCancelledWithoutThrowingIsAFailure() {
    Pipeline p = Pipeline.create(StateOnlyRunner.options());
    p.apply(Create.of(1));

    JobOutcome outcome = JobOutcome.run(p);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.state()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(outcome.message())
        .isEqualTo(
            "the pipeline ended in state CANCELLED, not DONE, and the runner gave no reason:"
                + " see its log or UI");
  }

  @Test
  void aJobLeftWithoutReasonWhileTheHeapWasFullIsCalledOutOfMemory() {
    Pipeline p = Pipeline.create(StateOnlyRunner.options());
    p.apply(Create.of(1));
    JobOutcome outcome = JobOutcome.run(p);
    long mb = 1024L * 1024;

    // 870 of 910 MB still in use after a collection: 95.6 %, above the 90 % threshold.
    assertThat(outcome.message(new MemoryUse(905 * mb, 870 * mb, 910 * mb, 1200 * mb)))
        .isEqualTo(
            "the pipeline ended in state CANCELLED without a reason from the runner, with the Java"
                + " heap full (870 of 910 MB in use after a collection): most likely out of"
                + " memory; raise it with ETL_JAVA_OPTS=-Xmx2g (or run fewer markets or hours at"
                + " once)");
    // 800 of 910 MB (87.9 %): not full, so no guess.
    assertThat(outcome.message(new MemoryUse(905 * mb, 800 * mb, 910 * mb, 1200 * mb)))
        .isEqualTo(outcome.message());
  }

  @Test
  void aJobThatRanToDoneSucceeds() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(1, 2, 3));

    JobOutcome outcome = JobOutcome.run(p);

    assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
    assertThat(outcome.state()).isEqualTo(PipelineResult.State.DONE);
    assertThat(outcome.message()).isEqualTo("done");
  }
}
