package io.microstructure.engine;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.microstructure.model.MarketKey;
import io.microstructure.output.FileKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The carries a run recorded at its resume points, as {@code _state/carries/<run-id>.json} in the
 * output root: format {@value #FORMAT}, version {@value #VERSION} (README, "Incremental runs",
 * documents every field). Doubles are written so that they read back to the same bits; NaN and
 * infinities as {@code NaN}, {@code Infinity}.
 */
public final class CarriesFile {
  public static final String FORMAT = "microstructure-carries";
  public static final int VERSION = 1;
  /** The folder of the carries files under the output root. */
  public static final String FOLDER = "_state/carries";

  /** A run's carries file, relative to the output root. */
  public static String path(String runId) {
    return FOLDER + "/" + runId + ".json";
  }

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .serializeSpecialFloatingPointValues()
          .setPrettyPrinting()
          .create();

  /** One market's carries, by resume point stamp ({@link FileKeys#stamp}). */
  public record MarketCarries(String exchange, String symbol, TreeMap<String, MarketCarry> carries) {}

  public String format = FORMAT;
  public int version = VERSION;
  /** The run's own start ({@link FileKeys#stamp}); the beginning for a first run. */
  public String resumeFrom;
  public long alignSeconds;
  /** The points the run recorded, in time order. */
  public List<String> points = new ArrayList<>();
  public List<MarketCarries> markets = new ArrayList<>();

  public CarriesFile() {}

  /** The file of a run: its carries by market and point (epoch µs). */
  public static CarriesFile of(
      Resume resume, List<Long> points, Map<MarketKey, Map<Long, MarketCarry>> byMarket) {
    CarriesFile f = new CarriesFile();
    f.resumeFrom = FileKeys.stamp(resume.from());
    f.alignSeconds = resume.alignMicros() / 1_000_000L;
    points.forEach(p -> f.points.add(FileKeys.stamp(p)));
    new TreeMap<>(byMarket)
        .forEach(
            (m, carries) -> {
              TreeMap<String, MarketCarry> stamped = new TreeMap<>();
              carries.forEach((p, c) -> stamped.put(FileKeys.stamp(p), c));
              f.markets.add(new MarketCarries(m.exchange(), m.symbol(), stamped));
            });
    return f;
  }

  /** The carries of every market at one of the recorded points. */
  public Map<MarketKey, MarketCarry> at(long point) {
    String stamp = FileKeys.stamp(point);
    Map<MarketKey, MarketCarry> out = new TreeMap<>();
    for (MarketCarries m : markets) {
      MarketCarry c = m.carries().get(stamp);
      if (c != null) {
        out.put(MarketKey.of(m.exchange(), m.symbol()), c);
      }
    }
    return out;
  }

  public String toJson() {
    return GSON.toJson(this) + "\n";
  }

  /** Parses a file; a malformed or unknown one is reported with its path. */
  public static CarriesFile fromJson(String json, String path) {
    CarriesFile f;
    try {
      f = GSON.fromJson(json, CarriesFile.class);
    } catch (JsonParseException e) {
      throw new IllegalStateException(path + ": not a carries file: " + e.getMessage(), e);
    }
    if (f == null || !FORMAT.equals(f.format)) {
      throw new IllegalStateException(path + ": not a " + FORMAT + " file");
    }
    if (f.version != VERSION) {
      throw new IllegalStateException(
          path + ": carries version " + f.version + ", this build reads version " + VERSION
              + "; run once without --incremental to start the state over");
    }
    return f;
  }
}
