package io.microstructure.pipeline;

import io.microstructure.input.MissingColumnException;
import io.microstructure.input.UnreadableFileException;
import io.microstructure.storage.Redaction;
import io.microstructure.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line that says why a run failed, cause first: what went wrong, in which step, and for an
 * exhausted heap how to raise it. Runners wrap a DoFn's failure in layers of their own exceptions
 * ("Job execution failed", PipelineExecutionException …); the line is about the innermost one.
 */
public final class FailureMessage {
  private static final long MB = 1024 * 1024;
  private static final long GB = 1024 * MB;

  /** "java.io.IOException: " and the like (repeated), as Throwable.toString() puts before one. */
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error): )+");

  private FailureMessage() {}

  /** The line for {@code failure}, without the {@code etl: error: } prefix; never a credential. */
  public static String of(Throwable failure) {
    return of(null, failure);
  }

  /**
   * As {@link #of(Throwable)}, an ordinary failure told as {@code "<subject> failed in step <step>:
   * <cause>"}, e.g. subject "the pipeline".
   */
  public static String of(String subject, Throwable failure) {
    return Redaction.apply(oneLine(describe(subject, failure)));
  }

  /**
   * True when the failure is the input's fault, not the run's: a raw file that is not readable
   * Parquet or lacks a required column (the data contract's "fails the run naming the file").
   */
  public static boolean isInputProblem(Throwable failure) {
    return find(failure, UnreadableFileException.class).isPresent()
        || find(failure, MissingColumnException.class).isPresent();
  }

  private static String describe(String subject, Throwable failure) {
    Optional<OutOfMemoryError> oom = find(failure, OutOfMemoryError.class);
    if (oom.isPresent()) {
      return outOfMemory(oom.get());
    }
    Optional<UnreadableFileException> unreadable = find(failure, UnreadableFileException.class);
    if (unreadable.isPresent()) {
      return unreadable.get().getMessage();
    }
    Optional<String> s3 = Storage.unreachable(failure);
    if (s3.isPresent()) {
      return s3.get();
    }
    Throwable root = root(failure);
    String cause = cause(failure);
    String what =
        cause == null || cause.isBlank()
            ? root.getClass().getSimpleName()
            : root instanceof Error ? root.getClass().getSimpleName() + ": " + cause : cause;
    if (subject == null) {
      return what;
    }
    return subject
        + " failed"
        + FailedStep.of(failure).map(s -> " in step " + s).orElse("")
        + ": "
        + what;
  }

  private static String outOfMemory(OutOfMemoryError oom) {
    String kind = oom.getMessage() == null ? "no detail" : oom.getMessage();
    String where =
        FailedStep.of(oom)
            .map(
                step ->
                    " in step "
                        + step
                        + FailedStep.innermostFrame(oom).map(f -> ", at " + f).orElse(""))
            .orElse("");
    boolean heap =
        kind.toLowerCase(Locale.ROOT).contains("heap space")
            || kind.toLowerCase(Locale.ROOT).contains("gc overhead");
    if (!heap) {
      return "out of memory ("
          + kind
          + ")"
          + where
          + "; not the Java heap: see the JVM's limits"
          + " in ETL_JAVA_OPTS";
    }
    long max = Runtime.getRuntime().maxMemory();
    return String.format(
        Locale.ROOT,
        "out of memory (%s)%s; the Java heap is limited to %,d MB: raise it with"
            + " ETL_JAVA_OPTS=-Xmx%s (or run fewer markets or hours at once)",
        kind,
        where,
        max / MB,
        larger(max));
  }

  /** A run the runner left without a reason, with the heap full after a collection. */
  static String fullHeapWithoutReason(String state, MemoryUse memory) {
    return String.format(
        Locale.ROOT,
        "the pipeline ended in state %s without a reason from the runner, with the Java heap full"
            + " (%,d of %,d MB in use after a collection): most likely out of memory; raise it"
            + " with ETL_JAVA_OPTS=-Xmx%s (or run fewer markets or hours at once)",
        state,
        memory.peakHeapAfterGc() / MB,
        memory.maxHeap() / MB,
        larger(memory.maxHeap()));
  }

  /** About twice {@code maxHeap}, as an -Xmx value: whole gigabytes, or 64 MB steps below 1 GB. */
  static String larger(long maxHeap) {
    long twice = 2 * maxHeap;
    if (twice >= GB) {
      return ((twice + GB - 1) / GB) + "g";
    }
    long step = 64 * MB;
    return ((twice + step - 1) / step) * 64 + "m";
  }

  /**
   * What went wrong, from the cause chain: the deepest message, or a wrapper's that adds context to
   * it (the file being written), never one that only restates it behind a class name; an unreadable
   * raw file's message as it is. Null when no throwable of the chain has a message.
   */
  public static String cause(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      if (t instanceof UnreadableFileException) {
        return t.getMessage();
      }
      chain.add(t);
    }
    String message = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      String m = chain.get(i).getMessage();
      if (m == null) {
        continue;
      }
      m = CLASS_PREFIX.matcher(m).replaceFirst("");
      if (message == null || (m.endsWith(message) && m.length() > message.length())) {
        message = m;
      }
    }
    return message;
  }

  private static Throwable root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  /** The first throwable of {@code type} in the cause chain or among suppressed ones. */
  static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      for (Throwable s : t.getSuppressed()) {
        Optional<T> found = find(s, type);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }
}
