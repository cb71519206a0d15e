package io.microstructure.pipeline;

import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an output root's tables are whole, as a reader should check before using them: the root
 * is <b>interrupted</b> while any run record says {@code committing} (a commit stopped halfway;
 * the next run finishes it), and <b>in use</b> while a run holds its lock (its tables are those of
 * the last complete run until that run commits). A root without {@code _runs/} predates run
 * records and cannot tell.
 */
public record RootState(List<RunRecord> runs, List<String> interrupted, Optional<String> holder) {

  public static RootState of(String outputRoot) throws IOException {
    RunLog log = new RunLog(outputRoot);
    List<RunRecord> runs = log.all();
    List<String> interrupted = new ArrayList<>();
    for (RunRecord r : runs) {
      if (r.status.interruptsTheRoot()) {
        interrupted.add(r.runId);
      }
    }
    return new RootState(runs, interrupted, OutputRootLock.holder(log));
  }

  public boolean complete() {
    return interrupted.isEmpty();
  }

  /** One line for a user. */
  public String describe() {
    if (!complete()) {
      return "interrupted: the commit of run "
          + String.join(", ", interrupted)
          + " stopped halfway, so its tables mix two runs' files; the next run into this root"
          + " finishes it";
    }
    if (runs.isEmpty()) {
      return "no run records (_runs/): written before run records existed, or not an output root";
    }
    String last = "none";
    for (RunRecord r : runs) {
      if (r.status == RunRecord.Status.COMPLETE) {
        last = r.runId;
      }
    }
    return "complete (last complete run: "
        + last
        + ")"
        + holder.map(h -> "; run " + h + " holds it now and may be committing").orElse("");
  }
}
