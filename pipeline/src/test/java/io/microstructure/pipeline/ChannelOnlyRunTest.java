package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --channel trades / --channel ticker without any order-book file. */
class ChannelOnlyRunTest {
  @TempDir Path dir;

  @Test
  void tradesAndTickerChannelsRunWithoutTheOrderBook() throws Exception {
    String raw = dir.resolve("raw").toString();
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(6))
            .seed(3)
            .writeNdjson(false)
            .build(),
        raw);
    try (Stream<Path> books = Files.walk(Path.of(raw, "ready", "ccxt", "orderbook"))) {
      books.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    String out = dir.resolve("out").toString();
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.as(DirectOptions.class).setEnforceImmutability(false);
    o.setRawRoot(raw);
    o.setOutputRoot(out);
    o.setChannels(List.of(ChannelChoice.TRADES, ChannelChoice.TICKER));
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);
    p.run().waitUntilFinish();

    assertThat(Path.of(out, "ccxt", "orderbook")).doesNotExist();
    try (DuckDb duck = new DuckDb()) {
      duck.execute(
          "CREATE VIEW valid_trades AS SELECT DISTINCT ON (exchange, symbol, id) * FROM"
              + " read_parquet('"
              + raw
              + "/ready/ccxt/trades/*.parquet') WHERE exchange IS NOT NULL AND symbol IS NOT NULL"
              + " AND capture_ts IS NOT NULL AND side IN ('buy', 'sell') AND isfinite(price) AND"
              + " price > 0 AND isfinite(amount) AND amount >= 0 ORDER BY exchange, symbol, id,"
              + " capture_ts, seq");
      String hf = "read_parquet('" + out + "/ccxt/trades/hf/**/*.parquet')";
      String bars = "read_parquet('" + out + "/ccxt/trades/volume_bars/**/*.parquet')";
      assertThat(duck.count("SELECT count(*) FROM " + hf))
          .isEqualTo(duck.count("SELECT count(*) FROM valid_trades"));
      // signed_amount and the side agree; the 60 s count of a trade counts itself.
      assertThat(
              duck.count(
                  "SELECT count(*) FROM "
                      + hf
                      + " WHERE signed_amount <> CASE side WHEN 'buy' THEN amount ELSE -amount END"
                      + " OR trade_count_60 < 1 OR trade_volume_60 < amount - 1e-12"))
          .isZero();
      // Volume bars conserve volume: per key, Σ bar volume = Σ trade amount; only the last may be
      // incomplete.
      assertThat(
              duck.count(
                  "SELECT count(*) FROM (SELECT exchange, symbol, sum(volume) v FROM "
                      + bars
                      + " GROUP BY ALL) b JOIN (SELECT exchange, symbol, sum(amount) v FROM"
                      + " valid_trades GROUP BY ALL) t USING (exchange, symbol) WHERE abs(b.v -"
                      + " t.v) > 1e-9 * t.v"))
          .isZero();
      assertThat(
              duck.count(
                  "SELECT count(*) FROM "
                      + bars
                      + " b WHERE NOT complete AND bar_index <>"
                      + " (SELECT max(bar_index) FROM "
                      + bars
                      + " x WHERE x.exchange = b.exchange AND x.symbol = b.symbol)"))
          .isZero();
      String ticker = "read_parquet('" + out + "/ccxt/ticker/hf/**/*.parquet')";
      assertThat(duck.count("SELECT count(*) FROM " + ticker)).isPositive();
      assertThat(
              duck.count(
                  "SELECT count(*) FROM "
                      + ticker
                      + " t JOIN read_parquet('"
                      + raw
                      + "/ready/ccxt/ticker/*.parquet') r USING (exchange, symbol, capture_ts)"
                      + " WHERE abs(t.ticker_mid - (r.bid + r.ask) / 2) > 1e-9 * t.ticker_mid"))
          .isZero();
    }
  }
}
