package io.microstructure.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run records on a local root: padded, so that a failure can be recorded on a full disk. */
class RunLogTest {
  @TempDir Path dir;

  @Test
  void aRecordIsPaddedJsonThatReadsBack() throws Exception {
    RunLog log = new RunLog(dir.toString());
    RunRecord r = new RunRecord("run-1");
    r.status = RunRecord.Status.RUNNING;
    log.write(r);
    Path file = Path.of(log.recordPath("run-1"));
    assertThat(Files.size(file)).isEqualTo(RunLog.LOCAL_RECORD_BYTES);
    assertThat(Files.readString(file).strip()).startsWith("{").endsWith("}");
    assertThat(log.read("run-1").orElseThrow().status).isEqualTo(RunRecord.Status.RUNNING);
  }

  @Test
  void whenNoNewFileCanBeWrittenTheRecordIsOverwrittenInPlace() throws Exception {
    RunLog log = new RunLog(dir.toString());
    RunRecord r = new RunRecord("run-2");
    r.status = RunRecord.Status.RUNNING;
    log.write(r);
    Path file = Path.of(log.recordPath("run-2"));
    long inode = (long) Files.getAttribute(file, "unix:ino");
    // The file written aside cannot be made (a directory stands in its place), as on a full disk.
    Files.createDirectory(file.resolveSibling(".run-2.json.tmp"));
    r.status = RunRecord.Status.FAILED;
    r.error = "No space left on device";
    log.write(r);
    assertThat((long) Files.getAttribute(file, "unix:ino")).as("the same file").isEqualTo(inode);
    assertThat(Files.size(file)).isEqualTo(RunLog.LOCAL_RECORD_BYTES);
    RunRecord read = log.read("run-2").orElseThrow();
    assertThat(read.status).isEqualTo(RunRecord.Status.FAILED);
    assertThat(read.error).isEqualTo("No space left on device");
  }
}
