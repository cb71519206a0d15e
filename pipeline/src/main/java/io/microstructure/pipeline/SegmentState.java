package io.microstructure.pipeline;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.microstructure.io.SegmentFiles;
import io.microstructure.io.TextFiles;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The segments incremental runs have consumed, with the size and modification time each had, in
 * one file per UTC day of the segments' names: {@code _state/segments/<yyyy-MM-dd>.json} ({@code
 * undated.json} for names without a time), format {@value #FORMAT}, version {@value #VERSION}. A
 * run rewrites only the days whose segments it found new, changed or removed, as part of its
 * commit; so the files always describe the last complete run, and no file grows with the archive.
 */
public final class SegmentState {
  public static final String FOLDER = "_state/segments";
  public static final String FORMAT = "microstructure-segments";
  public static final int VERSION = 1;

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setPrettyPrinting()
          .create();
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** One day's file. */
  static final class DayFile {
    String format = FORMAT;
    int version = VERSION;
    String day;
    List<RunRecord.Input> segments = new ArrayList<>();
  }

  private SegmentState() {}

  /** The day file a segment is listed in: its name's UTC date, or {@code undated}. */
  public static String dayOf(String path) {
    long start = SegmentFiles.segmentStartEpochSeconds(path);
    return start <= 0 ? "undated" : DAY.format(Instant.ofEpochSecond(start));
  }

  /** Every segment recorded, by path. */
  public static Map<String, RunRecord.Input> read(RunLog runs) throws IOException {
    Map<String, RunRecord.Input> all = new TreeMap<>();
    MatchResult m =
        FileSystems.match(runs.absolute(FOLDER) + "/*.json", EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK) {
      return all;
    }
    for (MatchResult.Metadata f : m.metadata()) {
      String path = f.resourceId().toString();
      DayFile day;
      try {
        day = GSON.fromJson(TextFiles.read(path), DayFile.class);
      } catch (JsonParseException e) {
        throw new IOException(path + ": not a segments file: " + e.getMessage(), e);
      }
      if (day == null || !FORMAT.equals(day.format) || day.version != VERSION) {
        throw new IOException(
            path + ": not a " + FORMAT + " file of version " + VERSION
                + "; run once without --incremental to start the state over");
      }
      day.segments.forEach(s -> all.put(s.path(), s));
    }
    return all;
  }

  /**
   * The day files to write, by path relative to the root: for each of {@code days}, the segments
   * of {@code now} in it (an empty list for a day none is left in).
   */
  public static Map<String, String> files(Collection<RunRecord.Input> now, Set<String> days) {
    Map<String, DayFile> byDay = new TreeMap<>();
    for (String d : days) {
      DayFile f = new DayFile();
      f.day = d;
      byDay.put(d, f);
    }
    for (RunRecord.Input s : now) {
      DayFile f = byDay.get(dayOf(s.path()));
      if (f != null) {
        f.segments.add(s);
      }
    }
    Map<String, String> files = new TreeMap<>();
    byDay.forEach((d, f) -> files.put(FOLDER + "/" + d + ".json", GSON.toJson(f) + "\n"));
    return files;
  }
}
