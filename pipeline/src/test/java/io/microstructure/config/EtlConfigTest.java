package io.microstructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.features.FeatureParameters;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.pipeline.ChunkSize;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.MicrostructurePipeline;
import io.microstructure.pipeline.OptionsCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlConfigTest {
  @TempDir Path dir;

  private static EtlConfig parse(String yaml) {
    return EtlConfig.parse("test.yaml", yaml);
  }

  @Test
  void embeddedDefaultsAreTheSpecDefaults() {
    EtlConfig c = EtlConfig.defaults();
    assertThat(c.features).isEqualTo(FeatureParameters.defaults());
    assertThat(c.source).isEqualTo("ccxt");
    assertThat(c.channels).containsExactly(io.microstructure.pipeline.ChannelChoice.ALL);
    assertThat(c.mode).isEqualTo(io.microstructure.pipeline.Mode.HYBRID);
    assertThat(c.captureTsUnit).isEqualTo(io.microstructure.input.CaptureTsUnitSetting.AUTO);
    assertThat(java.time.Instant.parse(c.captureTsMin)).isEqualTo(CaptureTsRange.DEFAULT_MIN);
    assertThat(c.captureTsMaxAheadHours).isEqualTo(CaptureTsRange.DEFAULT_MAX_AHEAD_HOURS);
    assertThat(c.runner).isEqualTo("DirectRunner");
    assertThat(c.exchanges).isEmpty();
  }

  @Test
  void theShippedProductionExampleParses() {
    EtlConfig c = EtlConfig.load(Path.of("..", "config", "production.yaml"));
    assertThat(c.inputRoot).isEqualTo("s3://acme-market-data/raw");
    assertThat(c.s3.region).isEqualTo("eu-west-1");
    assertThat(c.features.vpinBucketVolume("BTC/USDT")).isEqualTo(50.0);
    assertThat(c.features.volumeBarSize("ETH/USDT")).isEqualTo(250.0);
    assertThat(c.runner).isEqualTo("FlinkRunner");
    assertThat(c.runnerOptions).containsEntry("parallelism", "8");
    assertThat(c.incremental).isTrue();
  }

  @Test
  void aFileOnlyNeedsTheKeysItChanges() {
    EtlConfig c = parse("features:\n  horizons: [30, 120]\nfilters:\n  symbols: BTC/USDT\n");
    assertThat(c.features.horizonsSeconds()).containsExactly(30, 120);
    assertThat(c.features.barDurationsSeconds()).containsExactly(60, 300, 900, 3600);
    assertThat(c.symbols).containsExactly("BTC/USDT");
  }

  @Test
  void theCaptureTsRangeIsConfiguredAndChecked() {
    EtlConfig c =
        parse(
            "input:\n  capture_ts_min: \"2020-01-01T00:00:00Z\"\n"
                + "  capture_ts_max_ahead_hours: 48\n");
    MicrostructureOptions o = applied(c, List.of());
    assertThat(o.getCaptureTsMin()).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(o.getCaptureTsMaxAheadHours()).isEqualTo(48);
    // Unquoted, YAML reads a timestamp; the same instant either way.
    assertThat(parse("input:\n  capture_ts_min: 2020-01-01T00:00:00Z\n").captureTsMin)
        .isEqualTo("2020-01-01T00:00:00Z");
    assertThatThrownBy(() -> parse("input:\n  capture_ts_min: last year\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "test.yaml: input.capture_ts_min: expected a UTC instant like 2009-01-01T00:00:00Z,"
                + " got the string \"last year\"");
    assertThatThrownBy(() -> parse("input:\n  capture_ts_max_ahead_hours: -1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("input.capture_ts_max_ahead_hours: must be >= 0, got -1");
  }

  @Test
  void incrementalRunsAndWavesAreConfigured() {
    EtlConfig plain = EtlConfig.defaults();
    assertThat(plain.incremental).isFalse();
    assertThat(plain.waves).isNull();
    assertThat(applied(plain, List.of()).getIncremental()).isFalse();
    EtlConfig c = parse("incremental: true\nwaves: 6h\n");
    assertThat(c.waves).isEqualTo(java.time.Duration.ofHours(6));
    assertThat(applied(c, List.of()).getIncremental()).isTrue();
    // A flag given on the command line wins over the file.
    assertThat(applied(c, List.of("--incremental=false")).getIncremental()).isFalse();
    assertThatThrownBy(() -> parse("waves: auto\n"))
        .hasMessageContaining("waves")
        .hasMessageContaining("a wave is a duration such as 6h or 1d, got auto");
    assertThatThrownBy(() -> parse("incremental: sometimes\n")).hasMessageContaining("incremental");
  }

  @Test
  void unknownKeysNameTheKeyAndTheLikelyOne() {
    assertThatThrownBy(() -> parse("features:\n  horizon: [5]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "test.yaml: unknown key 'features.horizon' (did you mean 'features.horizons'?)");
    assertThatThrownBy(() -> parse("colour: blue\n")).hasMessage("test.yaml: unknown key 'colour'");
  }

  @Test
  void wrongTypesNameTheKey() {
    assertThatThrownBy(() -> parse("features:\n  vpin_window: fifty\n"))
        .hasMessage(
            "test.yaml: features.vpin_window: expected an integer, got the string \"fifty\"");
    assertThatThrownBy(() -> parse("features:\n  horizons: [5, ten]\n"))
        .hasMessage("test.yaml: features.horizons[1]: expected an integer, got the string \"ten\"");
    assertThatThrownBy(() -> parse("storage: s3://bucket\n"))
        .hasMessage(
            "test.yaml: storage: expected a mapping of keys, got the string \"s3://bucket\"");
  }

  @Test
  void impossibleValuesNameTheKey() {
    assertThatThrownBy(() -> parse("features:\n  horizons: [5, -60]\n"))
        .hasMessage("test.yaml: features.horizons[1]: must be > 0, got -60");
    assertThatThrownBy(() -> parse("channels: []\n"))
        .hasMessageContaining("test.yaml: channels: must name at least one channel");
    assertThatThrownBy(() -> parse("channels: [orderbook, candles]\n"))
        .hasMessageContaining("test.yaml: channels: unknown channel 'candles'");
    assertThatThrownBy(() -> parse("mode: turbo\n"))
        .hasMessage("test.yaml: mode: unknown mode 'turbo' (hybrid, vectorized)");
    assertThatThrownBy(() -> parse("features:\n  depth_levels: [1, 50]\n"))
        .hasMessage(
            "test.yaml: features.depth_levels: entries must lie in [1, max_levels = 20], got 50");
    assertThatThrownBy(() -> parse("features:\n  vpin_bucket_volume: {BTC/USDT: 0}\n"))
        .hasMessage("test.yaml: features.vpin_bucket_volume.BTC/USDT: must be > 0, got 0.0");
    assertThatThrownBy(() -> parse("storage:\n  s3:\n    credentials:\n      provider: static\n"))
        .hasMessageContaining("storage.s3.credentials.provider: static credentials need");
  }

  @Test
  void unreadableFilesAndBrokenYamlAreOneLine() throws Exception {
    assertThatThrownBy(() -> EtlConfig.load(dir.resolve("missing.yaml")))
        .hasMessage("config file " + dir.resolve("missing.yaml") + " does not exist");
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "features:\n  horizons: [5, 15\n");
    assertThatThrownBy(() -> EtlConfig.load(broken))
        .isInstanceOf(ConfigException.class)
        // Where and what, from the parser's marks (the '[' of line 2 is column 13), without the
        // snippet of the file the parser would quote.
        .hasMessage(
            broken
                + ": not valid YAML at line 3, column 1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence at line 2, column 13)");
  }

  @Test
  void secretsNeverAppearInToString() {
    EtlConfig c =
        parse(
            "storage:\n  s3:\n    region: us-east-1\n    credentials:\n      provider: static\n"
                + "      access_key_id: AKIAEXAMPLE\n      secret_access_key: s3cr3t\n");
    assertThat(c.s3.toString())
        .contains("static")
        .doesNotContain("s3cr3t")
        .doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void configSetsTheOptionsWithFlagsWinning() {
    EtlConfig c =
        parse(
            "features:\n  horizons: [30]\n  max_gap: 2.5\n  vpin_bucket_volume: {BTC/USDT: 2.5}\n"
                + "runner:\n  name: DirectRunner\n  options: {targetParallelism: '3'}\n");
    c.inputRoot = "/raw";
    c.outputRoot = "/out";
    List<String> flags = List.of("--horizons=60", "--targetParallelism=2");
    MicrostructureOptions o = applied(c, flags);
    assertThat(o.getRawRoot()).isEqualTo("/raw");
    assertThat(o.getOutputRoot()).isEqualTo("/out");
    // The flag wins over the config's horizons; the config's other values are set as they are.
    assertThat(o.getHorizons()).containsExactly(60L);
    assertThat(o.getMaxGapSeconds()).isEqualTo(2.5);
    assertThat(o.getVpinBucketVolume()).containsExactly(Map.entry("BTC/USDT", 2.5));
    // The runner's options reach Beam as arguments, a flag replacing the config's.
    assertThat(ConfigOptions.runnerArgs(c, flags))
        .containsExactly("--runner=DirectRunner", "--horizons=60", "--targetParallelism=2");
    assertThat(o.as(org.apache.beam.runners.direct.DirectOptions.class).getTargetParallelism())
        .isEqualTo(2);
  }

  @Test
  void theDefaultConfigGivesTheOptionsTheirOwnDefaults() {
    // default.yaml and the options' defaults (from FeatureParameters.defaults()) are one set.
    EtlConfig c = EtlConfig.defaults();
    c.inputRoot = "/raw";
    c.outputRoot = "/out";
    MicrostructureOptions fromConfig = applied(c, List.of());
    MicrostructureOptions fromDefaults =
        PipelineOptionsFactory.fromArgs("--rawRoot=/raw", "--outputRoot=/out")
            .as(MicrostructureOptions.class);
    assertThat(MicrostructurePipeline.featureParameters(fromConfig))
        .isEqualTo(MicrostructurePipeline.featureParameters(fromDefaults))
        .isEqualTo(FeatureParameters.defaults());
    assertThat(fromConfig.getCaptureTsUnit()).isEqualTo(fromDefaults.getCaptureTsUnit());
    assertThat(fromConfig.getOrderbookReader()).isEqualTo(fromDefaults.getOrderbookReader());
    assertThat(fromConfig.getMode()).isEqualTo(fromDefaults.getMode());
    assertThat(fromConfig.getChannels()).isEqualTo(fromDefaults.getChannels());
    assertThat(fromConfig.getChunk()).isEqualTo(fromDefaults.getChunk()).isEqualTo(ChunkSize.AUTO);
  }

  @Test
  void theChunkReachesTheOptionsAndIsChecked() {
    assertThat(applied(parse("chunk: 15m\n"), List.of()).getChunk())
        .isEqualTo(ChunkSize.of(java.time.Duration.ofMinutes(15)));
    assertThat(applied(parse("chunk: 15m\n"), List.of("--chunk=whole")).getChunk())
        .isEqualTo(ChunkSize.WHOLE);
    assertThatThrownBy(() -> parse("chunk: 60\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yaml: chunk: chunk '60': auto, whole, or a duration")
        .hasMessageContaining("a number needs a unit");
  }

  /** Options as the CLI makes them: flags parsed by Beam, the config set on them. */
  private static MicrostructureOptions applied(EtlConfig c, List<String> flags) {
    if (c.inputRoot == null) {
      c.inputRoot = "/raw";
      c.outputRoot = "/out";
    }
    return OptionsCheck.parse(
        ConfigOptions.runnerArgs(c, flags),
        o -> ConfigOptions.applyTo(c, o, ConfigOptions.namesSetBy(flags)));
  }

  @Test
  void inputColumnsMapPerChannelAndReachTheOptions() throws Exception {
    assertThat(EtlConfig.defaults().inputColumns).isEmpty();
    Path f = dir.resolve("columns.yaml");
    Files.writeString(
        f,
        "input:\n  columns:\n    ticker: {bid_volume: bidVolume, base_volume: baseVolume}\n"
            + "    orderbook: {amount: qty}\n");
    EtlConfig c = EtlConfig.load(f);
    assertThat(c.inputColumns)
        .containsExactlyInAnyOrder(
            "orderbook.amount=qty", "ticker.bid_volume=bidVolume", "ticker.base_volume=baseVolume");
    assertThat(applied(c, List.of()).getInputColumns()).isEqualTo(c.inputColumns);
    Files.writeString(f, "input:\n  columns:\n    ticker: {bidVolume: bid_volume}\n");
    assertThatThrownBy(() -> EtlConfig.load(f))
        .hasMessageContaining("input.columns.ticker.bidVolume: no such ticker column");
    Files.writeString(f, "input:\n  columns:\n    book: {amount: qty}\n");
    assertThatThrownBy(() -> EtlConfig.load(f)).hasMessageContaining("book");
  }
}
