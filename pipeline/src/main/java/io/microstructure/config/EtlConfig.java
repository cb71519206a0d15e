package io.microstructure.config;

import io.microstructure.features.FeatureParameters;
import io.microstructure.input.CaptureTsUnitSetting;
import io.microstructure.input.ColumnNames;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.pipeline.ChannelChoice;
import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.Mode;
import io.microstructure.storage.Redaction;
import io.microstructure.transforms.ReadChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The run configuration of {@code bin/etl run --config FILE}: storage, source, channels, mode,
 * filters, the parameters of features.md and the runner. Every key is optional and defaults to the
 * embedded {@code default.yaml}; unknown keys, wrong types and impossible values fail at once with
 * the file and the key in the message.
 */
public final class EtlConfig {
  /** S3 access for s3:// roots. Secrets are never printed. */
  public static final class S3 {
    public String region;
    public String endpoint;
    public Boolean pathStyle;
    public String credentials = "default";
    public String profile;
    public String accessKeyId;
    public String secretAccessKey;

    @Override
    public String toString() {
      return "S3{region="
          + region
          + ", endpoint="
          + endpoint
          + ", pathStyle="
          + pathStyle
          + ", credentials="
          + credentials
          + (profile == null ? "" : ", profile=" + profile)
          + "}";
    }
  }

  public static final String DEFAULT_RESOURCE = "io/microstructure/config/default.yaml";

  public String file;
  public String inputRoot;
  public String legacyInput;
  public String outputRoot;
  public final S3 s3 = new S3();
  public String source;
  public List<ChannelChoice> channels;
  public Mode mode;
  /** The order book's replay in chunks of this many minutes of each market; 0: markets whole. */
  public ChunkSize chunk;
  /** Process only what is new since the last complete run (--incremental). */
  public boolean incremental;
  /** Incremental runs over the input a wave of this length at a time (--waves); null: one run. */
  public java.time.Duration waves;
  public CaptureTsUnitSetting captureTsUnit;
  public String captureTsMin;
  public long captureTsMaxAheadHours;

  /**
   * input.columns: per channel, the contract's column name to the files' name for it, as {@code
   * channel.ours=theirs} entries (the pipeline option's form).
   */
  public List<String> inputColumns = new ArrayList<>();
  public boolean skipUnreadableFiles;
  public ReadChannel.Reader orderbookReader;
  public List<String> exchanges;
  public List<String> symbols;
  public FeatureParameters features;
  public String runner;
  public Map<String, String> runnerOptions;

  /** The embedded default configuration. */
  public static EtlConfig defaults() {
    return parse("(embedded default.yaml)", "{}");
  }

  /** The text of the embedded default configuration. */
  public static String defaultText() {
    try (InputStream in = EtlConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A configuration file; its keys override the defaults. */
  public static EtlConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    // Before parsing: a file that does not parse must not show its secret in the error either.
    Redaction.rememberIn(text);
    return parse(file.toString(), text);
  }

  /** Parses a document; keys it lacks take the embedded defaults. */
  static EtlConfig parse(String file, String text) {
    Object defaults = yaml("(embedded default.yaml)", defaultText());
    Object document = yaml(file, text);
    YamlSection root = YamlSection.root(file, YamlSection.overlay(defaults, document, file));
    EtlConfig c = new EtlConfig();
    c.file = file;
    c.read(root);
    root.rejectUnknownKeys();
    return c;
  }

  private static Object yaml(String file, String text) {
    try {
      return new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
    } catch (MarkedYamlEngineException e) {
      throw new ConfigException(file + ": not valid YAML" + where(e));
    } catch (YamlEngineException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
  }

  /**
   * Line, column, problem and context of a YAML error, without the snippet of the file the parser
   * puts in its message: that line may hold a secret.
   */
  private static String where(MarkedYamlEngineException e) {
    StringBuilder b = new StringBuilder();
    e.getProblemMark().ifPresent(m -> b.append(" at ").append(position(m)));
    b.append(": ").append(e.getProblem() == null ? "syntax error" : e.getProblem());
    if (e.getContext() != null) {
      b.append(" (").append(e.getContext());
      e.getContextMark().ifPresent(m -> b.append(" at ").append(position(m)));
      b.append(')');
    }
    return b.toString().replace('\n', ' ');
  }

  private static String position(Mark m) {
    return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
  }

  private void read(YamlSection root) {
    source = root.string("source", "ccxt");
    if (source.isBlank() || source.contains("/")) {
      throw root.error("source", "must be a folder name, got \"" + source + "\"");
    }
    List<String> names = root.strings("channels", List.of("all"));
    if (names.isEmpty()) {
      throw root.error(
          "channels", "must name at least one channel (orderbook, trades, ticker, all)");
    }
    channels = new ArrayList<>();
    for (String ch : names) {
      try {
        channels.add(ChannelChoice.parse(ch));
      } catch (IllegalArgumentException e) {
        throw root.error("channels", e.getMessage());
      }
    }
    String m = root.string("mode", "hybrid");
    try {
      mode = Mode.parse(m);
    } catch (IllegalArgumentException e) {
      throw root.error("mode", e.getMessage());
    }
    String c = root.string("chunk", ChunkSize.AUTO.toString());
    try {
      chunk = ChunkSize.parse(c);
    } catch (IllegalArgumentException e) {
      throw root.error("chunk", e.getMessage());
    }
    incremental = root.bool("incremental", false);
    String w = root.string("waves", null);
    if (w != null) {
      try {
        waves = ChunkSize.parseWave(w);
      } catch (IllegalArgumentException e) {
        throw root.error("waves", e.getMessage());
      }
    }

    YamlSection storage = root.section("storage");
    YamlSection storageInput = storage.section("input");
    inputRoot = storageInput.string("root", null);
    legacyInput = storageInput.string("legacy", null);
    outputRoot = storage.section("output").string("root", null);
    YamlSection s3Section = storage.section("s3");
    s3.region = s3Section.string("region", null);
    s3.endpoint = s3Section.string("endpoint", null);
    s3.pathStyle = s3Section.has("path_style") ? s3Section.bool("path_style", false) : null;
    YamlSection creds = s3Section.section("credentials");
    s3.credentials = creds.string("provider", "default");
    if (!List.of("default", "environment", "profile", "static").contains(s3.credentials)) {
      throw creds.error(
          "provider",
          "must be default, environment, profile or static, got \"" + s3.credentials + "\"");
    }
    s3.profile = creds.string("profile", null);
    s3.accessKeyId = creds.string("access_key_id", null);
    s3.secretAccessKey = creds.string("secret_access_key", null);
    Redaction.remember(s3.accessKeyId);
    Redaction.remember(s3.secretAccessKey);
    if (s3.credentials.equals("static") && (s3.accessKeyId == null || s3.secretAccessKey == null)) {
      throw creds.error("provider", "static credentials need access_key_id and secret_access_key");
    }
    if (s3.credentials.equals("profile") && s3.profile == null) {
      throw creds.error("profile", "the profile provider needs a profile name");
    }

    YamlSection input = root.section("input");
    String unit = input.string("capture_ts_unit", "auto");
    if (!List.of("auto", "ms", "us", "ns").contains(unit)) {
      throw input.error("capture_ts_unit", "must be auto, ms, us or ns, got \"" + unit + "\"");
    }
    captureTsUnit = CaptureTsUnitSetting.parse(unit);
    captureTsMin = input.instant("capture_ts_min", CaptureTsRange.DEFAULT_MIN).toString();
    captureTsMaxAheadHours =
        input.integer("capture_ts_max_ahead_hours", CaptureTsRange.DEFAULT_MAX_AHEAD_HOURS);
    if (captureTsMaxAheadHours < 0) {
      throw input.error(
          "capture_ts_max_ahead_hours", "must be >= 0, got " + captureTsMaxAheadHours);
    }
    skipUnreadableFiles = input.bool("skip_unreadable_files", false);
    YamlSection columns = input.section("columns");
    inputColumns = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      Map<String, String> mapped = columns.stringMap(channel.folder());
      for (Map.Entry<String, String> e : mapped.entrySet()) {
        if (!ColumnNames.known(channel).contains(e.getKey())) {
          throw columns.error(
              channel.folder() + "." + e.getKey(),
              "no such " + channel.folder() + " column; the columns are "
                  + ColumnNames.known(channel));
        }
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw columns.error(channel.folder() + "." + e.getKey(), "names no column");
        }
        inputColumns.add(channel.folder() + "." + e.getKey() + "=" + e.getValue());
      }
    }
    String reader = input.string("orderbook_reader", "columnar");
    if (!List.of("columnar", "avro").contains(reader)) {
      throw input.error("orderbook_reader", "must be columnar or avro, got \"" + reader + "\"");
    }
    orderbookReader = ReadChannel.Reader.parse(reader);

    YamlSection filters = root.section("filters");
    exchanges = filters.strings("exchanges", List.of());
    symbols = filters.strings("symbols", List.of());

    features = readFeatures(root.section("features"));

    YamlSection runnerSection = root.section("runner");
    runner = runnerSection.string("name", "DirectRunner");
    runnerOptions = runnerSection.stringMap("options");
  }

  private static FeatureParameters readFeatures(YamlSection f) {
    FeatureParameters d = FeatureParameters.defaults();
    long maxLevels = positive(f, "max_levels", f.integer("max_levels", d.maxLevels()));
    long[] depthLevels = f.longs("depth_levels", toLongs(d.depthLevels()));
    for (int i = 0; i < depthLevels.length; i++) {
      if (depthLevels[i] < 1 || depthLevels[i] > maxLevels) {
        throw f.error(
            "depth_levels",
            "entries must lie in [1, max_levels = " + maxLevels + "], got " + depthLevels[i]);
      }
    }
    double[] bands = f.doubles("depth_bands_bps", d.depthBandsBps());
    for (double b : bands) {
      if (!(b > 0) || !Double.isFinite(b)) {
        throw f.error("depth_bands_bps", "entries must be positive, got " + b);
      }
    }
    long ofiLevels = positive(f, "ofi_levels", f.integer("ofi_levels", d.ofiLevels()));
    if (ofiLevels > maxLevels) {
      throw f.error("ofi_levels", "must not exceed max_levels = " + maxLevels);
    }
    double alpha = f.number("ofi_decay_alpha", d.ofiDecayAlpha());
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw f.error("ofi_decay_alpha", "must be >= 0, got " + alpha);
    }
    double halfLife =
        positive(f, "ofi_half_life", f.number("ofi_half_life", d.ofiHalfLifeMicros() / 1e6));
    long[] horizons = f.longs("horizons", d.horizonsSeconds());
    requirePositive(f, "horizons", horizons);
    long[] bars = f.longs("bar_durations", d.barDurationsSeconds());
    requirePositive(f, "bar_durations", bars);
    double maxGap = positive(f, "max_gap", f.number("max_gap", d.maxGapMicros() / 1e6));
    double regime =
        positive(
            f,
            "spread_regime_window",
            f.number("spread_regime_window", d.spreadRegimeWindowMicros() / 1e6));
    long vpinWindow = positive(f, "vpin_window", f.integer("vpin_window", d.vpinWindow()));
    FeatureParameters.Builder b =
        FeatureParameters.builder()
            .maxLevels((int) maxLevels)
            .depthLevels(toInts(depthLevels))
            .depthBandsBps(bands)
            .ofiLevels((int) ofiLevels)
            .ofiDecayAlpha(alpha)
            .ofiHalfLifeSeconds(halfLife)
            .horizonsSeconds(horizons)
            .barDurationsSeconds(bars)
            .maxGapSeconds(maxGap)
            .spreadRegimeWindowSeconds(regime)
            .vpinWindow((int) vpinWindow);
    for (Map.Entry<String, Double> e : f.numberMap("vpin_bucket_volume").entrySet()) {
      if (!(e.getValue() > 0)) {
        throw f.error("vpin_bucket_volume." + e.getKey(), "must be > 0, got " + e.getValue());
      }
      b.vpinBucketVolume(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Double> e : f.numberMap("volume_bar_size").entrySet()) {
      if (!(e.getValue() > 0)) {
        throw f.error("volume_bar_size." + e.getKey(), "must be > 0, got " + e.getValue());
      }
      b.volumeBarSize(e.getKey(), e.getValue());
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw f.error(e.getMessage());
    }
  }

  private static long positive(YamlSection s, String key, long v) {
    if (v <= 0) {
      throw s.error(key, "must be > 0, got " + v);
    }
    return v;
  }

  private static double positive(YamlSection s, String key, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw s.error(key, "must be > 0, got " + v);
    }
    return v;
  }

  private static void requirePositive(YamlSection s, String key, long[] values) {
    if (values.length == 0) {
      throw s.error(key, "must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] <= 0) {
        throw s.error(key + "[" + i + "]", "must be > 0, got " + values[i]);
      }
    }
  }

  private static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static int[] toInts(long[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }
}
