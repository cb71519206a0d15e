package io.microstructure.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.microstructure.io.LocalPaths;
import io.microstructure.output.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * One run at a time per output root: {@code <root>/_runs/lock} names the run that holds the root
 * (run id, host, pid, start) and its heartbeat, rewritten every {@value #HEARTBEAT_SECONDS} s.
 *
 * <p>A lock is <b>stale</b>, and taken over, when its process is gone (same host, pid not running
 * or started after the lock) or its heartbeat is older than {@value #STALE_AFTER_SECONDS} s (a
 * process on another host that died). On a local filesystem taking the lock is atomic (create-new;
 * a stale lock is first renamed aside, which only one contender can do). Object stores have no
 * create-if-absent through Beam's filesystems: there the lock is written, then read back, which
 * narrows the race of two runs starting in the same second but does not close it.
 */
public final class OutputRootLock implements AutoCloseable {
  static final long HEARTBEAT_SECONDS = 10;
  static final long STALE_AFTER_SECONDS = 120;
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** What the lock file holds. */
  static final class Holder {
    String runId;
    String host;
    long pid;
    String started;
    String heartbeat;
  }

  /** The root is held by a live run. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  private final String path;
  private final Holder holder;
  private final ScheduledExecutorService heartbeat;

  private OutputRootLock(String path, Holder holder) {
    this.path = path;
    this.holder = holder;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "output-root-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(
        this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Takes the root for {@code runId}, taking over a stale lock.
   *
   * @throws HeldException when a live run holds it
   */
  public static OutputRootLock acquire(RunLog runs, String runId)
      throws HeldException, IOException {
    String path = runs.folder() + "/lock";
    Holder me = new Holder();
    me.runId = runId;
    me.host = hostName();
    me.pid = ProcessHandle.current().pid();
    me.started = Instant.now().toString();
    me.heartbeat = me.started;
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Holder> current = read(path);
      if (current.isPresent()) {
        Holder h = current.get();
        String staleness = staleness(h, me.host);
        if (staleness == null) {
          throw new HeldException(
              "the output root "
                  + runs.root()
                  + " is in use by run "
                  + h.runId
                  + " (pid "
                  + h.pid
                  + " on "
                  + h.host
                  + ", started "
                  + h.started
                  + ", last heartbeat "
                  + h.heartbeat
                  + "); wait for it to finish, or remove "
                  + path
                  + " if that process is gone");
        }
        if (!removeStale(path, runId)) {
          continue; // another run took it over first: look again
        }
      }
      if (create(path, me)) {
        return new OutputRootLock(path, me);
      }
    }
    throw new HeldException("the output root " + runs.root() + " is being taken by another run");
  }

  /** Null when the holder is live, else why it is not. */
  static String staleness(Holder h, String thisHost) {
    if (h.host != null && h.host.equals(thisHost) && h.pid > 0) {
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid);
      if (p.isEmpty() || !p.get().isAlive()) {
        return "process " + h.pid + " is gone";
      }
      Optional<Instant> processStart = p.get().info().startInstant();
      if (h.started != null
          && processStart.isPresent()
          && processStart.get().isAfter(Instant.parse(h.started).plusSeconds(1))) {
        return "pid " + h.pid + " now belongs to another process";
      }
      return null;
    }
    Instant beat = h.heartbeat == null ? Instant.EPOCH : Instant.parse(h.heartbeat);
    Duration silent = Duration.between(beat, Instant.now());
    return silent.getSeconds() > STALE_AFTER_SECONDS
        ? "no heartbeat for " + silent.getSeconds() + " s"
        : null;
  }

  /** The holder of the lock at {@code runs}' root, if any. */
  public static Optional<String> holder(RunLog runs) throws IOException {
    return read(runs.folder() + "/lock").map(h -> h.runId);
  }

  private void beat() {
    holder.heartbeat = Instant.now().toString();
    try {
      write(path, holder, true);
    } catch (IOException | RuntimeException e) {
      // the next beat tries again; a lock without heartbeats for minutes is taken over
    }
  }

  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    Optional<Holder> current = read(path);
    if (current.isPresent() && holder.runId.equals(current.get().runId)) {
      Path local = LocalPaths.of(path);
      if (local != null) {
        Files.deleteIfExists(local);
      } else {
        FileSystems.delete(
            List.of(FileSystems.matchNewResource(path, false)),
            MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }
  }

  private static boolean removeStale(String path, String runId) throws IOException {
    Path local = LocalPaths.of(path);
    if (local == null) {
      FileSystems.delete(
          List.of(FileSystems.matchNewResource(path, false)),
          MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      return true;
    }
    Path aside = local.resolveSibling("lock.stale-" + runId);
    try {
      Files.move(local, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return false;
    }
    Files.deleteIfExists(aside);
    return true;
  }

  private static boolean create(String path, Holder me) throws IOException {
    Path local = LocalPaths.of(path);
    if (local == null) {
      write(path, me, false);
      Optional<Holder> back = read(path);
      return back.isPresent() && me.runId.equals(back.get().runId);
    }
    Files.createDirectories(local.getParent());
    try {
      Files.write(
          local,
          GSON.toJson(me).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void write(String path, Holder h, boolean replace) throws IOException {
    byte[] json = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);
    Path local = LocalPaths.of(path);
    if (local == null) {
      try (OutputStream out =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
        out.write(json);
      }
      return;
    }
    Path aside = local.resolveSibling("lock.beat-" + h.runId);
    Files.write(aside, json);
    try {
      Files.move(aside, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(aside, local, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Optional<Holder> read(String path) throws IOException {
    MatchResult m = FileSystems.match(path, EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK || m.metadata().isEmpty()) {
      return Optional.empty();
    }
    long modified = m.metadata().get(0).lastModifiedMillis();
    byte[] bytes;
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      bytes = in.readAllBytes();
    } catch (java.io.FileNotFoundException | NoSuchFileException e) {
      return Optional.empty(); // released meanwhile
    }
    try {
      Holder h = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), Holder.class);
      if (h != null && h.runId != null) {
        return Optional.of(h);
      }
    } catch (JsonParseException e) {
      // being written (create-new, then the content): a run that is starting holds it
    }
    Holder starting = new Holder();
    starting.runId = "(starting)";
    starting.heartbeat = Instant.ofEpochMilli(modified).toString();
    return Optional.of(starting);
  }

  /** This machine's name, as locks and run records give it. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
