package io.microstructure.pipeline;

import io.microstructure.features.FeatureParameters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The feature parameters as options: each parameter's name in features.md and the YAML config,
 * its flag, and how its value goes from the options into {@link FeatureParameters} and back. The
 * one table the options, the config and the flag names in messages all use.
 */
public enum FeatureOption {
  MAX_LEVELS(
      "max_levels",
      "maxLevels",
      (o, b) -> b.maxLevels(o.getMaxLevels()),
      (p, o) -> o.setMaxLevels(p.maxLevels())),
  DEPTH_LEVELS(
      "depth_levels",
      "depthLevels",
      (o, b) -> b.depthLevels(o.getDepthLevels().stream().mapToInt(Integer::intValue).toArray()),
      (p, o) -> o.setDepthLevels(Arrays.stream(p.depthLevels()).boxed().toList())),
  DEPTH_BANDS_BPS(
      "depth_bands_bps",
      "depthBandsBps",
      (o, b) ->
          b.depthBandsBps(o.getDepthBandsBps().stream().mapToDouble(Double::doubleValue).toArray()),
      (p, o) -> o.setDepthBandsBps(Arrays.stream(p.depthBandsBps()).boxed().toList())),
  OFI_LEVELS(
      "ofi_levels",
      "ofiLevels",
      (o, b) -> b.ofiLevels(o.getOfiLevels()),
      (p, o) -> o.setOfiLevels(p.ofiLevels())),
  OFI_DECAY_ALPHA(
      "ofi_decay_alpha",
      "ofiDecayAlpha",
      (o, b) -> b.ofiDecayAlpha(o.getOfiDecayAlpha()),
      (p, o) -> o.setOfiDecayAlpha(p.ofiDecayAlpha())),
  OFI_HALF_LIFE(
      "ofi_half_life",
      "ofiHalfLifeSeconds",
      (o, b) -> b.ofiHalfLifeSeconds(o.getOfiHalfLifeSeconds()),
      (p, o) -> o.setOfiHalfLifeSeconds(p.ofiHalfLifeMicros() / 1e6)),
  HORIZONS(
      "horizons",
      "horizons",
      (o, b) -> b.horizonsSeconds(o.getHorizons().stream().mapToLong(Long::longValue).toArray()),
      (p, o) -> o.setHorizons(Arrays.stream(p.horizonsSeconds()).boxed().toList())),
  BAR_DURATIONS(
      "bar_durations",
      "barDurations",
      (o, b) ->
          b.barDurationsSeconds(o.getBarDurations().stream().mapToLong(Long::longValue).toArray()),
      (p, o) -> o.setBarDurations(Arrays.stream(p.barDurationsSeconds()).boxed().toList())),
  MAX_GAP(
      "max_gap",
      "maxGapSeconds",
      (o, b) -> b.maxGapSeconds(o.getMaxGapSeconds()),
      (p, o) -> o.setMaxGapSeconds(p.maxGapMicros() / 1e6)),
  SPREAD_REGIME_WINDOW(
      "spread_regime_window",
      "spreadRegimeWindowSeconds",
      (o, b) -> b.spreadRegimeWindowSeconds(o.getSpreadRegimeWindowSeconds()),
      (p, o) -> o.setSpreadRegimeWindowSeconds(p.spreadRegimeWindowMicros() / 1e6)),
  VPIN_WINDOW(
      "vpin_window",
      "vpinWindow",
      (o, b) -> b.vpinWindow(o.getVpinWindow()),
      (p, o) -> o.setVpinWindow(p.vpinWindow())),
  VPIN_BUCKET_VOLUME(
      "vpin_bucket_volume",
      "vpinBucketVolume",
      (o, b) -> o.getVpinBucketVolume().forEach(b::vpinBucketVolume),
      (p, o) -> o.setVpinBucketVolume(new LinkedHashMap<>(p.vpinBucketVolumes()))),
  VOLUME_BAR_SIZE(
      "volume_bar_size",
      "volumeBarSize",
      (o, b) -> o.getVolumeBarSize().forEach(b::volumeBarSize),
      (p, o) -> o.setVolumeBarSize(new LinkedHashMap<>(p.volumeBarSizes())));

  private final String parameter;
  private final String flag;
  private final BiConsumer<MicrostructureOptions, FeatureParameters.Builder> read;
  private final BiConsumer<FeatureParameters, MicrostructureOptions> write;

  FeatureOption(
      String parameter,
      String flag,
      BiConsumer<MicrostructureOptions, FeatureParameters.Builder> read,
      BiConsumer<FeatureParameters, MicrostructureOptions> write) {
    this.parameter = parameter;
    this.flag = flag;
    this.read = read;
    this.write = write;
  }

  /** The parameter's name in features.md, the YAML config and FeatureParameters' messages. */
  public String parameter() {
    return parameter;
  }

  /** The option's name: {@code --<flag>}. */
  public String flag() {
    return flag;
  }

  /** The feature parameters the options hold (checked by FeatureParameters' builder). */
  public static FeatureParameters read(MicrostructureOptions options) {
    FeatureParameters.Builder b = FeatureParameters.builder();
    for (FeatureOption f : values()) {
      f.read.accept(options, b);
    }
    return b.build();
  }

  /** Sets this parameter's option to its value in {@code params}. */
  public void write(FeatureParameters params, MicrostructureOptions options) {
    write.accept(params, options);
  }

  /** Parameter name → {@code --flag}, for messages. */
  public static Map<String, String> flagsByParameter() {
    return Arrays.stream(values())
        .collect(
            Collectors.toMap(
                FeatureOption::parameter, f -> "--" + f.flag, (a, b) -> a, LinkedHashMap::new));
  }
}
