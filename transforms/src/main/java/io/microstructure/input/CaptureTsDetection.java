package io.microstructure.input;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The unit of a capture_ts stored as a plain int64 (no logical type), detected per file when the
 * run does not set one. Epoch milliseconds, microseconds and nanoseconds of any instant from
 * 1990-01-01 to 2200-01-01 lie in three ranges that do not overlap, so the magnitude of the values
 * names the unit. The values are the footer's min/max statistics of the column over all row
 * groups: deterministic, and nothing but the footer is read. When only one end of the range is a
 * date of 1990–2200 (one corrupt row, say), that end decides and the other row becomes a dead
 * letter of the capture_ts range check. The detected times are then cross-checked against the
 * segment name's time where it has one ({@code segment_<YYYYMMDDTHHMMSS>_<...>} or daedalus'
 * {@code segment_<YYYYMMDDTHH>_<NNNNN>}): more than a day apart fails the file.
 */
public final class CaptureTsDetection {
  /** How far the values may lie from the time in the file name. */
  public static final Duration TOLERANCE = Duration.ofDays(1);

  static final long FROM_SECONDS = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  static final long TO_SECONDS = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();

  private static final Pattern FULL = Pattern.compile("segment_(\\d{8}T\\d{6})_[^/]*$");
  private static final Pattern HOUR = Pattern.compile("segment_(\\d{8}T\\d{2})_\\d+[^/]*$");
  private static final DateTimeFormatter FULL_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter HOUR_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH");

  private CaptureTsDetection() {}

  /** The unit under which {@code v} is an instant of 1990–2200, if any (at most one is). */
  public static Optional<CaptureTsUnit> unitOf(long v) {
    for (CaptureTsUnit u : CaptureTsUnit.values()) {
      long perSecond = perSecond(u);
      if (v >= FROM_SECONDS * perSecond && v < TO_SECONDS * perSecond) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  private static long perSecond(CaptureTsUnit u) {
    switch (u) {
      case MILLIS:
        return 1_000L;
      case NANOS:
        return 1_000_000_000L;
      default:
        return 1_000_000L;
    }
  }

  /** {@code v} in {@code unit} as an instant. */
  public static Instant instant(long v, CaptureTsUnit unit) {
    long perSecond = perSecond(unit);
    return Instant.ofEpochSecond(
        Math.floorDiv(v, perSecond), Math.floorMod(v, perSecond) * (1_000_000_000L / perSecond));
  }

  /**
   * The unit of values from {@code min} to {@code max}.
   *
   * @throws IllegalArgumentException with the reason when neither end is an instant of 1990–2200
   *     or the two ends name different units
   */
  public static CaptureTsUnit detect(long min, long max) {
    Optional<CaptureTsUnit> lo = unitOf(min);
    Optional<CaptureTsUnit> hi = unitOf(max);
    if (lo.isPresent() && hi.isPresent() && lo.get() != hi.get()) {
      throw new IllegalArgumentException(
          "values from "
              + min
              + " ("
              + name(lo.get())
              + "?) to "
              + max
              + " ("
              + name(hi.get())
              + "?) mix units");
    }
    if (lo.isEmpty() && hi.isEmpty()) {
      throw new IllegalArgumentException(
          "values from "
              + min
              + " to "
              + max
              + " are no epoch milliseconds, microseconds or nanoseconds of 1990-2200");
    }
    return lo.orElseGet(hi::get);
  }

  /** The time a segment's name gives (its start, or daedalus' hour), if it has one. */
  public static Optional<Instant> nameTime(String path) {
    Matcher m = FULL.matcher(path);
    if (m.find()) {
      return Optional.of(
          LocalDateTime.parse(m.group(1), FULL_STAMP).toInstant(ZoneOffset.UTC));
    }
    m = HOUR.matcher(path);
    if (m.find()) {
      return Optional.of(
          LocalDateTime.parse(m.group(1) + "0000", FULL_STAMP).toInstant(ZoneOffset.UTC));
    }
    return Optional.empty();
  }

  /** {@code ms}, {@code us} or {@code ns}. */
  public static String name(CaptureTsUnit u) {
    switch (u) {
      case MILLIS:
        return "ms";
      case NANOS:
        return "ns";
      default:
        return "us";
    }
  }

  /**
   * The unit capture_ts of {@code file} is read in: its logical type's; else {@code configured};
   * else (configured null: auto) detected from the footer's statistics and cross-checked with the
   * file name. A file without the column, with another type, or without rows is left to the
   * decoders (they name a missing column in their own order); it gets {@code configured} or
   * microseconds.
   *
   * @throws MissingColumnException naming the file, the detected unit and the times when the unit
   *     cannot be told or disagrees with the file name
   */
  public static CaptureTsUnit resolve(
      String file, ParquetMetadata footer, CaptureTsUnit configured) {
    CaptureTsUnit fallback = configured == null ? CaptureTsUnit.MICROS : configured;
    MessageType schema = footer.getFileMetaData().getSchema();
    if (!schema.containsField("capture_ts")) {
      return fallback;
    }
    Type type = schema.getType("capture_ts");
    if (!type.isPrimitive()
        || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT64) {
      return fallback;
    }
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      return CaptureTsUnit.of(file, schema, "capture_ts", fallback);
    }
    if (configured != null) {
      return configured;
    }
    long[] range = range(file, footer.getBlocks());
    if (range == null) {
      return fallback; // no rows, or no non-null capture_ts: nothing to convert
    }
    CaptureTsUnit unit;
    try {
      unit = detect(range[0], range[1]);
    } catch (IllegalArgumentException e) {
      throw new MissingColumnException(
          file,
          "capture_ts",
          "is a plain int64 whose unit cannot be detected: "
              + e.getMessage()
              + "; set --captureTsUnit=ms|us|ns");
    }
    check(file, unit, range[0], range[1]);
    return unit;
  }

  /**
   * Fails when the values' times (the ends that are instants of 1990–2200) lie more than {@link
   * #TOLERANCE} from the time in the file name.
   */
  static void check(String file, CaptureTsUnit unit, long min, long max) {
    Optional<Instant> named = nameTime(file);
    if (named.isEmpty()) {
      return;
    }
    long lo = unitOf(min).isPresent() ? min : max;
    long hi = unitOf(max).isPresent() ? max : min;
    Instant first = instant(lo, unit);
    Instant last = instant(hi, unit);
    Instant t = named.get();
    if (t.isBefore(first.minus(TOLERANCE)) || t.isAfter(last.plus(TOLERANCE))) {
      throw new MissingColumnException(
          file,
          "capture_ts",
          "is a plain int64 detected as "
              + name(unit)
              + " ("
              + first
              + " .. "
              + last
              + "), more than a day from the file name's time "
              + t
              + "; set --captureTsUnit=ms|us|ns if the unit is right");
    }
  }

  /** Min and max of capture_ts over the row groups' statistics; null when there are none. */
  private static long[] range(String file, List<BlockMetaData> blocks) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean any = false;
    for (BlockMetaData b : blocks) {
      if (b.getRowCount() == 0) {
        continue;
      }
      ColumnChunkMetaData chunk = null;
      for (ColumnChunkMetaData c : b.getColumns()) {
        if (c.getPath().size() == 1 && c.getPath().toArray()[0].equals("capture_ts")) {
          chunk = c;
        }
      }
      Statistics<?> s = chunk == null ? null : chunk.getStatistics();
      if (s == null || !s.hasNonNullValue()) {
        if (s != null && s.isNumNullsSet() && s.getNumNulls() == b.getRowCount()) {
          continue; // all null: the rows are dead letters whatever the unit
        }
        throw new MissingColumnException(
            file,
            "capture_ts",
            "is a plain int64 without min/max statistics, so its unit cannot be detected;"
                + " set --captureTsUnit=ms|us|ns");
      }
      min = Math.min(min, ((Number) s.genericGetMin()).longValue());
      max = Math.max(max, ((Number) s.genericGetMax()).longValue());
      any = true;
    }
    return any ? new long[] {min, max} : null;
  }
}
