package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STRUCT and PAIRS books, standard 3-level and legacy 2-level lists: same values, readable. */
class SampleMarketBookLayoutTest {
  @TempDir static Path dir;

  private static final String[] RUNS = {"struct3", "pairs3", "struct2", "pairs2"};

  @BeforeAll
  static void generate() throws Exception {
    for (String run : RUNS) {
      GeneratorConfig cfg =
          GeneratorConfig.builder()
              .duration(Duration.ofMinutes(5))
              .symbols("ETH/USDT", "1000PEPE/USDT:USDT")
              .snapshotHz(2)
              .edgeCaseRate(0.02)
              .bookLayout(run.startsWith("struct") ? BookLayout.STRUCT : BookLayout.PAIRS)
              .legacyLists(run.endsWith("2"))
              .writeNdjson(false)
              .build();
      SampleMarketGenerator.generate(cfg, dir.resolve(run).toString());
    }
  }

  private static String book(String run) {
    return "read_parquet('" + dir.resolve(run) + "/ready/ccxt/orderbook/*.parquet')";
  }

  @Test
  void allFourEncodingsHoldTheSameBooks() throws Exception {
    try (Duck duck = new Duck()) {
      String struct =
          "SELECT exchange, symbol, capture_ts, seq, nonce,"
              + " [[l.price, l.amount] for l in bids] AS bids, [[l.price, l.amount] for l in asks]"
              + " AS asks FROM ";
      String pairs = "SELECT exchange, symbol, capture_ts, seq, nonce, bids, asks FROM ";
      long rows = duck.scalar("SELECT count(*) FROM " + book("struct3"));
      assertThat(rows).isGreaterThan(2_000);
      for (String other : List.of("pairs3", "struct2", "pairs2")) {
        String b = (other.startsWith("struct") ? struct : pairs) + book(other);
        assertThat(duck.scalar("SELECT count(*) FROM " + book(other))).isEqualTo(rows);
        assertThat(
                duck.scalar(
                    "SELECT count(*) FROM (" + struct + book("struct3") + " EXCEPT ALL " + b + ")"))
            .as(other)
            .isZero();
        assertThat(
                duck.scalar(
                    "SELECT count(*) FROM (" + b + " EXCEPT ALL " + struct + book("struct3") + ")"))
            .as(other)
            .isZero();
      }
      // The same first level through each layout's natural accessor.
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM (SELECT seq, exchange, bids[1].price AS p,"
                      + " asks[1].amount AS a FROM "
                      + book("struct3")
                      + " WHERE len(bids) > 0 AND len(asks) > 0 EXCEPT ALL SELECT seq, exchange,"
                      + " bids[1][1], asks[1][2] FROM "
                      + book("pairs2")
                      + " WHERE len(bids) > 0 AND len(asks) > 0)"))
          .isZero();
      // NaN survives in both layouts (an invalid book level).
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM "
                      + book("pairs3")
                      + " WHERE list_bool_or([isnan(l[1]) for l in list_concat(bids, asks)])"))
          .isPositive()
          .isEqualTo(
              duck.scalar(
                  "SELECT count(*) FROM "
                      + book("struct2")
                      + " WHERE list_bool_or([isnan(l.price) for l in list_concat(bids, asks)])"));
    }
  }

  @Test
  void listEncodingFollowsTheLegacyFlag() throws Exception {
    try (Duck duck = new Duck()) {
      for (String run : RUNS) {
        List<String> names =
            duck
                .rows(
                    "SELECT name FROM parquet_schema('"
                        + dir.resolve(run)
                        + "/ready/ccxt/orderbook/*.parquet')")
                .stream()
                .map(r -> r.get("name").toString())
                .collect(Collectors.toList());
        if (run.endsWith("3")) {
          assertThat(names).as(run).contains("list", "element").doesNotContain("array");
        } else {
          assertThat(names).as(run).contains("array").doesNotContain("element");
        }
        if (run.startsWith("struct")) {
          assertThat(names).as(run).contains("price", "amount");
        } else {
          assertThat(names).as(run).doesNotContain("price", "amount");
        }
      }
    }
  }
}
