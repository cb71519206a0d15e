package io.microstructure.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files an incremental run writes: {@code part-<key>-<n>.parquet}, where the key
 * is the resume point (UTC, {@code yyyyMMdd'T'HHmmss'Z'}) from which the file's rows are
 * recomputed. A later run that resumes at R replaces exactly the files keyed R or later and keeps
 * the earlier ones; keys sort as their names do. The key of an order-book, trade or ticker row and
 * of a time bar is the start of its chunk; that of a volume bar the last resume point at or before
 * its bar_end (the final, incomplete bar: the run's last one).
 */
public final class FileKeys {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("^part-(\\d{8}T\\d{6}Z)-\\d{5}\\.[a-z]+$");
  /** The key of files whose rows no resume point precedes (a first run's earliest). */
  private static final String BEGINNING = "00000000T000000Z";

  private FileKeys() {}

  /** The key as a file name has it. */
  public static String stamp(long keyMicros) {
    if (keyMicros == WrittenFile.NO_KEY) {
      return BEGINNING;
    }
    return STAMP.format(Instant.ofEpochSecond(Math.floorDiv(keyMicros, 1_000_000L)));
  }

  /** The {@code n}th file of a key in a partition. */
  public static String name(long keyMicros, int n, String extension) {
    return String.format("part-%s-%05d.%s", stamp(keyMicros), n, extension);
  }

  /** The stamp of a file named by {@link #name}; empty for any other name. */
  public static Optional<String> stampOf(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether a file so named is keyed at or after the resume point of this stamp. */
  public static boolean keyedFrom(String fileName, String fromStamp) {
    return stampOf(fileName).map(s -> s.compareTo(fromStamp) >= 0).orElse(false);
  }

  /** The key back from its stamp. */
  public static long parse(String stamp) {
    if (stamp.equals(BEGINNING)) {
      return WrittenFile.NO_KEY;
    }
    try {
      return Instant.from(STAMP.parse(stamp)).getEpochSecond() * 1_000_000L;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a file key: " + stamp, e);
    }
  }
}
