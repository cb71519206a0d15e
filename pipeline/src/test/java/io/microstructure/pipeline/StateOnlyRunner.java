package io.microstructure.pipeline;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * A runner that runs nothing and reports the job CANCELLED without throwing, as Dataflow reports a
 * job that failed or was cancelled: the case a launcher that only catches exceptions misses.
 */
public final class StateOnlyRunner extends PipelineRunner<PipelineResult> {
  static final PipelineResult.State FINAL = PipelineResult.State.CANCELLED;

  /** Beam builds runners by this factory method. */
  public static StateOnlyRunner fromOptions(PipelineOptions options) {
    return new StateOnlyRunner();
  }

  /** Options that run a pipeline on this runner. */
  public static PipelineOptions options() {
    PipelineOptions o = PipelineOptionsFactory.create();
    o.setRunner(StateOnlyRunner.class);
    return o;
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    return new PipelineResult() {
      @Override
      public State getState() {
        return FINAL;
      }

      @Override
      public State cancel() throws IOException {
        return FINAL;
      }

      @Override
      public State waitUntilFinish(Duration duration) {
        return FINAL;
      }

      @Override
      public State waitUntilFinish() {
        return FINAL;
      }

      @Override
      public MetricResults metrics() {
        return new MetricResults() { // nothing ran: no metrics
          @Override
          public MetricQueryResults queryMetrics(MetricsFilter filter) {
            return MetricQueryResults.create(List.of(), List.of(), List.of(), List.of());
          }
        };
      }
    };
  }
}
