package io.microstructure.input;

import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.Trade;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import io.microstructure.transforms.ComputeMarketFeatures;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadLegacyNdjson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legacy NDJSON, gzip and plain, with every kind of bad line among good ones. */
class ReadLegacyNdjsonTest {
  @TempDir Path dir;

  private static final String[] LINES = {
    // 1: a valid snapshot
    "{\"type\":\"orderbook\",\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571200000001,"
        + "\"seq\":1,\"bids\":[[100.0,2.0],[99.5,1.0]],\"asks\":[[100.5,3.0]]}",
    // 2: a valid trade with a numeric id
    "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571200000002,"
        + "\"seq\":2,\"id\":123,\"side\":\"sell\",\"price\":100.0,\"amount\":0.5}",
    // 3: malformed JSON
    "{\"type\":\"trade\",\"exchange\":",
    // 4: unknown type
    "{\"type\":\"funding\",\"exchange\":\"binance\"}",
    // 5: missing required field (no symbol)
    "{\"type\":\"trade\",\"exchange\":\"binance\",\"capture_ts\":1767571200000003,\"side\":\"buy\","
        + "\"price\":100.0,\"amount\":1.0}",
    // 6: a field of the wrong JSON type
    "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571200000004,"
        + "\"side\":\"buy\",\"price\":\"cheap\",\"amount\":1.0}",
    // 7: blank line, skipped
    "",
    // 8: a book with a null amount
    "{\"type\":\"orderbook\",\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571200000005,"
        + "\"bids\":[[100.0,null]],\"asks\":[[100.5,3.0]]}",
    // 9: a valid ticker
    "{\"type\":\"ticker\",\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":1767571200000006,"
        + "\"bid\":100.0,\"ask\":100.5,\"last\":100.2}"
  };

  private void write(String name, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      out.write(String.join("\n", LINES).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void goodLinesBecomeRowsAndBadLinesDeadLettersWithLineNumbers() throws IOException {
    write("segment_20260105T000000_20260105T010000.ndjson.gz", true);
    write("segment_20260105T010000_20260105T020000.ndjson", false);
    TestPipeline p = Pipelines.create();
    PCollectionTuple out =
        p.apply(
            new ReadLegacyNdjson(
                ReadLegacyNdjson.filepattern(dir.toString()), CaptureTsUnit.MICROS));

    PAssert.that(
            out.get(EventTags.SNAPSHOTS)
                .apply("BookRows", Rows.snapshots())
                .apply(
                    "ShowBooks",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (OrderBookSnapshot s) ->
                                s.row()
                                    + " "
                                    + s.captureTs()
                                    + " "
                                    + s.seq()
                                    + " "
                                    + Arrays.toString(s.bidPrice())
                                    + Arrays.toString(s.askAmount()))))
        .containsInAnyOrder(
            "1 1767571200000001 1 [100.0, 99.5][3.0]", "1 1767571200000001 1 [100.0, 99.5][3.0]");
    PAssert.that(
            out.get(EventTags.TRADES)
                .apply("TradeRows", Rows.trades())
                .apply(
                    "ShowTrades",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (Trade t) ->
                                t.row() + " " + t.id() + " " + t.buy() + " " + t.amount())))
        .containsInAnyOrder("2 123 false 0.5", "2 123 false 0.5");
    PAssert.that(
            out.get(EventTags.TICKERS)
                .apply("TickerRows", Rows.tickers())
                .apply(
                    "ShowTickers",
                    MapElements.into(TypeDescriptors.strings()).via(t -> t.row() + " " + t.last())))
        .containsInAnyOrder("9 100.2", "9 100.2");
    // Each file: line 3 bad JSON, 4 unknown type (no channel: "legacy"), 5 null symbol, 6 wrong
    // type, 8 null amount in a book level.
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "ShowRejected",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.sourceFile()
                                        .substring(r.sourceFile().lastIndexOf('/') + 9)
                                        .substring(0, 15)
                                    + " "
                                    + r.channel()
                                    + " "
                                    + r.row()
                                    + " "
                                    + r.column())))
        .containsInAnyOrder(
            "20260105T000000 legacy 3 null",
            "20260105T000000 legacy 4 type",
            "20260105T000000 trades 5 symbol",
            "20260105T000000 trades 6 price",
            "20260105T000000 orderbook 8 bids",
            "20260105T010000 legacy 3 null",
            "20260105T010000 legacy 4 type",
            "20260105T010000 trades 5 symbol",
            "20260105T010000 trades 6 price",
            "20260105T010000 orderbook 8 bids");
    p.run().waitUntilFinish();
  }
}
