package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments with a schema and no rows (a capture that rotated with nothing to write) change no
 * count: rows read are the rows of the footers, and every row read is written, rejected or dropped
 * as a duplicate.
 */
class EmptySegmentsTest {
  @TempDir Path dir;

  @Test
  void zeroRowSegmentsLeaveTheRowAccountingExact() throws Exception {
    Path raw = dir.resolve("raw");
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(3))
            .exchanges("binance")
            .symbols("BTC/USDT")
            .seed(41)
            .writeNdjson(false)
            .build(),
        raw.toString());
    Path trades = raw.resolve("ready/ccxt/trades");
    long footerRows;
    try (DuckDb duck = new DuckDb()) {
      String all = "read_parquet('" + trades + "/segment_*.parquet')";
      footerRows = duck.count("SELECT count(*) FROM " + all);
      for (String hour : new String[] {"01", "02"}) {
        duck.writeParquet(
            "SELECT * FROM " + all + " LIMIT 0",
            trades.resolve("segment_20260105T" + hour + "0000_20260105T" + hour + "5959.parquet"));
      }
      assertThat(duck.count("SELECT count(*) FROM " + all)).isEqualTo(footerRows);
    }
    Path report = dir.resolve("report.json");

    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("out").toString(),
            "--report-json",
            report.toString());

    assertThat(r.code()).as(r.err()).isZero();
    JsonObject json =
        JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    JsonObject counters = json.getAsJsonObject("counters");
    long read = counters.get("trades/rows_read").getAsLong();
    assertThat(read).isEqualTo(footerRows);
    long written = json.getAsJsonObject("rows_written").get("ccxt/trades/hf").getAsLong();
    long rejected = counters.get("trades/rows_rejected").getAsLong();
    long duplicates = counters.get("trades/duplicate_trades").getAsLong();
    assertThat(written + rejected + duplicates).isEqualTo(read);
  }
}
