package io.microstructure.pipeline;

import io.microstructure.input.CaptureTsUnitSetting;
import io.microstructure.transforms.ReadChannel;

import io.microstructure.features.FeatureParameters;
import io.microstructure.model.CaptureTsRange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Every knob of a run: where data is, how to read it, and the parameters of features.md. */
public interface MicrostructureOptions extends PipelineOptions {

  @Description(
      "Raw root holding ready/<source>/{orderbook,trades,ticker}/segment_*.parquet"
          + " (local folder or s3://bucket/prefix)")
  String getRawRoot();

  void setRawRoot(String value);

  @Description("Output root; tables go to <output root>/<source>/..., dead letters to _rejected/")
  @Validation.Required
  String getOutputRoot();

  void setOutputRoot(String value);

  @Description(
      "Legacy mixed NDJSON input instead of the raw root: a folder of *.ndjson[.gz] files or a"
          + " glob. Replayed in arrival order (the truth the Parquet path reconstructs).")
  String getLegacyInput();

  void setLegacyInput(String value);

  @Description(
      "Channels whose feature tables to produce: orderbook (hf and time bars; reads trades too),"
          + " trades (trade rows and volume bars), ticker, or all")
  @Default.InstanceFactory(Defaults.AllChannels.class)
  List<ChannelChoice> getChannels();

  void setChannels(List<ChannelChoice> value);

  @Description(
      "hybrid: the full feature set (structural ParDo, per-market replay, bars); vectorized:"
          + " structural features only, no shuffle")
  @Default.Enum("HYBRID")
  Mode getMode();

  void setMode(Mode value);

  @Description("Keep only these exchanges (empty: all); applied right after reading")
  @Default.InstanceFactory(Defaults.Nothing.class)
  List<String> getExchanges();

  void setExchanges(List<String> value);

  @Description("Keep only these symbols, CCXT or path-safe form (empty: all)")
  @Default.InstanceFactory(Defaults.Nothing.class)
  List<String> getSymbols();

  void setSymbols(List<String> value);

  @Description("Source name: the folder under ready/ and the first level of the output")
  @Default.String("ccxt")
  String getSource();

  void setSource(String value);

  @Description(
      "Unit of a capture_ts stored as plain int64 without a timestamp type: auto (detected per"
          + " file from the values, cross-checked with the segment name), ms, us or ns")
  @Default.Enum("AUTO")
  CaptureTsUnitSetting getCaptureTsUnit();

  void setCaptureTsUnit(CaptureTsUnitSetting value);

  @Description(
      "Skip raw files that are not readable Parquet or lack a required column (listed in the"
          + " dead letters) instead of failing the run")
  @Default.Boolean(false)
  boolean getSkipUnreadableFiles();

  void setSkipUnreadableFiles(boolean value);

  @Description(
      "Earliest capture_ts accepted, a UTC instant; earlier rows are dead letters (a zero or"
          + " garbled timestamp would otherwise land in a 1970 partition)")
  @Default.String(CaptureTsRange.DEFAULT_MIN_TEXT)
  String getCaptureTsMin();

  void setCaptureTsMin(String value);

  @Description(
      "Latest capture_ts accepted, in hours after the wall clock when the pipeline is built;"
          + " later rows are dead letters")
  @Default.Long(CaptureTsRange.DEFAULT_MAX_AHEAD_HOURS)
  long getCaptureTsMaxAheadHours();

  void setCaptureTsMaxAheadHours(long value);

  @Description(
      "Input column names that differ from the contract's, as channel.column=name entries, e.g."
          + " ticker.bid_volume=bidVolume,trades.id=tradeId (built in: orderbook.amount=size,"
          + " trades.id=trade_id)")
  List<String> getInputColumns();

  void setInputColumns(List<String> value);

  @Description(
      "How the order-book channel is decoded: columnar (parquet-column readers straight into"
          + " arrays; files of a layout it does not handle fall back to avro) or avro (parquet-avro"
          + " GenericRecords, the reference). Trades and ticker always use avro.")
  @Default.Enum("COLUMNAR")
  ReadChannel.Reader getOrderbookReader();

  void setOrderbookReader(ReadChannel.Reader value);

  @Description(
      "Id of the run: its record is <output root>/_runs/<run id>.json and it stages its files in"
          + " <output root>/_temporary/<run id>/ (default: its UTC start time and a random suffix)")
  String getRunId();

  void setRunId(String value);

  @Description(
      "How much of a market one replay holds: auto (1h chunks on Flink, Spark and Dataflow, whole"
          + " markets on the DirectRunner), whole, or a chunk length such as 15m, 1h or 1d (fixed"
          + " UTC chunks; every value equals one pass over the market either way)")
  @Default.InstanceFactory(Defaults.Chunk.class)
  ChunkSize getChunk();

  void setChunk(ChunkSize value);

  @Description(
      "Process only what is new: segments new or changed since the last complete run, from the"
          + " resume point its state recorded in the output root, rewriting only the files of the"
          + " chunks recomputed (README, \"Incremental runs\"); the first such run computes"
          + " everything and records the state. Replays chunks (1h unless --chunk says otherwise)")
  @Default.Boolean(false)
  boolean getIncremental();

  void setIncremental(boolean value);

  @Description("max_levels: book levels per side that features use")
  @Default.InstanceFactory(Defaults.MaxLevels.class)
  int getMaxLevels();

  void setMaxLevels(int value);

  @Description("depth_levels: L of bid_depth_L, ask_depth_L, imbalance_L, *_vwap_L")
  @Default.InstanceFactory(Defaults.DepthLevels.class)
  List<Integer> getDepthLevels();

  void setDepthLevels(List<Integer> value);

  @Description("depth_bands_bps: B of *_band_depth_B and band_imbalance_B")
  @Default.InstanceFactory(Defaults.DepthBands.class)
  List<Double> getDepthBandsBps();

  void setDepthBandsBps(List<Double> value);

  @Description("ofi_levels: M, levels of multi-level OFI")
  @Default.InstanceFactory(Defaults.OfiLevels.class)
  int getOfiLevels();

  void setOfiLevels(int value);

  @Description("ofi_decay_alpha: level decay of mlofi")
  @Default.InstanceFactory(Defaults.OfiDecayAlpha.class)
  double getOfiDecayAlpha();

  void setOfiDecayAlpha(double value);

  @Description("ofi_half_life in seconds: time decay of ofi_ewm")
  @Default.InstanceFactory(Defaults.OfiHalfLife.class)
  double getOfiHalfLifeSeconds();

  void setOfiHalfLifeSeconds(double value);

  @Description("horizons in seconds: rolling windows and forward returns")
  @Default.InstanceFactory(Defaults.Horizons.class)
  List<Long> getHorizons();

  void setHorizons(List<Long> value);

  @Description("bar_durations in seconds: time bars")
  @Default.InstanceFactory(Defaults.BarDurations.class)
  List<Long> getBarDurations();

  void setBarDurations(List<Long> value);

  @Description("max_gap in seconds: a longer gap between snapshots starts a new run")
  @Default.InstanceFactory(Defaults.MaxGap.class)
  double getMaxGapSeconds();

  void setMaxGapSeconds(double value);

  @Description("spread_regime_window in seconds")
  @Default.InstanceFactory(Defaults.SpreadRegimeWindow.class)
  double getSpreadRegimeWindowSeconds();

  void setSpreadRegimeWindowSeconds(double value);

  @Description(
      "vpin_bucket_volume per symbol as JSON, e.g. {\"BTC/USDT\": 25}; unset symbols: about 50"
          + " buckets per hour of their trades")
  @Default.InstanceFactory(Defaults.NoSizes.class)
  Map<String, Double> getVpinBucketVolume();

  void setVpinBucketVolume(Map<String, Double> value);

  @Description("volume_bar_size per symbol as JSON; unset symbols: about 50 bars per hour")
  @Default.InstanceFactory(Defaults.NoSizes.class)
  Map<String, Double> getVolumeBarSize();

  void setVolumeBarSize(Map<String, Double> value);

  @Description("vpin_window: complete buckets averaged by vpin")
  @Default.InstanceFactory(Defaults.VpinWindow.class)
  int getVpinWindow();

  void setVpinWindow(int value);

  /**
   * Defaults of the feature parameters, taken from {@link FeatureParameters#defaults()}: the one
   * place they are set (the Dataflow template's metadata is checked against these).
   */
  final class Defaults {
    private Defaults() {}

    private static final FeatureParameters FEATURES = FeatureParameters.defaults();

    public static final class Chunk implements DefaultValueFactory<ChunkSize> {
      @Override
      public ChunkSize create(PipelineOptions options) {
        return ChunkSize.AUTO;
      }
    }

    public static final class MaxLevels implements DefaultValueFactory<Integer> {
      @Override
      public Integer create(PipelineOptions options) {
        return FEATURES.maxLevels();
      }
    }

    public static final class OfiLevels implements DefaultValueFactory<Integer> {
      @Override
      public Integer create(PipelineOptions options) {
        return FEATURES.ofiLevels();
      }
    }

    public static final class OfiDecayAlpha implements DefaultValueFactory<Double> {
      @Override
      public Double create(PipelineOptions options) {
        return FEATURES.ofiDecayAlpha();
      }
    }

    public static final class OfiHalfLife implements DefaultValueFactory<Double> {
      @Override
      public Double create(PipelineOptions options) {
        return FEATURES.ofiHalfLifeMicros() / 1e6;
      }
    }

    public static final class MaxGap implements DefaultValueFactory<Double> {
      @Override
      public Double create(PipelineOptions options) {
        return FEATURES.maxGapMicros() / 1e6;
      }
    }

    public static final class SpreadRegimeWindow implements DefaultValueFactory<Double> {
      @Override
      public Double create(PipelineOptions options) {
        return FEATURES.spreadRegimeWindowMicros() / 1e6;
      }
    }

    public static final class VpinWindow implements DefaultValueFactory<Integer> {
      @Override
      public Integer create(PipelineOptions options) {
        return FEATURES.vpinWindow();
      }
    }

    public static final class Nothing implements DefaultValueFactory<List<String>> {
      @Override
      public List<String> create(PipelineOptions options) {
        return List.of();
      }
    }

    public static final class NoSizes implements DefaultValueFactory<Map<String, Double>> {
      @Override
      public Map<String, Double> create(PipelineOptions options) {
        return Map.of();
      }
    }

    public static final class AllChannels implements DefaultValueFactory<List<ChannelChoice>> {
      @Override
      public List<ChannelChoice> create(PipelineOptions options) {
        return List.of(ChannelChoice.ALL);
      }
    }

    public static final class DepthLevels implements DefaultValueFactory<List<Integer>> {
      @Override
      public List<Integer> create(PipelineOptions options) {
        return Arrays.stream(FeatureParameters.defaults().depthLevels())
            .boxed()
            .collect(Collectors.toList());
      }
    }

    public static final class DepthBands implements DefaultValueFactory<List<Double>> {
      @Override
      public List<Double> create(PipelineOptions options) {
        return Arrays.stream(FeatureParameters.defaults().depthBandsBps())
            .boxed()
            .collect(Collectors.toList());
      }
    }

    public static final class Horizons implements DefaultValueFactory<List<Long>> {
      @Override
      public List<Long> create(PipelineOptions options) {
        return Arrays.stream(FeatureParameters.defaults().horizonsSeconds())
            .boxed()
            .collect(Collectors.toList());
      }
    }

    public static final class BarDurations implements DefaultValueFactory<List<Long>> {
      @Override
      public List<Long> create(PipelineOptions options) {
        return Arrays.stream(FeatureParameters.defaults().barDurationsSeconds())
            .boxed()
            .collect(Collectors.toList());
      }
    }
  }
}
