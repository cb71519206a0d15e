package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same data; another seed, other data; edge cases never change the market. */
class SampleMarketDeterminismTest {
  @TempDir static Path dir;
  static GenerationManifest a;
  static GenerationManifest b;
  static GenerationManifest clean;

  private static GeneratorConfig.Builder base() {
    return GeneratorConfig.builder()
        .duration(Duration.ofMinutes(6))
        .symbols("BTC/USDT", "1000PEPE/USDT:USDT")
        .snapshotHz(4)
        .edgeCaseRate(0.01);
  }

  @BeforeAll
  static void generate() throws Exception {
    a = SampleMarketGenerator.generate(base().build(), dir.resolve("a").toString());
    b = SampleMarketGenerator.generate(base().build(), dir.resolve("b").toString());
    SampleMarketGenerator.generate(base().seed(43).build(), dir.resolve("c").toString());
    clean =
        SampleMarketGenerator.generate(
            base().cleanOnly(true).build(), dir.resolve("clean").toString());
  }

  private static String digest(Duck duck, String run, String channel) throws Exception {
    return duck.scalarString(
        "SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY"
            + " file_row_number)) FROM read_parquet('"
            + dir.resolve(run)
            + "/ready/ccxt/"
            + channel
            + "/*.parquet', file_row_number = true) t");
  }

  @Test
  void sameSeedGivesIdenticalRowsFilesAndManifest() throws Exception {
    assertThat(b).isEqualTo(a);
    assertThat(Files.readString(dir.resolve("b/manifest.json")))
        .isEqualTo(Files.readString(dir.resolve("a/manifest.json")));
    try (Duck duck = new Duck()) {
      for (String channel : List.of("orderbook", "trades", "ticker")) {
        assertThat(digest(duck, "b", channel)).as(channel).isEqualTo(digest(duck, "a", channel));
      }
    }
    for (GenerationManifest.FileEntry f : a.files()) {
      assertThat(
              Files.mismatch(
                  dir.resolve("a").resolve(f.path()), dir.resolve("b").resolve(f.path())))
          .as(f.path())
          .isEqualTo(-1L);
    }
  }

  @Test
  void anotherSeedGivesAnotherMarket() throws Exception {
    try (Duck duck = new Duck()) {
      for (String channel : List.of("orderbook", "trades", "ticker")) {
        assertThat(digest(duck, "c", channel)).as(channel).isNotEqualTo(digest(duck, "a", channel));
      }
      String first =
          "SELECT bids[1].price FROM read_parquet('%s/ready/ccxt/orderbook/*.parquet')"
              + " WHERE exchange = 'binance' AND symbol = 'BTC/USDT' ORDER BY capture_ts LIMIT 1";
      assertThat(duck.scalarDouble(String.format(first, dir.resolve("c"))))
          .isNotEqualTo(duck.scalarDouble(String.format(first, dir.resolve("a"))));
    }
  }

  @Test
  void edgeCasesLeaveTheMarketAlone() throws Exception {
    assertThat(
            clean.orderbook().invalidRows()
                + clean.orderbook().duplicateSnapshots()
                + clean.orderbook().crossedOrLockedBooks()
                + clean.orderbook().oneSidedBooks()
                + clean.trades().invalidRows()
                + clean.trades().duplicateTradeIds()
                + clean.ticker().invalidRows())
        .isZero();
    assertThat(clean.trades().sameCaptureTsAsSnapshot()).isLessThanOrEqualTo(1);
    // Capture gaps are part of the market, not edge cases.
    assertThat(clean.captureGaps()).isEqualTo(a.captureGaps());
    try (Duck duck = new Duck()) {
      duck.views(dir.resolve("a"), "ccxt");
      String cleanBooks =
          "read_parquet('" + dir.resolve("clean") + "/ready/ccxt/orderbook/*.parquet')";
      // Every clean snapshot is in the edge-case run unless an edge case altered it.
      long altered =
          duck.scalar(
              "SELECT count(*) FROM (SELECT exchange, symbol, capture_ts,"
                  + " timestamp, nonce, bids, asks FROM "
                  + cleanBooks
                  + " EXCEPT ALL SELECT exchange,"
                  + " symbol, capture_ts, timestamp, nonce, bids, asks FROM ob_valid)");
      assertThat(altered)
          .isPositive()
          .isEqualTo(a.orderbook().crossedOrLockedBooks() + a.orderbook().oneSidedBooks());
      assertThat(duck.scalar("SELECT count(*) FROM " + cleanBooks))
          .isEqualTo(a.orderbook().cleanRows());
      // Trades: same ids, sides, prices and amounts.
      String cleanTrades =
          "read_parquet('" + dir.resolve("clean") + "/ready/ccxt/trades/*.parquet')";
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM (SELECT DISTINCT exchange, symbol, id, side, price, amount"
                      + " FROM tr_valid) x FULL OUTER JOIN (SELECT exchange, symbol, id, side,"
                      + " price, amount FROM "
                      + cleanTrades
                      + ") y USING (exchange, symbol, id, side,"
                      + " price, amount) WHERE x.exchange IS NULL OR y.exchange IS NULL"))
          .isZero();
    }
  }
}
