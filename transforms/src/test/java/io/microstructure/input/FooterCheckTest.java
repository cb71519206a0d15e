package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.Channel;
import io.microstructure.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FooterCheckTest {
  @TempDir Path dir;

  private static final String KEY =
      "'binance' AS exchange, 'BTC/USDT' AS symbol, TIMESTAMP '2026-01-05 00:00:01' AS capture_ts";

  private Path write(String name, String columns) {
    Path f = dir.resolve(name + ".parquet");
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet("SELECT " + KEY + ", " + columns, f);
    }
    return f;
  }

  private static List<String> check(Channel c, Path... files) {
    return FooterCheck.checkFiles(
            Map.of(c, java.util.Arrays.stream(files).map(Path::toString).toList()), null)
        .findings()
        .stream()
        .map(f -> (f.error() ? "error " : "warning ") + f)
        .toList();
  }

  @Test
  void float32BookLevelsAreWarningsAndAMissingSideAnError() throws IOException {
    Path f32 =
        write(
            "f32",
            "[{'price': 1.5::FLOAT, 'amount': 2.0}] AS bids,"
                + " [{'price': 2.5::FLOAT, 'amount': 1.0::FLOAT}] AS asks");
    Path noAsks = write("noasks", "[{'price': 1.5, 'amount': 2.0}] AS bids");
    assertThat(check(Channel.ORDERBOOK, f32, noAsks))
        .containsExactly(
            "warning " + f32 + ": column 'bids.list.element.price' is float32: its values are"
                + " only float32-exact",
            "warning " + f32 + ": column 'asks.list.element.price' is float32: its values are"
                + " only float32-exact",
            "warning " + f32 + ": column 'asks.list.element.amount' is float32: its values are"
                + " only float32-exact",
            "error " + noAsks + ": column 'asks' is missing");
  }

  @Test
  void decimalAndIntegerPricesAreNumbersAndTextIsNot() {
    Path ok = write("ok", "'buy' AS side, 90000.25::DECIMAL(18,2) AS price, 1 AS amount");
    Path text = write("text", "'buy' AS side, 'x' AS price, 1 AS amount, 3 AS symbol2");
    assertThat(check(Channel.TRADES, ok)).isEmpty();
    assertThat(check(Channel.TRADES, text))
        .containsExactly("error " + text + ": column 'price' has type string, expected a number");
    assertThat(check(Channel.TRADES, dir.resolve("absent.parquet")))
        .singleElement()
        .asString()
        .startsWith("error " + dir.resolve("absent.parquet") + ": not readable Parquet");
  }

  @Test
  void rowsPerChannelAreTheFootersCountsAndAChannelWithAnUnreadableFileHasNone()
      throws IOException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet("SELECT i FROM range(3) t(i)", a);
      duck.writeParquet("SELECT i FROM range(5) t(i)", b);
    }
    Path junk = java.nio.file.Files.writeString(dir.resolve("junk.parquet"), "not parquet");

    FooterCheck.Checked checked =
        FooterCheck.checkFiles(
            Map.of(
                Channel.TRADES, List.of(a.toString(), b.toString()),
                Channel.TICKER, List.of(a.toString(), junk.toString())),
            null);

    assertThat(checked.rows()).containsExactly(Map.entry(Channel.TRADES, 8L));
    assertThat(checked.findings()).anyMatch(f -> f.error() && f.path().equals(junk.toString()));
  }
}
