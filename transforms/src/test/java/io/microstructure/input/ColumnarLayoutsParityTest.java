package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.input.BookFiles.Layout;
import io.microstructure.input.BookFiles.Row;
import io.microstructure.model.CaptureTsRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Columnar reader against the record path on files of Java writers: parquet-avro with standard
 * 3-level and legacy 2-level lists (both book layouts), and hand-written schemas of other writers'
 * list conventions, each with the bad rows the layout can express and with several row groups.
 */
class ColumnarLayoutsParityTest {
  @TempDir Path dir;

  private static Double[] l(Double... values) {
    return values;
  }

  private static List<Double[]> side(Double[]... levels) {
    return new ArrayList<>(Arrays.asList(levels));
  }

  /** The edge cases a layout can express, one per row. */
  static List<Row> edgeRows(Layout layout) {
    List<Row> rows = new ArrayList<>();
    List<Double[]> bid = side(l(100.0, 2.0), l(99.5, 3.0));
    List<Double[]> ask = side(l(101.0, 1.0));
    long ts = 1767571201250L;
    rows.add(new Row("binance", "BTC/USDT", ts, 1L, bid, ask));
    rows.add(new Row("binance", "BTC/USDT", ts, 2L, List.of(), ask));
    rows.add(new Row("binance", "BTC/USDT", ts, 3L, side(l(-1.0, 1.0)), ask));
    rows.add(new Row("binance", "BTC/USDT", ts, 4L, side(l(0.0, 1.0)), ask));
    rows.add(new Row("binance", "BTC/USDT", ts, 5L, bid, side(l(101.0, -1.0))));
    rows.add(new Row("binance", "BTC/USDT", ts, 6L, side(l(100.0, 0.0)), List.of()));
    rows.add(new Row("binance", "BTC/USDT", ts, 7L, bid, side(l(101.0, 1.0), l(-5.0, 1.0))));
    if (layout != Layout.REQUIRED_MIXED) {
      rows.add(new Row("binance", "BTC/USDT", ts, 8L, side(l(Double.NaN, 1.0)), ask));
      rows.add(new Row("binance", "BTC/USDT", ts, 9L, bid, side(l(101.0, Double.NaN))));
      rows.add(new Row("binance", "BTC/USDT", ts, 10L, side(l(1e300 * 10, 1.0)), ask));
    }
    if (layout.nullColumns) {
      rows.add(new Row(null, "BTC/USDT", ts, 11L, bid, ask));
      rows.add(new Row("binance", null, ts, 12L, bid, ask));
      rows.add(new Row("binance", "BTC/USDT", null, 13L, bid, ask));
      rows.add(new Row("binance", "BTC/USDT", ts, null, bid, ask));
      rows.add(new Row("binance", "BTC/USDT", ts, 15L, null, ask));
      rows.add(new Row("binance", "BTC/USDT", ts, 16L, null, null));
      rows.add(new Row(null, null, null, null, null, null));
    }
    if (layout.nullLevels) {
      rows.add(new Row("binance", "BTC/USDT", ts, 20L, side(l(100.0, 1.0), null), ask));
      rows.add(new Row("binance", "BTC/USDT", ts, 21L, side((Double[]) null), ask));
    }
    if (layout.nullValues) {
      rows.add(new Row("binance", "BTC/USDT", ts, 30L, side(l(null, 1.0)), ask));
      rows.add(new Row("binance", "BTC/USDT", ts, 31L, bid, side(l(101.0, null))));
      rows.add(new Row("binance", "BTC/USDT", ts, 32L, side(l(null, null)), ask));
    }
    if (layout.pairs) {
      rows.add(new Row("okx", "ETH/USDT", ts, 40L, side(l()), ask));
      rows.add(new Row("okx", "ETH/USDT", ts, 41L, side(l(100.0)), ask));
      rows.add(new Row("okx", "ETH/USDT", ts, 42L, side(l(100.0, 1.0, 7.0)), ask));
      rows.add(new Row("okx", "ETH/USDT", ts, 43L, bid, side(l(101.0, 1.0, -7.0, 8.0))));
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void edgeCasesAgree(Layout layout) throws Exception {
    Path f = dir.resolve("segment_20260105T000000_20260105T010000_" + layout + ".parquet");
    List<Row> rows = edgeRows(layout);
    BookFiles.write(f, layout, rows, 1 << 20);
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MILLIS);
    assertThat(out.rows).isEqualTo(rows.size());
    assertThat(out.snapshots).isNotEmpty();
    assertThat(out.rejections).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void severalRowGroupsAgree(Layout layout) throws Exception {
    Path f = dir.resolve("segment_20260105T000000_20260105T010000_rg_" + layout + ".parquet");
    List<Row> rows = BookFiles.random(layout, new Random(layout.ordinal()), 3000);
    BookFiles.write(f, layout, rows, 16 * 1024);
    ColumnarParity.Outcome out = ColumnarParity.assertParity(f, CaptureTsUnit.MILLIS);
    assertThat(out.rowGroups).isGreaterThan(2);
    assertThat(out.rows).isEqualTo(3000);
    assertThat(out.snapshots).hasSizeGreaterThan(1000);
    assertThat(out.rejections).hasSizeGreaterThan(50);
  }

  /**
   * Shapes the columnar reader leaves to the record path (which is then the reference, whatever it
   * does with them): it declines them when binding, before reading a row.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        // parquet-avro re-reads a named 2-level element assuming 2-level lists inside: fails here.
        "optional group bids (LIST) { repeated group array { optional group pair (LIST) {"
            + " repeated group list { optional double element; } } } }",
        // No LIST annotation: a bare repeated group.
        "repeated group bids { required double price; required double amount; }",
        // A level that is a map, a level that is a number, a price that is text.
        "optional group bids (LIST) { repeated group list { optional group element (MAP) {"
            + " repeated group key_value { required binary key (STRING); optional double value; }"
            + " } } }",
        "optional group bids (LIST) { repeated group list { optional double element; } }",
        "optional group bids (LIST) { repeated group list { optional group element {"
            + " optional binary price (STRING); optional double amount; } } }",
        // exchange stored as a number, seq as text.
        "optional int64 exchange_override;",
        "optional binary seq_override (STRING);"
      })
  void declinesShapesLeftToTheRecordPath(String column) throws Exception {
    String exchange = "optional binary exchange (STRING);";
    String seq = "optional int64 seq;";
    String bids = column;
    if (column.contains("exchange_override")) {
      exchange = "optional int64 exchange;";
      bids = null;
    } else if (column.contains("seq_override")) {
      seq = "optional binary seq (STRING);";
      bids = null;
    }
    if (bids == null) {
      bids =
          "optional group bids (LIST) { repeated group list { optional group element {"
              + " optional double price; optional double amount; } } }";
    }
    String asks =
        "optional group asks (LIST) { repeated group list { optional group element {"
            + " optional double price; optional double amount; } } }";
    org.apache.parquet.schema.MessageType schema =
        org.apache.parquet.schema.MessageTypeParser.parseMessageType(
            "message book { "
                + exchange
                + " optional binary symbol (STRING); optional int64 capture_ts; "
                + seq
                + " "
                + bids
                + " "
                + asks
                + " }");
    Path f = dir.resolve("segment_20260105T000000_20260105T010000_declined.parquet");
    try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> w =
        org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(BookFiles.output(f))
            .withType(schema)
            .withConf(new org.apache.hadoop.conf.Configuration(false))
            .build()) {
      // no rows: binding needs only the footer
    }
    try (org.apache.parquet.hadoop.ParquetFileReader reader = ColumnarParity.open(f)) {
      assertThatThrownBy(
              () ->
                  ColumnarOrderBookReader.of(
                      f.toString(), reader, CaptureTsUnit.MICROS, CaptureTsRange.defaults()))
          .isInstanceOf(ColumnarOrderBookReader.UnsupportedLayoutException.class);
    }
  }
}
