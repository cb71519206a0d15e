package io.microstructure.pipeline;

import io.microstructure.io.LocalPaths;
import io.microstructure.output.PartitionCommit;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new run does to an output root it holds ({@link OutputRootLock}) before it writes: finish
 * the commit of a run that was stopped while committing (from the file list in its record, so the
 * tables are whole again), mark runs that were stopped before committing as abandoned, and delete
 * every staging folder earlier runs left (a kill, a full disk).
 */
public final class RunRecovery {
  private RunRecovery() {}

  /** Returns one line per thing done, for the run's output. */
  public static List<String> recover(RunLog runs, String byRunId) throws IOException {
    List<String> notes = new ArrayList<>();
    for (RunRecord r : runs.all()) {
      if (r.status == RunRecord.Status.COMMITTING) {
        for (RunRecord.Partition p : r.partitions) {
          PartitionCommit.apply(runs, p);
        }
        LocalPaths.deleteTree(runs.staging(r.runId));
        r.status = RunRecord.Status.COMPLETE;
        r.recoveredBy = byRunId;
        r.ended = Instant.now().toString();
        runs.write(r);
        notes.add(
            "finished the commit of run "
                + r.runId
                + ", which was stopped while committing ("
                + r.partitions.size()
                + " partitions)");
      } else if (r.status == RunRecord.Status.RUNNING) {
        r.status = RunRecord.Status.ABANDONED;
        r.recoveredBy = byRunId;
        runs.write(r);
        notes.add("run " + r.runId + " was stopped before it committed; it changed no table");
      }
    }
    List<String> left = LocalPaths.children(runs.stagingRoot());
    if (!left.isEmpty()) {
      LocalPaths.deleteTree(runs.stagingRoot());
      notes.add(
          "removed the staging folders of "
              + left.size()
              + " earlier run(s) under "
              + runs.stagingRoot());
    }
    return notes;
  }
}
