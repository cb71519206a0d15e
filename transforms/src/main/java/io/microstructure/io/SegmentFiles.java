package io.microstructure.io;

import io.microstructure.model.Channel;
import io.microstructure.model.EventPosition;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw layout of the data contract: {@code <raw
 * root>/ready/<source>/<channel>/segment_*.parquet}, and the times segment names carry. Which files
 * are read is {@code input.SegmentDiscovery}'s rule.
 */
public final class SegmentFiles {
  private static final Pattern SEGMENT =
      Pattern.compile("segment_(\\d{8}T\\d{6})_(\\d{8}T\\d{6})[^/]*$");
  /** daedalus' names: {@code segment_<YYYYMMDDTHH>_<NNNNN>.parquet}, one hour, a counter. */
  private static final Pattern HOURLY = Pattern.compile("segment_(\\d{8}T\\d{2})_(\\d{1,9})\\.parquet$");

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private SegmentFiles() {}

  /** Folder of one channel, without a trailing slash. */
  public static String channelDir(String rawRoot, String source, Channel channel) {
    return stripSlash(rawRoot) + "/ready/" + source + "/" + channel.folder();
  }

  /**
   * Segment start from a file name, epoch seconds, or 0 when the name is not a segment name. Both
   * {@code segment_<start>_<end>} and daedalus' {@code segment_<YYYYMMDDTHH>_<NNNNN>} (the hour's
   * start) are segment names.
   */
  public static long segmentStartEpochSeconds(String path) {
    long hour = hourlyStart(path);
    if (hour != 0) {
      return hour;
    }
    Matcher m = SEGMENT.matcher(path);
    if (!m.find()) {
      return 0;
    }
    try {
      return LocalDateTime.parse(m.group(1), STAMP).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * Segment end from a file name, epoch seconds, or 0 when the name is not a segment name (for a
   * daedalus name, the end of its hour).
   */
  public static long segmentEndEpochSeconds(String path) {
    long hour = hourlyStart(path);
    if (hour != 0) {
      return hour + 3600;
    }
    Matcher m = SEGMENT.matcher(path);
    if (!m.find()) {
      return 0;
    }
    try {
      return LocalDateTime.parse(m.group(2), STAMP).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * The file-ordering half of "position in its file" for a file path. A daedalus segment's counter
   * orders the files of one hour (they rotate at 50 MB); other names order by a hash.
   */
  public static long fileKey(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = HOURLY.matcher(name);
    if (m.find()) {
      long start = hourlyStart(path);
      long counter = Long.parseLong(m.group(2));
      if (start != 0 && counter < (1 << 20)) {
        return (Math.min(start, (1L << 42) - 1) << 20) | counter;
      }
    }
    return EventPosition.fileKey(segmentStartEpochSeconds(path), name);
  }

  /** The hour a daedalus segment name gives, epoch seconds, or 0. */
  private static long hourlyStart(String path) {
    Matcher m = HOURLY.matcher(path);
    if (!m.find()) {
      return 0;
    }
    try {
      return LocalDateTime.parse(m.group(1) + "0000", STAMP).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  public static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
