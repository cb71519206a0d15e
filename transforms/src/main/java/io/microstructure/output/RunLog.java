package io.microstructure.output;

import io.microstructure.io.LocalPaths;
import io.microstructure.io.SegmentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The run records of an output root, {@code <root>/_runs/<run-id>.json} ({@link RunRecord}), and
 * the staging folders of its runs, {@code <root>/_temporary/<run-id>/}. Works on every Beam
 * filesystem; on a local one a record is replaced atomically (written aside, then renamed), on an
 * object store by one PUT, which readers also see whole or not at all.
 */
public final class RunLog {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String root;

  public RunLog(String outputRoot) {
    this.root = SegmentFiles.stripSlash(outputRoot);
  }

  /** A new run id: its UTC start time (so ids sort by start) and 8 random hex digits. */
  public static String newRunId(Instant start) {
    return ID_TIME.format(start) + "-" + String.format("%08x", RANDOM.nextInt());
  }

  public String root() {
    return root;
  }

  public String folder() {
    return root + "/_runs";
  }

  public String recordPath(String runId) {
    return folder() + "/" + runId + ".json";
  }

  /** Where every run stages its files. */
  public String stagingRoot() {
    return root + "/_temporary";
  }

  public String staging(String runId) {
    return stagingRoot() + "/" + runId;
  }

  /** {@code path} below the root as a relative path, for records. */
  public String relative(String path) {
    String prefix = root + "/";
    if (!path.startsWith(prefix)) {
      throw new IllegalArgumentException(path + " is not under the output root " + root);
    }
    return path.substring(prefix.length());
  }

  public String absolute(String relative) {
    return root + "/" + relative;
  }

  /**
   * A local record takes at least this many bytes, its JSON padded with spaces: a later state of
   * the run can then overwrite it in place, in blocks the file already has, when a full disk
   * refuses a new file (the run that filled the disk must still record that it failed).
   */
  static final int LOCAL_RECORD_BYTES = 64 * 1024;

  public void write(RunRecord record) throws IOException {
    byte[] json = record.toJson().getBytes(StandardCharsets.UTF_8);
    String target = recordPath(record.runId);
    Path local = LocalPaths.of(target);
    if (local == null) {
      try (OutputStream out =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(target, false), MimeTypes.TEXT))) {
        out.write(json);
      }
      return;
    }
    Files.createDirectories(local.getParent());
    byte[] padded = padded(json, Math.max(json.length, LOCAL_RECORD_BYTES));
    Path aside = local.resolveSibling("." + local.getFileName() + ".tmp");
    try {
      Files.write(aside, padded);
    } catch (IOException full) {
      Files.deleteIfExists(aside);
      if (!overwriteInPlace(local, json)) {
        throw full;
      }
      return;
    }
    try {
      Files.move(aside, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(aside, local, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Writes the record over an earlier one at least as long, padding the rest with spaces: no block
   * is allocated (on file systems that write in place). Not atomic, so only where a new file
   * cannot be written at all. Returns false when there is no such earlier record.
   */
  private static boolean overwriteInPlace(Path local, byte[] json) throws IOException {
    if (!Files.exists(local) || Files.size(local) < json.length) {
      return false;
    }
    byte[] padded = padded(json, (int) Files.size(local));
    try (FileChannel c = FileChannel.open(local, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(padded);
      while (b.hasRemaining()) {
        c.write(b, b.position());
      }
      c.force(true);
    }
    return true;
  }

  /** The JSON followed by spaces up to {@code length} bytes: still one JSON document. */
  private static byte[] padded(byte[] json, int length) {
    byte[] padded = Arrays.copyOf(json, length);
    Arrays.fill(padded, json.length, length, (byte) ' ');
    return padded;
  }

  public Optional<RunRecord> read(String runId) throws IOException {
    String path = recordPath(runId);
    MatchResult m = FileSystems.match(path, EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK || m.metadata().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(readFile(path));
  }

  /** Every record of the root, by run id (so by start time). */
  public List<RunRecord> all() throws IOException {
    List<RunRecord> records = new ArrayList<>();
    MatchResult m = FileSystems.match(folder() + "/*.json", EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK) {
      return records;
    }
    for (MatchResult.Metadata f : m.metadata()) {
      records.add(readFile(f.resourceId().toString()));
    }
    // By start; ids alone sort by the second a run started, and a rerun can start in the same one.
    records.sort(
        java.util.Comparator.comparing(
                (RunRecord r) -> r.started == null ? Instant.MIN : Instant.parse(r.started))
            .thenComparing(r -> r.runId));
    return records;
  }

  private static RunRecord readFile(String path) throws IOException {
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      return RunRecord.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    }
  }
}
