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
 * are read is {@link SegmentDiscovery}'s rule.
 */
public final class SegmentFiles {
  private static final Pattern SEGMENT =
      Pattern.compile("segment_(\\d{8}T\\d{6})_(\\d{8}T\\d{6})[^/]*$");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private SegmentFiles() {}

  /** Folder of one channel, without a trailing slash. */
  public static String channelDir(String rawRoot, String source, Channel channel) {
    return stripSlash(rawRoot) + "/ready/" + source + "/" + channel.folder();
  }

  /** Segment start from a file name, epoch seconds, or 0 when the name is not a segment name. */
  public static long segmentStartEpochSeconds(String path) {
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

  /** Segment end from a file name, epoch seconds, or 0 when the name is not a segment name. */
  public static long segmentEndEpochSeconds(String path) {
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

  /** The file-ordering half of "position in its file" for a file path. */
  public static long fileKey(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return EventPosition.fileKey(segmentStartEpochSeconds(path), name);
  }

  public static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
