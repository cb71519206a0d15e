package io.microstructure.pipeline;

import io.microstructure.engine.CarriesFile;
import io.microstructure.engine.MarketCarry;
import io.microstructure.engine.Resume;
import io.microstructure.io.SegmentFiles;
import io.microstructure.io.TextFiles;
import io.microstructure.output.FileKeys;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an incremental run does, worked out before it starts from the state the complete runs
 * recorded in the output root and the segments found now: which segments are new, changed or gone
 * since, the resume point (the last recorded one at or before the earliest change, less the
 * longest forward horizon), the carries there, and the segments to read (those from the resume
 * point's warm-up on).
 *
 * <p>The state is a chain: every complete incremental run, with the same options, after the last
 * complete plain run; and the segments consumed ({@link SegmentState}). Each run recorded carries
 * at its points (UTC midnights, the last day's hours, its next resume point) and recomputed
 * everything after its own resume point, so a point's carries are those of the last run that
 * recorded it, valid while no later run resumed before it.
 */
public final class IncrementalPlan {
  /**
   * How far before the resume point trade ids are read again for duplicates: a trade repeating an
   * id seen this long before the resume point or longer is not recognised as a repeat (a full run
   * over the whole input would drop it). Exchanges resend trades within seconds of a reconnect.
   */
  public static final long DUPLICATE_ID_HORIZON_MICROS = 3_600_000_000L;

  private final Resume resume;
  private final TreeSet<String> read = new TreeSet<>();
  private final TreeSet<String> fresh = new TreeSet<>();
  private final List<String> added = new ArrayList<>();
  private final List<String> changed = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final List<RunRecord.Input> consumed = new ArrayList<>();
  private final List<RunRecord.Input> readInputs = new ArrayList<>();
  // The days of SegmentState the run rewrites.
  private final TreeSet<String> days = new TreeSet<>();
  private final String basedOn;
  private String startsOver;
  private long skipped;
  private long warmUp;
  // The latest end of a segment read (epoch s; 0: none with a time in its name).
  private long readUntilSeconds;

  private IncrementalPlan(Resume resume, String basedOn) {
    this.resume = resume;
    this.basedOn = basedOn;
  }

  /**
   * The plan for the segments of {@code inventory} against the state in {@code runs}.
   *
   * @param alignMicros the resume points' alignment ({@link Resume#alignment})
   * @param lookAheadMicros the longest forward horizon
   * @param warmUpMicros how far before a chunk its replay reads
   */
  public static IncrementalPlan of(
      RunLog runs,
      InputInventory inventory,
      long alignMicros,
      long lookAheadMicros,
      long warmUpMicros,
      Map<String, String> parameters)
      throws IOException {
    List<RunRecord> all = runs.all();
    List<RunRecord> chain = chain(all, parameters);
    TreeMap<String, InputInventory.InputFile> now = new TreeMap<>();
    for (List<InputInventory.InputFile> files : inventory.files().values()) {
      files.forEach(f -> now.put(f.path(), f));
    }
    Map<String, RunRecord.Input> before = SegmentState.read(runs);
    if (chain.isEmpty()) {
      // No state (or a plain run replaced it): everything, and every day's segments recorded.
      IncrementalPlan p = new IncrementalPlan(Resume.fromScratch(alignMicros), null);
      p.startsOver = startsOver(all, parameters);
      now.values().forEach(f -> p.take(f, true));
      p.added.addAll(now.keySet());
      p.writeDays(before.keySet());
      return p;
    }
    RunRecord latest = chain.get(chain.size() - 1);
    Changes changes = Changes.between(before, now);
    List<String> added = changes.added();
    List<String> changed = changes.changed();
    List<String> removed = changes.removed();
    IncrementalPlan p;
    if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
      p = new IncrementalPlan(null, latest.runId);
    } else {
      Points points = new Points(chain);
      long target =
          Math.min(points.next(), saturatingMinus(changes.earliest(), lookAheadMicros));
      RunRecord at = points.recordedAtOrBefore(target);
      p =
          at == null
              ? new IncrementalPlan(Resume.fromScratch(alignMicros), latest.runId)
              : new IncrementalPlan(
                  Resume.at(
                      points.pointAtOrBefore(target),
                      alignMicros,
                      Points.read(runs, at.incremental.carries)
                          .at(points.pointAtOrBefore(target))),
                  latest.runId);
    }
    p.added.addAll(added);
    p.changed.addAll(changed);
    p.removed.addAll(removed);
    TreeSet<String> fresh = new TreeSet<>(added);
    fresh.addAll(changed);
    long readFrom = p.resume == null ? Long.MAX_VALUE : p.readFrom(warmUpMicros);
    for (InputInventory.InputFile f : now.values()) {
      if (p.resume != null && p.resume.fromScratch()) {
        p.take(f, true); // back to the beginning: everything is read again
        continue;
      }
      boolean isFresh = fresh.contains(f.path());
      if (!isFresh) {
        p.skipped++;
      }
      // A segment without a time in its name is always read.
      boolean needed =
          isFresh || f.startSeconds() <= 0 || f.endSeconds() * 1_000_000L > readFrom;
      if (p.resume != null && needed) {
        p.read(f, isFresh);
      }
      p.consumed.add(input(f));
    }
    if (p.resume != null && p.resume.fromScratch()) {
      p.writeDays(before.keySet());
    } else {
      removed.forEach(r -> p.days.add(SegmentState.dayOf(r)));
      fresh.forEach(f -> p.days.add(SegmentState.dayOf(f)));
    }
    return p;
  }

  /** Every day of the segments found now and of {@code recorded}: a state written anew. */
  private void writeDays(java.util.Collection<String> recorded) {
    consumed.forEach(i -> days.add(SegmentState.dayOf(i.path())));
    recorded.forEach(r -> days.add(SegmentState.dayOf(r)));
  }

  /**
   * The segments new, changed (size or modification time) and removed since the state was
   * recorded, and the earliest instant whose rows that can change: where the first of them
   * starts ({@code Long.MIN_VALUE} for one whose name gives no time).
   */
  private record Changes(
      List<String> added, List<String> changed, List<String> removed, long earliest) {
    static Changes between(
        Map<String, RunRecord.Input> before, Map<String, InputInventory.InputFile> now) {
      Changes c = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 0);
      long earliest = Long.MAX_VALUE;
      for (InputInventory.InputFile f : now.values()) {
        RunRecord.Input was = before.get(f.path());
        if (was == null || was.bytes() != f.bytes() || !sameTime(was, f)) {
          (was == null ? c.added : c.changed).add(f.path());
          earliest = Math.min(earliest, startMicros(f.startSeconds()));
        }
      }
      for (RunRecord.Input was : before.values()) {
        if (!now.containsKey(was.path())) {
          c.removed.add(was.path());
          earliest =
              Math.min(earliest, startMicros(SegmentFiles.segmentStartEpochSeconds(was.path())));
        }
      }
      return new Changes(c.added, c.changed, c.removed, earliest);
    }
  }

  /** Where the run starts reading: the earliest context of a market at the resume point. */
  private long readFrom(long warmUpMicros) {
    if (resume.fromScratch()) {
      return Long.MIN_VALUE;
    }
    long from = resume.from() - Math.max(warmUpMicros, DUPLICATE_ID_HORIZON_MICROS);
    for (MarketCarry c : resume.carries().values()) {
      if (c.contextStart != null) {
        from = Math.min(from, c.contextStart);
      }
    }
    return from;
  }

  /** A segment read and consumed. */
  private void take(InputInventory.InputFile f, boolean isFresh) {
    read(f, isFresh);
    consumed.add(input(f));
  }

  private void read(InputInventory.InputFile f, boolean isFresh) {
    read.add(f.path());
    readInputs.add(input(f));
    readUntilSeconds = Math.max(readUntilSeconds, f.endSeconds());
    if (isFresh) {
      fresh.add(f.path());
    } else {
      warmUp++;
    }
  }

  private static RunRecord.Input input(InputInventory.InputFile f) {
    return new RunRecord.Input(f.path(), f.bytes(), f.modifiedMillis());
  }

  private static boolean sameTime(RunRecord.Input was, InputInventory.InputFile f) {
    return was.modified() == null || f.modifiedMillis() == 0 || was.modified() == f.modifiedMillis();
  }

  private static long startMicros(long startSeconds) {
    return startSeconds <= 0 ? Long.MIN_VALUE : startSeconds * 1_000_000L;
  }

  private static long saturatingMinus(long t, long d) {
    return t == Long.MIN_VALUE ? t : t - d;
  }

  /**
   * Options that do not change what a run computes from a segment: where things are, and how
   * the order book is decoded (both readers give the same rows).
   */
  private static final java.util.Set<String> NOT_COMPUTING =
      java.util.Set.of("rawRoot", "outputRoot", "legacyInput", "incremental", "orderbookReader");

  /**
   * The complete incremental runs after the last complete plain one, in order, as long as they
   * computed with these parameters: with others (markets, channels, chunks, a feature
   * parameter) the state starts over, as after a plain run.
   */
  static List<RunRecord> chain(List<RunRecord> all, Map<String, String> parameters) {
    List<RunRecord> chain = new ArrayList<>();
    for (RunRecord r : all) {
      if (r.status != RunRecord.Status.COMPLETE) {
        continue;
      }
      if (r.incremental == null
          || r.incremental.carries == null
          || !changedParameters(r.parameters, parameters).isEmpty()) {
        chain.clear(); // a plain run replaced whole folders: the state starts over
      } else {
        chain.add(r);
      }
    }
    return chain;
  }

  /** The options that compute differently, by name. */
  static java.util.SortedSet<String> changedParameters(
      Map<String, String> recorded, Map<String, String> now) {
    java.util.TreeSet<String> changed = new java.util.TreeSet<>();
    java.util.Set<String> names = new java.util.HashSet<>(recorded.keySet());
    names.addAll(now.keySet());
    for (String n : names) {
      if (!NOT_COMPUTING.contains(n) && !java.util.Objects.equals(recorded.get(n), now.get(n))) {
        changed.add(n);
      }
    }
    return changed;
  }

  /** Why a run with state in the root starts over; null when the root has none. */
  private static String startsOver(List<RunRecord> all, Map<String, String> parameters) {
    for (int i = all.size() - 1; i >= 0; i--) {
      RunRecord r = all.get(i);
      if (r.status != RunRecord.Status.COMPLETE) {
        continue;
      }
      if (r.incremental == null || r.incremental.carries == null) {
        return "run " + r.runId + " was not incremental: it replaced whole folders";
      }
      return "options changed since run " + r.runId + ": "
          + String.join(", ", changedParameters(r.parameters, parameters));
    }
    return null;
  }

  /** Why this run starts from the beginning though the root holds runs; null otherwise. */
  public String startsOver() {
    return startsOver;
  }

  /**
   * The recorded resume points still valid, from the runs' records: a point of a run stays valid
   * until a later run resumes before it.
   */
  private static final class Points {
    private final TreeMap<Long, RunRecord> valid = new TreeMap<>();
    private long next = Long.MIN_VALUE;

    Points(List<RunRecord> chain) {
      for (RunRecord r : chain) {
        long from = FileKeys.parse(r.incremental.resumedFrom);
        // A run recomputed everything after its own start: earlier runs' later points are stale
        // (the carries at its start itself are what it started from).
        valid.tailMap(from, false).clear();
        for (String s : r.incremental.points) {
          valid.put(FileKeys.parse(s), r);
        }
        List<String> ps = r.incremental.points;
        next = ps.isEmpty() ? from : FileKeys.parse(ps.get(ps.size() - 1));
      }
    }

    long next() {
      return next;
    }

    /** The run that recorded the last valid point at or before {@code t}; null: none. */
    RunRecord recordedAtOrBefore(long t) {
      Map.Entry<Long, RunRecord> e = valid.floorEntry(t);
      return e == null ? null : e.getValue();
    }

    long pointAtOrBefore(long t) {
      return valid.floorKey(t);
    }

    static CarriesFile read(RunLog runs, String relative) throws IOException {
      String path = runs.absolute(relative);
      return CarriesFile.fromJson(TextFiles.read(path), path);
    }
  }

  /** Nothing new, changed or removed: the run has nothing to do. */
  public boolean nothingNew() {
    return resume == null;
  }

  /** Where the run resumes and what it carries in; null when there is nothing to do. */
  public Resume resume() {
    return resume;
  }

  /** The segments the run reads: new and changed ones, and the earlier ones of its warm-up. */
  public TreeSet<String> read() {
    return read;
  }

  /** The new and changed segments: only theirs are the run's dead letters. */
  public TreeSet<String> fresh() {
    return fresh;
  }

  public List<String> added() {
    return added;
  }

  public List<String> changed() {
    return changed;
  }

  public List<String> removed() {
    return removed;
  }

  /**
   * The chunks the run recomputes: from its resume point to the end of the latest segment it
   * reads, epoch µs {@code [from, to)}; empty when no segment gives its time.
   */
  public long[] recomputed(long chunkMicros) {
    long to = readUntilSeconds * 1_000_000L;
    long end = Math.floorDiv(to + chunkMicros - 1, chunkMicros) * chunkMicros;
    return resume == null || readUntilSeconds == 0 ? new long[0] : new long[] {resume.from(), end};
  }

  /** Segments processed by earlier runs and unchanged. */
  public long skipped() {
    return skipped;
  }

  /** Of the skipped ones, those read again as warm-up. */
  public long warmUp() {
    return warmUp;
  }

  /** The segments the run reads, as its record lists them. */
  public List<RunRecord.Input> readInputs() {
    return readInputs;
  }

  /**
   * The files of {@link SegmentState} the run rewrites (relative path to content): the days of
   * its new, changed and removed segments, or all of them when it starts from the beginning.
   */
  public Map<String, String> segmentStateFiles() {
    return SegmentState.files(consumed, days);
  }

  /** The run whose state this one continues; null for a first run. */
  public String basedOn() {
    return basedOn;
  }

  /** What the run's record says about it. */
  public RunRecord.Incremental record(String carriesFile) {
    RunRecord.Incremental r = new RunRecord.Incremental();
    r.resumedFrom = resume == null ? null : FileKeys.stamp(resume.from());
    r.basedOn = basedOn;
    r.carries = carriesFile;
    r.newSegments.addAll(added);
    r.changedSegments.addAll(changed);
    r.removedSegments.addAll(removed);
    r.skippedSegments = skipped;
    r.warmUpSegments = warmUp;
    return r;
  }
}
