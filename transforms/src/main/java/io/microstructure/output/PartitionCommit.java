package io.microstructure.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Puts one partition folder in the state a run's record lists: its staged files renamed to their
 * final names, then every other Parquet file of the folder (an earlier run's) deleted; for an
 * incremental run, every other one keyed from its resume point on ({@link FileKeys}). Idempotent,
 * so a retried or an interrupted commit is finished by doing it again: renames whose source is
 * gone were done before.
 */
public final class PartitionCommit {
  private PartitionCommit() {}

  public static void apply(RunLog log, RunRecord.Partition partition) throws IOException {
    String dir = log.absolute(partition.dir());
    List<ResourceId> from = new ArrayList<>();
    List<ResourceId> to = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (RunRecord.File f : partition.files()) {
      from.add(FileSystems.matchNewResource(log.absolute(f.staged()), false));
      ResourceId target = FileSystems.matchNewResource(dir + "/" + f.name(), false);
      to.add(target);
      kept.add(target.toString());
    }
    if (!from.isEmpty()) {
      FileSystems.rename(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    List<ResourceId> stale = new ArrayList<>();
    MatchResult match = FileSystems.match(dir + "/*.parquet", EmptyMatchTreatment.ALLOW);
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        String name = m.resourceId().getFilename();
        if (!kept.contains(m.resourceId().toString())
            && (partition.replacesFrom() == null
                || FileKeys.keyedFrom(name, partition.replacesFrom()))) {
          stale.add(m.resourceId());
        }
      }
    }
    if (!stale.isEmpty()) {
      FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
