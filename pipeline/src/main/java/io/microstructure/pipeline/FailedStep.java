package io.microstructure.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The step of the pipeline a failure came from, read off the failure's stack: the innermost frame
 * of one of the pipeline's DoFns or transforms, named as the job graph names the step. Runners wrap
 * a DoFn's failure in their own exceptions, but an error's stack still runs through the DoFn that
 * was executing; every runner's stack trace of user code does.
 */
public final class FailedStep {
  /** Top-level class name (no {@code $Inner}) → the step, in the job graph's words. */
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    step("io.microstructure.input.ReadParquetRowsFn", "Features/ReadChannels (reading the raw Parquet files)");
    step("io.microstructure.input.ReadNdjsonFn", "Features/ReadLegacyNdjson (reading the NDJSON files)");
    step("io.microstructure.transforms.ReadChannel", "Features/ReadChannels (listing the raw files)");
    step("io.microstructure.transforms.FilterMarkets", "Features/Filter (the market filters)");
    step("io.microstructure.transforms.ReplayMarkets", "Features/Compute (the per-market replay)");
    step("io.microstructure.transforms.ComputeMarketFeatures", "Features/Compute");
    step("io.microstructure.transforms.MicrostructureFeatures", "Features");
    step("io.microstructure.transforms.BuildTimeBars", "Features/Compute (the time bars)");
    step("io.microstructure.transforms.StructuralFeatureBlocks", "Features/Compute/StructuralOnly");
    step("io.microstructure.transforms.FeatureTables", "Features (the tables as Beam rows)");
    step(
        "io.microstructure.transforms.WriteParquetTable", "Write (the tables the replay does not write)");
    step("io.microstructure.transforms.CommitRun", "Commit (moving files into partitions)");
    step("io.microstructure.coders", "handing blocks between steps (coders)");
  }

  private static void step(String classOrPackage, String name) {
    STEPS.put(classOrPackage, name);
  }

  private FailedStep() {}

  /**
   * The step {@code failure} (or the first of its causes with a stack) came from, e.g. {@code
   * "Features/Compute (the per-market replay)"}; empty when no frame belongs to a known step (a failure in
   * the runner's own code, or an error the JVM threw without a stack).
   */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        Optional<String> step = stepOf(frame.getClassName());
        if (step.isPresent()) {
          return step;
        }
      }
    }
    // No DoFn of ours on the stack: the runner's own grouping is the one big consumer left.
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith("org.apache.beam.")
            && frame.getClassName().contains("GroupByKey")) {
          return Optional.of("a GroupByKey (the runner's shuffle)");
        }
      }
    }
    return Optional.empty();
  }

  /** The innermost frame of the project's own code, e.g. {@code SnapshotReplay.replay}. */
  public static Optional<String> innermostFrame(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith("io.microstructure.")) {
          String cls = frame.getClassName();
          return Optional.of(cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName());
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> stepOf(String className) {
    int inner = className.indexOf('$');
    String top = inner < 0 ? className : className.substring(0, inner);
    String step = STEPS.get(top);
    if (step == null) {
      String pkg = top.substring(0, Math.max(0, top.lastIndexOf('.')));
      step = STEPS.get(pkg);
    }
    return Optional.ofNullable(step);
  }
}
