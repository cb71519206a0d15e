package io.microstructure.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every parameter of features.md, with its default. Immutable and serializable so that DoFns can
 * carry it; times are held in microseconds because capture_ts is.
 */
public final class FeatureParameters implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final int maxLevels;
  private final int[] depthLevels;
  private final double[] depthBandsBps;
  private final int ofiLevels;
  private final double ofiDecayAlpha;
  private final long ofiHalfLifeMicros;
  private final long[] horizonsSeconds;
  private final long[] barDurationsSeconds;
  private final long maxGapMicros;
  private final long spreadRegimeWindowMicros;
  private final int vpinWindow;
  private final TreeMap<String, Double> vpinBucketVolume;
  private final TreeMap<String, Double> volumeBarSize;

  private FeatureParameters(Builder b) {
    this.maxLevels = b.maxLevels;
    this.depthLevels = b.depthLevels.clone();
    this.depthBandsBps = b.depthBandsBps.clone();
    this.ofiLevels = b.ofiLevels;
    this.ofiDecayAlpha = b.ofiDecayAlpha;
    this.ofiHalfLifeMicros = b.ofiHalfLifeMicros;
    this.horizonsSeconds = b.horizonsSeconds.clone();
    this.barDurationsSeconds = b.barDurationsSeconds.clone();
    this.maxGapMicros = b.maxGapMicros;
    this.spreadRegimeWindowMicros = b.spreadRegimeWindowMicros;
    this.vpinWindow = b.vpinWindow;
    this.vpinBucketVolume = new TreeMap<>(b.vpinBucketVolume);
    this.volumeBarSize = new TreeMap<>(b.volumeBarSize);
  }

  public static FeatureParameters defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxLevels = maxLevels;
    b.depthLevels = depthLevels.clone();
    b.depthBandsBps = depthBandsBps.clone();
    b.ofiLevels = ofiLevels;
    b.ofiDecayAlpha = ofiDecayAlpha;
    b.ofiHalfLifeMicros = ofiHalfLifeMicros;
    b.horizonsSeconds = horizonsSeconds.clone();
    b.barDurationsSeconds = barDurationsSeconds.clone();
    b.maxGapMicros = maxGapMicros;
    b.spreadRegimeWindowMicros = spreadRegimeWindowMicros;
    b.vpinWindow = vpinWindow;
    b.vpinBucketVolume = new TreeMap<>(vpinBucketVolume);
    b.volumeBarSize = new TreeMap<>(volumeBarSize);
    return b;
  }

  /** Only the first {@code max_levels} levels of each side are used. */
  public int maxLevels() {
    return maxLevels;
  }

  public int[] depthLevels() {
    return depthLevels.clone();
  }

  public double[] depthBandsBps() {
    return depthBandsBps.clone();
  }

  /** M: number of levels with their own ofi_m column and in mlofi. */
  public int ofiLevels() {
    return ofiLevels;
  }

  public double ofiDecayAlpha() {
    return ofiDecayAlpha;
  }

  public long ofiHalfLifeMicros() {
    return ofiHalfLifeMicros;
  }

  public long[] horizonsSeconds() {
    return horizonsSeconds.clone();
  }

  public long[] barDurationsSeconds() {
    return barDurationsSeconds.clone();
  }

  public long maxGapMicros() {
    return maxGapMicros;
  }

  public long spreadRegimeWindowMicros() {
    return spreadRegimeWindowMicros;
  }

  public int vpinWindow() {
    return vpinWindow;
  }

  /** Configured VPIN bucket volume for a symbol, or null when it must be derived from the data. */
  public Double vpinBucketVolume(String symbol) {
    return vpinBucketVolume.get(symbol);
  }

  /** Configured volume-bar size for a symbol, or null when it must be derived from the data. */
  public Double volumeBarSize(String symbol) {
    return volumeBarSize.get(symbol);
  }

  public Map<String, Double> vpinBucketVolumes() {
    return Collections.unmodifiableMap(vpinBucketVolume);
  }

  public Map<String, Double> volumeBarSizes() {
    return Collections.unmodifiableMap(volumeBarSize);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FeatureParameters)) {
      return false;
    }
    FeatureParameters that = (FeatureParameters) o;
    return maxLevels == that.maxLevels
        && ofiLevels == that.ofiLevels
        && Double.compare(ofiDecayAlpha, that.ofiDecayAlpha) == 0
        && ofiHalfLifeMicros == that.ofiHalfLifeMicros
        && maxGapMicros == that.maxGapMicros
        && spreadRegimeWindowMicros == that.spreadRegimeWindowMicros
        && vpinWindow == that.vpinWindow
        && Arrays.equals(depthLevels, that.depthLevels)
        && Arrays.equals(depthBandsBps, that.depthBandsBps)
        && Arrays.equals(horizonsSeconds, that.horizonsSeconds)
        && Arrays.equals(barDurationsSeconds, that.barDurationsSeconds)
        && vpinBucketVolume.equals(that.vpinBucketVolume)
        && volumeBarSize.equals(that.volumeBarSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxLevels,
        Arrays.hashCode(depthLevels),
        Arrays.hashCode(depthBandsBps),
        ofiLevels,
        ofiDecayAlpha,
        ofiHalfLifeMicros,
        Arrays.hashCode(horizonsSeconds),
        Arrays.hashCode(barDurationsSeconds),
        maxGapMicros,
        spreadRegimeWindowMicros,
        vpinWindow,
        vpinBucketVolume,
        volumeBarSize);
  }

  /** Builder with the defaults of features.md. */
  public static final class Builder {
    private int maxLevels = 20;
    private int[] depthLevels = {1, 3, 5, 10, 20};
    private double[] depthBandsBps = {5, 10, 25, 50, 100};
    private int ofiLevels = 10;
    private double ofiDecayAlpha = 0.5;
    private long ofiHalfLifeMicros = 10 * MICROS_PER_SECOND;
    private long[] horizonsSeconds = {5, 15, 60, 300, 900};
    private long[] barDurationsSeconds = {60, 300, 900, 3600};
    private long maxGapMicros = 300 * MICROS_PER_SECOND;
    private long spreadRegimeWindowMicros = 300 * MICROS_PER_SECOND;
    private int vpinWindow = 50;
    private TreeMap<String, Double> vpinBucketVolume = new TreeMap<>();
    private TreeMap<String, Double> volumeBarSize = new TreeMap<>();

    private Builder() {}

    public Builder maxLevels(int v) {
      maxLevels = v;
      return this;
    }

    public Builder depthLevels(int... v) {
      depthLevels = v.clone();
      return this;
    }

    public Builder depthBandsBps(double... v) {
      depthBandsBps = v.clone();
      return this;
    }

    public Builder ofiLevels(int v) {
      ofiLevels = v;
      return this;
    }

    public Builder ofiDecayAlpha(double v) {
      ofiDecayAlpha = v;
      return this;
    }

    public Builder ofiHalfLifeSeconds(double v) {
      ofiHalfLifeMicros = Math.round(v * MICROS_PER_SECOND);
      return this;
    }

    public Builder horizonsSeconds(long... v) {
      horizonsSeconds = v.clone();
      return this;
    }

    public Builder barDurationsSeconds(long... v) {
      barDurationsSeconds = v.clone();
      return this;
    }

    public Builder maxGapSeconds(double v) {
      maxGapMicros = Math.round(v * MICROS_PER_SECOND);
      return this;
    }

    public Builder spreadRegimeWindowSeconds(double v) {
      spreadRegimeWindowMicros = Math.round(v * MICROS_PER_SECOND);
      return this;
    }

    public Builder vpinWindow(int v) {
      vpinWindow = v;
      return this;
    }

    public Builder vpinBucketVolume(String symbol, double v) {
      vpinBucketVolume.put(symbol, v);
      return this;
    }

    public Builder volumeBarSize(String symbol, double v) {
      volumeBarSize.put(symbol, v);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first impossible parameter as {@code "<yaml key>
     *     <problem>, got <value>"}, e.g. {@code "horizons must be > 0, got -5"}
     */
    public FeatureParameters build() {
      require(maxLevels >= 1, "max_levels must be >= 1, got " + maxLevels);
      require(depthLevels.length > 0, "depth_levels must not be empty");
      for (int l : depthLevels) {
        require(
            l >= 1 && l <= maxLevels,
            "depth_levels must lie in [1, max_levels = " + maxLevels + "], got " + l);
      }
      for (double b : depthBandsBps) {
        require(b > 0 && Double.isFinite(b), "depth_bands_bps must be positive, got " + b);
      }
      require(
          ofiLevels >= 1 && ofiLevels <= maxLevels,
          "ofi_levels must lie in [1, max_levels = " + maxLevels + "], got " + ofiLevels);
      require(
          ofiDecayAlpha >= 0 && Double.isFinite(ofiDecayAlpha),
          "ofi_decay_alpha must be >= 0, got " + ofiDecayAlpha);
      require(
          ofiHalfLifeMicros > 0, "ofi_half_life must be > 0, got " + seconds(ofiHalfLifeMicros));
      for (long h : horizonsSeconds) {
        require(h > 0, "horizons must be > 0, got " + h);
      }
      for (long d : barDurationsSeconds) {
        require(d > 0, "bar_durations must be > 0, got " + d);
      }
      require(maxGapMicros > 0, "max_gap must be > 0, got " + seconds(maxGapMicros));
      require(
          spreadRegimeWindowMicros > 0,
          "spread_regime_window must be > 0, got " + seconds(spreadRegimeWindowMicros));
      require(vpinWindow >= 1, "vpin_window must be >= 1, got " + vpinWindow);
      vpinBucketVolume.forEach(
          (k, v) -> require(v > 0, "vpin_bucket_volume must be > 0, got " + v + " for " + k));
      volumeBarSize.forEach(
          (k, v) -> require(v > 0, "volume_bar_size must be > 0, got " + v + " for " + k));
      return new FeatureParameters(this);
    }

    private static double seconds(long micros) {
      return micros / (double) MICROS_PER_SECOND;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
