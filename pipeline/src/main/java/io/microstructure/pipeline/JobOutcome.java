package io.microstructure.pipeline;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineResult.State;

/**
 * How a run ended. It succeeded only when nothing was thrown, no thread of the JVM died of an error
 * while it ran, and the runner's final state is DONE: runners report failure in different ways, and
 * each of them alone has been seen to miss one.
 *
 * <ul>
 *   <li>the DirectRunner throws from {@code waitUntilFinish}: a DoFn's exception wrapped, an {@link
 *       Error} as itself;
 *   <li>Flink (local or remote) throws from {@code run()}: the job ran inside it;
 *   <li>Spark throws from {@code waitUntilFinish}, wrapped;
 *   <li>Dataflow returns the final state (FAILED, CANCELLED …) without throwing;
 *   <li>an error that kills a thread the runner does not watch (an {@link OutOfMemoryError} in a
 *       helper thread) can leave the job itself reporting DONE.
 * </ul>
 */
public final class JobOutcome {
  private final PipelineResult result;
  private final State state;
  private final Throwable failure;

  private JobOutcome(PipelineResult result, State state, Throwable failure) {
    this.result = result;
    this.state = state == null ? State.UNKNOWN : state;
    this.failure = failure;
  }

  /** Runs {@code pipeline} to its end; see {@link #run(Pipeline, Consumer)}. */
  public static JobOutcome run(Pipeline pipeline) {
    return run(pipeline, result -> {});
  }

  /**
   * Runs {@code pipeline}, hands the running job to {@code whileRunning} (to follow its progress),
   * waits for the end and tells how it went. Never throws: every {@link Throwable} of the run ends
   * up in {@link #failure()}.
   */
  public static JobOutcome run(Pipeline pipeline, Consumer<PipelineResult> whileRunning) {
    DyingThreads dying = DyingThreads.watch();
    try {
      PipelineResult result;
      try {
        result = pipeline.run();
      } catch (Throwable t) {
        return new JobOutcome(null, State.FAILED, t);
      }
      Throwable thrown = null;
      State state = null;
      try {
        whileRunning.accept(result);
        state = result.waitUntilFinish();
      } catch (Throwable t) {
        thrown = t;
      }
      if (state == null) {
        state = stateOf(result);
      }
      Throwable failure = thrown != null ? thrown : dying.firstError();
      if (failure != null) {
        stop(result); // a failed local job's workers would go on writing into its staging
      }
      return of(result, state, failure);
    } finally {
      dying.close();
    }
  }

  /** The outcome of a job whose end was observed elsewhere; {@code thrown} may be null. */
  public static JobOutcome of(PipelineResult result, State state, Throwable thrown) {
    return new JobOutcome(result, state, thrown);
  }

  /** True when the job finished in state DONE and nothing failed. */
  public boolean succeeded() {
    return failure == null && state == State.DONE;
  }

  /** The runner's final state; UNKNOWN when it has none (its {@code run()} threw). */
  public State state() {
    return state;
  }

  /** What was thrown, if anything. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** The running job's result, for its metrics; null when {@code run()} itself threw. */
  public PipelineResult result() {
    return result;
  }

  /** True when the input is at fault (an unreadable raw file), not the run: a user's mistake. */
  public boolean inputProblem() {
    return failure != null && FailureMessage.isInputProblem(failure);
  }

  /** One line, cause first; {@code "done"} for a run that succeeded. */
  public String message() {
    if (failure != null) {
      return FailureMessage.of("the pipeline", failure);
    }
    if (state != State.DONE) {
      return "the pipeline ended in state "
          + state
          + ", not DONE, and the runner gave no reason: see its log or UI";
    }
    return "done";
  }

  /**
   * As {@link #message()}, but a run that ended without a reason while the heap was full after a
   * collection is named for what it most likely was: the DirectRunner catches an {@link
   * OutOfMemoryError} in its workers, logs it, and can then report the job still RUNNING.
   */
  public String message(MemoryUse memory) {
    if (failure == null
        && state != State.DONE
        && memory.peakHeapAfterGc() >= FULL_HEAP * memory.maxHeap()) {
      return FailureMessage.fullHeapWithoutReason(state.toString(), memory);
    }
    return message();
  }

  /** Heap use after a collection above which a run without reason is called out of memory. */
  static final double FULL_HEAP = 0.9;

  private static void stop(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // already stopped, or a runner that cannot cancel: nothing more to do
    }
    awaitLocalWorkers();
  }

  /** The DirectRunner's worker threads, by the name its executor gives them. */
  private static final String DIRECT_WORKER = "direct-runner-worker";

  private static final long WORKERS_GRACE_MILLIS = 30_000;

  /**
   * Waits until the DirectRunner's workers have ended: cancelling a failed job does not stop a
   * bundle already running, and such a bundle can still create a file in the staging folder after
   * the run has cleaned it up (seen on a full disk, where the first worker fails and the others
   * are a few writes behind). A worker ends once its bundle does; after the grace period the run
   * goes on regardless (the next run's recovery removes what is left).
   */
  private static void awaitLocalWorkers() {
    long deadline = System.currentTimeMillis() + WORKERS_GRACE_MILLIS;
    while (System.currentTimeMillis() < deadline && localWorkersAlive()) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean localWorkersAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith(DIRECT_WORKER));
  }

  private static State stateOf(PipelineResult result) {
    try {
      return result.getState();
    } catch (RuntimeException e) {
      return State.UNKNOWN;
    }
  }

  /**
   * The first {@link Error} that ends any thread of the JVM while a job runs: runner threads report
   * theirs to the job, but one dying elsewhere (a helper, a progress thread) would go unnoticed.
   */
  private static final class DyingThreads implements Thread.UncaughtExceptionHandler {
    private final Thread.UncaughtExceptionHandler previous;
    private volatile Throwable first;

    private DyingThreads(Thread.UncaughtExceptionHandler previous) {
      this.previous = previous;
    }

    static synchronized DyingThreads watch() {
      DyingThreads d = new DyingThreads(Thread.getDefaultUncaughtExceptionHandler());
      Thread.setDefaultUncaughtExceptionHandler(d);
      return d;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable t) {
      if (t instanceof Error && !(t instanceof ThreadDeath)) {
        synchronized (this) {
          if (first == null) {
            first = t; // reported as the run's failure, in one line, instead of a stack trace
            return;
          }
        }
      }
      if (previous != null) {
        previous.uncaughtException(thread, t);
      } else if (!(t instanceof ThreadDeath)) {
        // What the JVM does without a handler, so that nothing is hidden.
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        t.printStackTrace(System.err);
      }
    }

    Throwable firstError() {
      return first;
    }

    void close() {
      synchronized (DyingThreads.class) {
        if (Thread.getDefaultUncaughtExceptionHandler() == this) {
          Thread.setDefaultUncaughtExceptionHandler(previous);
        }
      }
    }
  }
}
