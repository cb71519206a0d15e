package io.microstructure.config;

import io.microstructure.features.FeatureParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration as Beam pipeline arguments ({@code --name=value} of MicrostructureOptions and of
 * the runner), with explicit pass-through arguments taking precedence over the config's values.
 */
public final class ConfigOptions {
  private ConfigOptions() {}

  public static List<String> toArgs(EtlConfig c, List<String> passThrough) {
    Map<String, String> args = new LinkedHashMap<>();
    put(args, "rawRoot", c.inputRoot);
    put(args, "legacyInput", c.legacyInput);
    put(args, "outputRoot", c.outputRoot);
    put(args, "source", c.source);
    put(args, "channels", String.join(",", c.channels));
    put(args, "mode", c.mode.toString());
    put(args, "captureTsUnit", c.captureTsUnit);
    put(args, "captureTsMin", c.captureTsMin);
    put(args, "captureTsMaxAheadHours", String.valueOf(c.captureTsMaxAheadHours));
    put(args, "skipUnreadableFiles", String.valueOf(c.skipUnreadableFiles));
    put(args, "orderbookReader", c.orderbookReader);
    if (!c.inputColumns.isEmpty()) {
      put(args, "inputColumns", String.join(",", c.inputColumns));
    }
    if (!c.exchanges.isEmpty()) {
      put(args, "exchanges", String.join(",", c.exchanges));
    }
    if (!c.symbols.isEmpty()) {
      put(args, "symbols", String.join(",", c.symbols));
    }
    FeatureParameters f = c.features;
    put(args, "maxLevels", String.valueOf(f.maxLevels()));
    put(args, "depthLevels", join(Arrays.stream(f.depthLevels()).mapToObj(String::valueOf)));
    put(args, "depthBandsBps", join(Arrays.stream(f.depthBandsBps()).mapToObj(String::valueOf)));
    put(args, "ofiLevels", String.valueOf(f.ofiLevels()));
    put(args, "ofiDecayAlpha", String.valueOf(f.ofiDecayAlpha()));
    put(args, "ofiHalfLifeSeconds", String.valueOf(f.ofiHalfLifeMicros() / 1e6));
    put(args, "horizons", join(Arrays.stream(f.horizonsSeconds()).mapToObj(String::valueOf)));
    put(
        args,
        "barDurations",
        join(Arrays.stream(f.barDurationsSeconds()).mapToObj(String::valueOf)));
    put(args, "maxGapSeconds", String.valueOf(f.maxGapMicros() / 1e6));
    put(args, "spreadRegimeWindowSeconds", String.valueOf(f.spreadRegimeWindowMicros() / 1e6));
    put(args, "vpinWindow", String.valueOf(f.vpinWindow()));
    if (!f.vpinBucketVolumes().isEmpty()) {
      put(args, "vpinBucketVolume", json(f.vpinBucketVolumes()));
    }
    if (!f.volumeBarSizes().isEmpty()) {
      put(args, "volumeBarSize", json(f.volumeBarSizes()));
    }
    put(args, "runner", c.runner);
    c.runnerOptions.forEach((k, v) -> put(args, k, v));
    for (String a : passThrough) {
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        args.put(
            eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
      }
    }
    List<String> out = new ArrayList<>();
    args.forEach((k, v) -> out.add("--" + k + "=" + v));
    return out;
  }

  private static void put(Map<String, String> args, String name, String value) {
    if (value != null) {
      args.put(name, value);
    }
  }

  private static String join(java.util.stream.Stream<String> values) {
    return values.collect(Collectors.joining(","));
  }

  private static String json(Map<String, Double> sizes) {
    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
    sizes.forEach(o::addProperty);
    return o.toString();
  }
}
