package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.convert.LegacyConverter;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.input.CaptureTsUnit;
import io.microstructure.parity.ColumnReport;
import io.microstructure.parity.ParityCheck;
import io.microstructure.parity.ParityOptions;
import io.microstructure.parity.ParityReport;
import io.microstructure.parity.RowKey;
import io.microstructure.parity.TableReport;
import io.microstructure.testing.DuckDb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration's proof, in CI: the legacy NDJSON stream (arrival order, the truth) and the
 * channel-split Parquet of the same market go through the same engine, and the parity tool finds
 * every column of every table equal when seq is present. Without seq it must find exactly the
 * snapshots whose trades the contract's tie rule reorders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyParityTest {
  private static final Duration SPAN = Duration.ofMinutes(8);
  @TempDir static Path dir;

  private String raw;
  private String noSeqRaw;

  @BeforeAll
  void generate() throws IOException {
    raw = dir.resolve("raw").toString();
    noSeqRaw = dir.resolve("raw-noseq").toString();
    GeneratorConfig config =
        GeneratorConfig.builder().duration(SPAN).seed(11).sameTsTradeRate(0.02).build();
    SampleMarketGenerator.generate(config, raw);
    SampleMarketGenerator.generate(config.toBuilder().withSeq(false).build(), noSeqRaw);
  }

  private static void runPipeline(String input, boolean legacy, String out) {
    MicrostructureOptions o = PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    o.setRunner(DirectRunner.class);
    o.as(DirectOptions.class).setEnforceImmutability(false);
    o.as(DirectOptions.class).setEnforceEncodability(false);
    if (legacy) {
      o.setLegacyInput(input);
    } else {
      o.setRawRoot(input);
    }
    o.setOutputRoot(out);
    Pipeline p = Pipeline.create(o);
    MicrostructurePipeline.buildPipeline(p, o);
    p.run().waitUntilFinish();
  }

  @Test
  void withSeqBothPathsAgreeOnEveryColumnOfEveryTable() throws IOException {
    String parquet = dir.resolve("out-parquet").toString();
    String legacy = dir.resolve("out-legacy").toString();
    runPipeline(raw, false, parquet);
    runPipeline(raw + "/legacy/ccxt", true, legacy);

    ParityReport report = ParityCheck.compare(legacy, parquet);

    assertThat(report.tables())
        .extracting(TableReport::table)
        .containsExactlyInAnyOrder(
            "ccxt/orderbook/hf",
            "ccxt/orderbook/bars/duration=60s",
            "ccxt/orderbook/bars/duration=300s",
            "ccxt/orderbook/bars/duration=900s",
            "ccxt/orderbook/bars/duration=3600s",
            "ccxt/trades/hf",
            "ccxt/trades/volume_bars",
            "ccxt/ticker/hf");
    assertThat(report.tables()).allSatisfy(t -> assertThat(t.rowsCompared()).isPositive());
    assertThat(report.differences()).as(report::toJson).isZero();
    assertThat(report.identical()).isTrue();
  }

  @Test
  void convertedArchiveIsInterchangeableWithTheGeneratedParquet() throws IOException {
    String converted = dir.resolve("converted").toString();
    new LegacyConverter(converted, "ccxt", false, CaptureTsUnit.MICROS)
        .convert(raw + "/legacy/ccxt/*.ndjson*");
    // JSON has no NaN: a NaN of the generated Parquet went through the NDJSON as null. Either is
    // an invalid value that both paths reject alike, so the files are compared with NaN as null.
    Map<String, List<String>> doubles =
        Map.of(
            "orderbook", List.of(),
            "trades", List.of("price", "amount", "cost"),
            "ticker",
                List.of(
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
    try (DuckDb duck = new DuckDb()) {
      for (String channel : List.of("orderbook", "trades", "ticker")) {
        String replace =
            doubles.get(channel).isEmpty()
                ? ""
                : doubles.get(channel).stream()
                    .map(c -> "nullif(" + c + ", 'NaN'::DOUBLE) AS " + c)
                    .collect(Collectors.joining(", ", " REPLACE (", ")"));
        String a =
            "(SELECT *"
                + replace
                + " FROM read_parquet('"
                + raw
                + "/ready/ccxt/"
                + channel
                + "/*.parquet'))";
        String b =
            "(SELECT *"
                + replace
                + " FROM read_parquet('"
                + converted
                + "/ready/ccxt/"
                + channel
                + "/*.parquet'))";
        assertThat(duck.count("SELECT count(*) FROM " + a)).isPositive();
        assertThat(
                duck.count(
                    "SELECT count(*) FROM (SELECT * FROM "
                        + a
                        + " EXCEPT ALL SELECT * FROM "
                        + b
                        + ")"))
            .as(channel + " rows only in the generated files")
            .isZero();
        assertThat(
                duck.count(
                    "SELECT count(*) FROM (SELECT * FROM "
                        + b
                        + " EXCEPT ALL SELECT * FROM "
                        + a
                        + ")"))
            .as(channel + " rows only in the converted files")
            .isZero();
      }
    }
    String fromGenerated = dir.resolve("out-generated").toString();
    String fromConverted = dir.resolve("out-converted").toString();
    runPipeline(raw, false, fromGenerated);
    runPipeline(converted, false, fromConverted);
    assertThat(ParityCheck.compare(fromGenerated, fromConverted).identical()).isTrue();
  }

  @Test
  void withoutSeqTheReportNamesExactlyTheSnapshotsTheTieRuleChanges() throws IOException {
    String parquet = dir.resolve("noseq-parquet").toString();
    String legacy = dir.resolve("noseq-legacy").toString();
    runPipeline(noSeqRaw, false, parquet);
    runPipeline(noSeqRaw + "/legacy/ccxt", true, legacy);

    ParityReport report =
        ParityCheck.compare(legacy, parquet, ParityOptions.defaults().withMaxExamples(1_000_000));
    Set<String> predicted = TieRule.snapshotsWhoseTradesMove(Path.of(noSeqRaw, "legacy", "ccxt"));
    assertThat(predicted)
        .as("the generated market has same-timestamp trades after snapshots")
        .isNotEmpty();

    TableReport hf = report.table("ccxt/orderbook/hf");
    ColumnReport tradeCount = hf.column("trade_count");
    assertThat(keys(tradeCount.mismatchKeys())).isEqualTo(predicted);
    assertThat(tradeCount.mismatches()).isEqualTo(predicted.size());
    // Only what depends on which snapshot a trade joined may differ.
    Set<String> allowed =
        Set.of(
            "buy_volume",
            "sell_volume",
            "trade_count",
            "signed_volume",
            "tfi",
            "trade_vwap",
            "vpin");
    for (ColumnReport c : hf.columns()) {
      if (c.mismatches() > 0) {
        assertThat(
                allowed.contains(c.column())
                    || c.column().matches("(trade_volume|trade_count|tfi|kyle_lambda)_\\d+"))
            .as("column %s differs", c.column())
            .isTrue();
      }
    }
    assertThat(hf.missingRows() + hf.extraRows()).isZero();
    // Bars, trade rows, volume bars and ticker rows do not depend on trade-vs-snapshot ties.
    for (TableReport t : report.tables()) {
      if (!t.table().equals("ccxt/orderbook/hf")) {
        assertThat(t.differences()).as(t.table()).isZero();
      }
    }
  }

  private static Set<String> keys(List<RowKey> keys) {
    return keys.stream()
        .map(k -> k.exchange() + "|" + k.symbol() + "|" + k.time())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * An independent model of the two orders over the raw NDJSON: in arrival order a trade joins the
   * next snapshot to arrive; in reconstructed order without seq it joins the first snapshot with
   * capture_ts at or after its own. Returns the snapshots whose trade count differs.
   */
  static final class TieRule {
    static Set<String> snapshotsWhoseTradesMove(Path legacyDir) throws IOException {
      List<Path> files;
      try (Stream<Path> s = Files.list(legacyDir)) {
        files =
            s.filter(f -> f.toString().contains(".ndjson")).sorted().collect(Collectors.toList());
      }
      // Per key: snapshot times in arrival order, and per trade its time and arrival index.
      Map<String, List<long[]>> events = new HashMap<>(); // {kind 0 snap / 1 trade, ts}
      Map<String, Set<String>> seenBooks = new HashMap<>();
      Map<String, Set<String>> seenIds = new HashMap<>();
      for (Path f : files) {
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String type = o.get("type").getAsString();
            if (type.equals("ticker") || !valid(o, type)) {
              continue;
            }
            String key = o.get("exchange").getAsString() + "|" + o.get("symbol").getAsString();
            long ts = o.get("capture_ts").getAsLong();
            if (type.equals("orderbook")) {
              String book = ts + o.get("bids").toString() + o.get("asks").toString();
              if (!seenBooks.computeIfAbsent(key, k -> new HashSet<>()).add(book)) {
                continue; // duplicate snapshot
              }
              events.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {0, ts});
            } else {
              JsonElement id = o.get("id");
              if (id != null
                  && !id.isJsonNull()
                  && !seenIds.computeIfAbsent(key, k -> new HashSet<>()).add(id.getAsString())) {
                continue; // repeated trade id
              }
              events.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {1, ts});
            }
          }
        }
      }
      Set<String> changed = new TreeSet<>();
      for (Map.Entry<String, List<long[]>> e : events.entrySet()) {
        List<long[]> ev = e.getValue();
        List<Long> snaps = new ArrayList<>();
        for (long[] x : ev) {
          if (x[0] == 0) {
            snaps.add(x[1]);
          }
        }
        Map<Integer, Integer> arrival = new HashMap<>();
        Map<Integer, Integer> rule = new HashMap<>();
        int nextSnap = 0;
        for (long[] x : ev) {
          if (x[0] == 0) {
            nextSnap++;
            continue;
          }
          if (nextSnap < snaps.size()) {
            arrival.merge(nextSnap, 1, Integer::sum);
          }
          int first = firstAtOrAfter(snaps, x[1]);
          if (first < snaps.size()) {
            rule.merge(first, 1, Integer::sum);
          }
        }
        for (int i = 0; i < snaps.size(); i++) {
          if (!arrival.getOrDefault(i, 0).equals(rule.getOrDefault(i, 0))) {
            changed.add(e.getKey() + "|" + snaps.get(i));
          }
        }
      }
      return changed;
    }

    private static int firstAtOrAfter(List<Long> sortedTimes, long t) {
      int lo = 0;
      int hi = sortedTimes.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sortedTimes.get(mid) < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private static boolean valid(JsonObject o, String type) {
      for (String required : List.of("exchange", "symbol", "capture_ts")) {
        if (!o.has(required) || o.get(required).isJsonNull()) {
          return false;
        }
      }
      if (type.equals("orderbook")) {
        for (String side : List.of("bids", "asks")) {
          if (o.has(side) && !o.get(side).isJsonNull()) {
            for (JsonElement level : o.getAsJsonArray(side)) {
              if (!price(level.getAsJsonArray().get(0)) || !amount(level.getAsJsonArray().get(1))) {
                return false;
              }
            }
          }
        }
        return true;
      }
      JsonElement side = o.get("side");
      return side != null
          && !side.isJsonNull()
          && (side.getAsString().equals("buy") || side.getAsString().equals("sell"))
          && price(o.get("price"))
          && amount(o.get("amount"));
    }

    private static boolean price(JsonElement v) {
      return v != null
          && !v.isJsonNull()
          && Double.isFinite(v.getAsDouble())
          && v.getAsDouble() > 0;
    }

    private static boolean amount(JsonElement v) {
      return v != null
          && !v.isJsonNull()
          && Double.isFinite(v.getAsDouble())
          && v.getAsDouble() >= 0;
    }
  }
}
