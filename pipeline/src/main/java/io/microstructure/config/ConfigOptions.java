package io.microstructure.config;

import io.microstructure.pipeline.FeatureOption;
import io.microstructure.pipeline.MicrostructureOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A configuration applied to the pipeline's options. The runner's own options (the config's {@code
 * runner} section) can only reach Beam as arguments; everything of {@link MicrostructureOptions}
 * is set on the options object directly, typed, except where a pass-through flag set it already:
 * flags win over the config.
 */
public final class ConfigOptions {
  private ConfigOptions() {}

  /**
   * Beam arguments for the runner: {@code --runner} and the config's runner options, then the
   * pass-through arguments, which take precedence.
   */
  public static List<String> runnerArgs(EtlConfig c, List<String> passThrough) {
    Map<String, String> args = new LinkedHashMap<>();
    if (c.runner != null) {
      args.put("runner", c.runner);
    }
    args.putAll(c.runnerOptions);
    passThrough.forEach(a -> args.remove(name(a)));
    List<String> out = new ArrayList<>();
    args.forEach((k, v) -> out.add("--" + k + "=" + v));
    out.addAll(passThrough);
    return out;
  }

  /** The option names the arguments set ({@code --horizons=60} sets {@code horizons}). */
  public static Set<String> namesSetBy(List<String> args) {
    Set<String> names = new LinkedHashSet<>();
    for (String a : args) {
      if (a.startsWith("--")) {
        names.add(name(a));
      }
    }
    return names;
  }

  private static String name(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }

  /** Sets every option the config gives, except those named in {@code setByFlags}. */
  public static void applyTo(EtlConfig c, MicrostructureOptions o, Set<String> setByFlags) {
    Setter set = new Setter(setByFlags);
    set.option("rawRoot", c.inputRoot, o::setRawRoot);
    set.option("legacyInput", c.legacyInput, o::setLegacyInput);
    set.option("outputRoot", c.outputRoot, o::setOutputRoot);
    set.option("source", c.source, o::setSource);
    set.option("channels", c.channels, o::setChannels);
    set.option("mode", c.mode, o::setMode);
    set.option("chunk", c.chunk, o::setChunk);
    set.option("incremental", c.incremental, o::setIncremental);
    set.option("captureTsUnit", c.captureTsUnit, o::setCaptureTsUnit);
    set.option("captureTsMin", c.captureTsMin, o::setCaptureTsMin);
    set.option("captureTsMaxAheadHours", c.captureTsMaxAheadHours, o::setCaptureTsMaxAheadHours);
    set.option("skipUnreadableFiles", c.skipUnreadableFiles, o::setSkipUnreadableFiles);
    set.option("orderbookReader", c.orderbookReader, o::setOrderbookReader);
    if (!c.inputColumns.isEmpty()) {
      set.option("inputColumns", c.inputColumns, o::setInputColumns);
    }
    set.option("exchanges", c.exchanges, o::setExchanges);
    set.option("symbols", c.symbols, o::setSymbols);
    for (FeatureOption f : FeatureOption.values()) {
      if (!setByFlags.contains(f.flag())) {
        f.write(c.features, o);
      }
    }
  }

  /** Sets an option unless a flag did, or the config has no value for it. */
  private static final class Setter {
    private final Set<String> setByFlags;

    Setter(Set<String> setByFlags) {
      this.setByFlags = setByFlags;
    }

    <T> void option(String name, T value, Consumer<T> setter) {
      if (value != null && !setByFlags.contains(name)) {
        setter.accept(value);
      }
    }
  }
}
