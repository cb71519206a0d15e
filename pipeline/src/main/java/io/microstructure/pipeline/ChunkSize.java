package io.microstructure.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a market one replay holds ({@code --chunk}, config {@code chunk}): {@code auto}, the
 * default; {@code whole}, each market in one piece; or a duration ({@code 90s}, {@code 15m},
 * {@code 1h}, {@code 1d}, or ISO-8601 {@code PT1H}), the market cut into fixed UTC chunks of it.
 * Every value equals one pass over the market whichever is chosen.
 *
 * <p>{@code auto} is {@value #AUTO_CHUNK_TEXT} chunks on runners that spill their shuffles (Flink,
 * Spark, Dataflow), where chunks bound a worker's memory, and whole markets on the DirectRunner,
 * which holds every GroupByKey in memory anyway and where chunks only add work (README, "Chunked
 * markets").
 */
public final class ChunkSize implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String AUTO_CHUNK_TEXT = "1h";
  /** The chunk of {@code auto} on runners that spill their shuffles. */
  public static final Duration AUTO_CHUNK = Duration.ofHours(1);

  public static final ChunkSize AUTO = new ChunkSize("auto", null);
  public static final ChunkSize WHOLE = new ChunkSize("whole", Duration.ZERO);

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|min|h|d)");

  private final String text;
  private final Duration duration; // null for auto; ZERO for whole markets

  private ChunkSize(String text, Duration duration) {
    this.text = text;
    this.duration = duration;
  }

  /** A chunk of this length (positive). */
  public static ChunkSize of(Duration chunk) {
    if (chunk.isNegative() || chunk.isZero()) {
      throw new IllegalArgumentException("a chunk must be longer than 0, got " + chunk);
    }
    return new ChunkSize(format(chunk), chunk);
  }

  /**
   * The length of a wave of {@code etl run --waves}: a duration as a chunk's ({@code 6h}, {@code
   * 1d}), a whole number of seconds.
   */
  public static Duration parseWave(String s) {
    ChunkSize c = parse(s);
    if (c.duration == null || c.duration.isZero()) {
      throw new IllegalArgumentException("a wave is a duration such as 6h or 1d, got " + s);
    }
    return c.duration;
  }

  /** {@code auto}, {@code whole}, or a duration, any case. */
  @JsonCreator
  public static ChunkSize parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals(AUTO.text)) {
      return AUTO;
    }
    if (t.equals(WHOLE.text)) {
      return WHOLE;
    }
    Matcher m = SHORT.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "s":
            return of(Duration.ofSeconds(n));
          case "m":
          case "min":
            return of(Duration.ofMinutes(n));
          case "h":
            return of(Duration.ofHours(n));
          default:
            return of(Duration.ofDays(n));
        }
      }
      if (t.startsWith("pt") || t.startsWith("p")) {
        return of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      }
    } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "chunk '" + s + "': " + (e.getMessage() == null ? "not a duration" : e.getMessage()), e);
    }
    throw new IllegalArgumentException(
        "chunk '"
            + s
            + "': auto, whole, or a duration such as 90s, 15m, 1h, 1d or PT1H (a number needs a"
            + " unit)");
  }

  /**
   * The chunk length this setting means on a runner: {@link Duration#ZERO} for whole markets.
   *
   * @param runnerSpills whether the runner writes its shuffles ({@link
   *     io.microstructure.coders.ShuffleElements#runnerWritesShuffles}); not the DirectRunner
   */
  public Duration resolve(boolean runnerSpills) {
    if (duration != null) {
      return duration;
    }
    return runnerSpills ? AUTO_CHUNK : Duration.ZERO;
  }

  private static String format(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toString();
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkSize c && text.equals(c.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
