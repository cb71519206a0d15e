package io.microstructure.baselines;

import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.Mode;
import io.microstructure.pipeline.MicrostructurePipeline;
import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Our pipeline on the DirectRunner, as the end-to-end tests run it. */
final class OurPipeline {
  private OurPipeline() {}

  /** Runs every table (hybrid) or the structural columns only (vectorized) into out. */
  static void run(Path raw, Path out, boolean vectorized) {
    MicrostructureOptions options = PipelineOptionsFactory.as(MicrostructureOptions.class);
    options.setRunner(DirectRunner.class);
    options.setRawRoot(raw.toString());
    options.setOutputRoot(out.toString());
    options.setMode(vectorized ? Mode.VECTORIZED : Mode.HYBRID);
    // Enforcement re-encodes every element: minutes here, and the transform tests have it on.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    Pipeline p = Pipeline.create(options);
    MicrostructurePipeline.buildPipeline(p, options);
    p.run().waitUntilFinish();
  }

  /** Where the order-book hf table of an output root is. */
  static Path hf(Path out) {
    return out.resolve("ccxt/orderbook/hf");
  }
}
