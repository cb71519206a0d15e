package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GenerationManifest.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File layout: hourly segments, names, one file per channel per hour, rows inside their hour. */
class SampleMarketLayoutTest {
  @TempDir Path dir;

  private static GeneratorConfig.Builder small() {
    return GeneratorConfig.builder()
        .symbols("BTC/USDT", "SOL/USDT")
        .snapshotHz(1)
        .bookLevels(5)
        .edgeCaseRate(0.01);
  }

  @Test
  void twoHoursGiveOneFilePerChannelPerHour() throws Exception {
    GenerationManifest m = SampleMarketGenerator.generate(small().hours(2).build(), dir.toString());
    String h0 = "segment_20260105T000000_20260105T010000";
    String h1 = "segment_20260105T010000_20260105T020000";
    for (String channel : List.of("orderbook", "trades", "ticker")) {
      Path d = dir.resolve("ready/ccxt").resolve(channel);
      try (Stream<Path> files = Files.list(d)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted())
            .containsExactly(h0 + ".parquet", h1 + ".parquet");
      }
    }
    try (Stream<Path> files = Files.list(dir.resolve("legacy/ccxt"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(h0 + ".ndjson.gz", h1 + ".ndjson.gz");
    }
    assertThat(m.files()).hasSize(8);

    try (Duck duck = new Duck()) {
      for (FileEntry f : m.files()) {
        if (f.channel().equals("legacy")) {
          continue;
        }
        String file = dir.resolve(f.path()).toString();
        assertThat(duck.scalar("SELECT count(*) FROM read_parquet('" + file + "')"))
            .as(f.path())
            .isEqualTo(f.rows())
            .isPositive();
        long from = Instant.parse(f.segmentStart()).toEpochMilli() * 1000;
        long to = Instant.parse(f.segmentEnd()).toEpochMilli() * 1000;
        assertThat(
                duck.scalar(
                    "SELECT count(*) FROM read_parquet('"
                        + file
                        + "') WHERE"
                        + " epoch_us(capture_ts) < "
                        + from
                        + " OR epoch_us(capture_ts) >= "
                        + to))
            .as(f.path())
            .isZero();
        assertThat(
                duck.scalar(
                    "SELECT count(DISTINCT (exchange, symbol)) FROM read_parquet('"
                        + file
                        + "') WHERE exchange IS NOT NULL AND symbol IS NOT NULL"))
            .isEqualTo(4);
        assertThat(
                duck.scalar(
                    "SELECT count(*) FROM (SELECT capture_ts, seq, lag(capture_ts)"
                        + " OVER w AS pts, lag(seq) OVER w AS pseq FROM read_parquet('"
                        + file
                        + "', file_row_number = true) WHERE capture_ts IS NOT NULL WINDOW w AS"
                        + " (ORDER BY file_row_number)) WHERE capture_ts < pts OR (capture_ts = pts"
                        + " AND seq < pseq)"))
            .as(f.path())
            .isZero();
      }
      // seq continues across the hour boundary (one capture process per exchange).
      duck.views(dir, "ccxt");
      assertThat(
              duck.scalar(
                  "SELECT count(*) - count(DISTINCT (exchange, seq)) FROM (SELECT exchange, seq"
                      + " FROM ob UNION ALL SELECT exchange, seq FROM tr UNION ALL SELECT exchange,"
                      + " seq FROM tk) WHERE exchange IS NOT NULL"))
          .isZero();
    }
    // One capture gap per hour of data, on the orderbook of the drawn key.
    assertThat(m.captureGaps().stream().filter(g -> g.channel().equals("orderbook"))).hasSize(2);
  }

  @Test
  void segmentsAreCutAtUtcHoursAndAtTheConfiguredEnds() throws Exception {
    GeneratorConfig cfg =
        small()
            .start(Instant.parse("2026-03-01T23:30:00Z"))
            .duration(Duration.ofMinutes(45))
            .gapsPerHour(0)
            .build();
    GenerationManifest m = SampleMarketGenerator.generate(cfg, dir.toString());
    assertThat(m.files("orderbook"))
        .extracting(FileEntry::path)
        .containsExactly(
            "ready/ccxt/orderbook/segment_20260301T233000_20260302T000000.parquet",
            "ready/ccxt/orderbook/segment_20260302T000000_20260302T001500.parquet");
    assertThat(m.files("legacy"))
        .extracting(FileEntry::path)
        .containsExactly(
            "legacy/ccxt/segment_20260301T233000_20260302T000000.ndjson.gz",
            "legacy/ccxt/segment_20260302T000000_20260302T001500.ndjson.gz");
    assertThat(m.captureGaps()).isEmpty();
    assertThat(m.timeSpan().firstCaptureTs()).startsWith("2026-03-01T23:30:0");
    assertThat(m.timeSpan().lastCaptureTs()).startsWith("2026-03-02T00:14:5");
  }

  @Test
  void outputRootMayEndWithASlashAndSourceIsConfigurable() throws Exception {
    GeneratorConfig cfg =
        small().duration(Duration.ofMinutes(2)).source("ccxt-test").writeNdjson(false).build();
    GenerationManifest m = SampleMarketGenerator.generate(cfg, dir + "/");
    assertThat(
            dir.resolve("ready/ccxt-test/trades/segment_20260105T000000_20260105T000200.parquet"))
        .exists();
    assertThat(dir.resolve("legacy")).doesNotExist();
    assertThat(m.files()).hasSize(3);
    assertThat(GenerationManifest.read(dir.toString())).isEqualTo(m);
  }

  @Test
  void fileUriRootsAreLocalPaths() throws Exception {
    GeneratorConfig cfg = small().duration(Duration.ofMinutes(1)).writeNdjson(false).build();
    GenerationManifest m = SampleMarketGenerator.generate(cfg, dir.toUri().toString());
    assertThat(dir.resolve("manifest.json")).exists();
    assertThat(dir.resolve(m.files().get(0).path())).exists();
    assertThat(GenerationManifest.read(dir.toUri().toString())).isEqualTo(m);
  }

  @Test
  void schemasAreTheRawChannelSchemas() throws Exception {
    SampleMarketGenerator.generate(small().duration(Duration.ofMinutes(2)).build(), dir.toString());
    try (Duck duck = new Duck()) {
      String ready = dir.resolve("ready/ccxt").toString();
      Map<String, List<String>> expected =
          Map.of(
              "orderbook",
                  List.of(
                      "exchange",
                      "symbol",
                      "capture_ts",
                      "timestamp",
                      "seq",
                      "nonce",
                      "bids",
                      "asks"),
              "trades",
                  List.of(
                      "exchange",
                      "symbol",
                      "capture_ts",
                      "timestamp",
                      "seq",
                      "id",
                      "side",
                      "price",
                      "amount",
                      "cost",
                      "taker_or_maker"),
              "ticker",
                  List.of(
                      "exchange",
                      "symbol",
                      "capture_ts",
                      "timestamp",
                      "seq",
                      "bid",
                      "bid_volume",
                      "ask",
                      "ask_volume",
                      "last",
                      "open",
                      "high",
                      "low",
                      "close",
                      "vwap",
                      "base_volume",
                      "quote_volume",
                      "change",
                      "percentage"));
      for (Map.Entry<String, List<String>> e : expected.entrySet()) {
        List<Object> columns =
            duck
                .rows(
                    "DESCRIBE SELECT * FROM read_parquet('"
                        + ready
                        + "/"
                        + e.getKey()
                        + "/*.parquet')")
                .stream()
                .map(r -> r.get("column_name"))
                .toList();
        assertThat(columns).as(e.getKey()).containsExactlyElementsOf(e.getValue());
      }
      // capture_ts is TIMESTAMP(MICROS) (UTC-adjusted), timestamp a plain int64 of millis.
      List<Map<String, Object>> schema =
          duck.rows(
              "SELECT name, type, logical_type FROM"
                  + " parquet_schema('"
                  + ready
                  + "/trades/*.parquet') WHERE name IN ('capture_ts',"
                  + " 'timestamp')");
      assertThat(schema).hasSize(2);
      assertThat(schema.get(0).get("logical_type").toString())
          .contains("TimestampType")
          .contains("MICROS");
      assertThat(schema.get(1).get("type")).isEqualTo("INT64");
      assertThat(
              duck.scalarString(
                  "SELECT DISTINCT compression FROM parquet_metadata('" + ready + "/*/*.parquet')"))
          .isEqualTo("SNAPPY");
    }
  }
}
