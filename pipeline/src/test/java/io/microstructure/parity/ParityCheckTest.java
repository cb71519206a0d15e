package io.microstructure.parity;

import static io.microstructure.parity.ParityFixture.HF;
import static io.microstructure.parity.ParityFixture.START;
import static io.microstructure.parity.ParityFixture.TIME_BARS;
import static io.microstructure.parity.ParityFixture.TRADES;
import static io.microstructure.parity.ParityFixture.VOLUME_BARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.pipeline.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ParityCheck} on output roots that differ in one known way each. */
class ParityCheckTest {
  @TempDir Path dir;

  private final ParityFixture base = ParityFixture.standard();

  /** Writes LEFT as is and RIGHT with every file's rows in reverse order, then compares. */
  private ParityReport compare(ParityFixture left, ParityFixture right) throws Exception {
    return compare(left, right, ParityOptions.defaults());
  }

  private ParityReport compare(ParityFixture left, ParityFixture right, ParityOptions options)
      throws Exception {
    left.write(dir.resolve("left"), false);
    right.write(dir.resolve("right"), true);
    return ParityCheck.compare(
        dir.resolve("left").toString(), dir.resolve("right").toString(), options);
  }

  private static String text(ParityReport r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    r.print(new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Every table except {@code except} is identical and fully compared. */
  private static void othersIdentical(ParityReport r, String except) {
    for (TableReport t : r.tables()) {
      if (!t.table().equals(except)) {
        assertThat(t.identical()).as(t.table()).isTrue();
      }
    }
  }

  private static boolean outside(double x, double y) {
    return Math.abs(x - y) > 1e-9 * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
  }

  /** The double closest to x above it that is beyond the tolerance: one ulp over the bound. */
  static double oneUlpBeyond(double x) {
    double y = x + 1e-9 * Math.max(1.0, Math.abs(x));
    while (!outside(x, y)) {
      y = Math.nextUp(y);
    }
    while (outside(x, Math.nextDown(y))) {
      y = Math.nextDown(y);
    }
    return y;
  }

  @Test
  void identicalRootsAreIdenticalWhateverTheRowOrderInFiles() throws Exception {
    ParityReport r = compare(base, base.copy());

    assertThat(r.identical()).isTrue();
    assertThat(r.differences()).isZero();
    assertThat(r.tables())
        .extracting(TableReport::table)
        .containsExactly(TIME_BARS, HF, TRADES, VOLUME_BARS);
    for (TableReport t : r.tables()) {
      int rows = base.rows(t.table()).size();
      assertThat(t.rowsLeft()).as(t.table()).isEqualTo(rows);
      assertThat(t.rowsRight()).isEqualTo(rows);
      assertThat(t.rowsCompared()).isEqualTo(rows);
      assertThat(t.partitions()).isEqualTo(8); // 2 exchanges x 2 symbols x 2 dates
      for (ColumnReport c : t.columns()) {
        assertThat(c.compared()).isEqualTo(rows);
        assertThat(c.mismatches()).isZero();
        assertThat(c.worst()).isNull();
      }
    }
    assertThat(r.table(HF).key()).containsExactly("exchange", "symbol", "capture_ts");
    assertThat(r.table(TIME_BARS).key()).containsExactly("exchange", "symbol", "bar_start");
    assertThat(r.table(VOLUME_BARS).key()).containsExactly("exchange", "symbol", "bar_index");
    assertThat(r.table(HF).columns()).hasSize(9);
    // Dead letters cite each root's own files: they differ, and are not compared.
    assertThat(r.notCompared()).containsExactly("_rejected");
    String text = text(r);
    assertThat(text).contains("not compared: _rejected").endsWith("PARITY OK\n");
    assertThat(text).contains("mid_price").contains("ccxt/orderbook/hf: key (exchange, symbol,");
  }

  @ParameterizedTest
  @ValueSource(doubles = {43_123.456789, 0.0123, -2.5, 1.0})
  void oneUlpBeyondTheToleranceIsReportedAtThatColumnAndKey(double x) throws Exception {
    double y = oneUlpBeyond(x);
    ParityFixture left = base.copy();
    ParityFixture right = base.copy();
    left.row(HF, "kraken", "BTC/USDT", 34_000_000L).put("mid_price", x);
    right.row(HF, "kraken", "BTC/USDT", 34_000_000L).put("mid_price", y);

    ParityReport r = compare(left, right);

    assertThat(r.identical()).isFalse();
    assertThat(r.differences()).isEqualTo(1);
    TableReport hf = r.table(HF);
    assertThat(hf.missingRows()).isZero();
    assertThat(hf.extraRows()).isZero();
    RowKey key = new RowKey("kraken", "BTC/USDT", "capture_ts", START + 34_000_000L);
    for (ColumnReport c : hf.columns()) {
      assertThat(c.mismatches()).as(c.column()).isEqualTo(c.column().equals("mid_price") ? 1 : 0);
    }
    ColumnReport mid = hf.column("mid_price");
    assertThat(mid.mismatchKeys()).containsExactly(key);
    Mismatch m = mid.worst();
    assertThat(m.key()).isEqualTo(key);
    assertThat(m.left()).isEqualTo(x);
    assertThat(m.right()).isEqualTo(y);
    assertThat(m.diff()).isEqualTo(Math.abs(x - y));
    assertThat(m.tolerance()).isEqualTo(1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))));
    assertThat(m.diff()).isGreaterThan(m.tolerance());
    othersIdentical(r, HF);
    assertThat(text(r))
        .contains("kraken BTC/USDT capture_ts=2026-01-05T23:58:34Z")
        .endsWith("PARITY FAILED: 1 differences\n");
  }

  @ParameterizedTest
  @ValueSource(doubles = {43_123.456789, 0.0123, -2.5, 1.0})
  void aChangeJustInsideTheToleranceIsIdentical(double x) throws Exception {
    double y = Math.nextDown(oneUlpBeyond(x));
    assertThat(y).isNotEqualTo(x);
    ParityFixture left = base.copy();
    ParityFixture right = base.copy();
    left.row(HF, "kraken", "BTC/USDT", 34_000_000L).put("mid_price", x);
    right.row(HF, "kraken", "BTC/USDT", 34_000_000L).put("mid_price", y);

    assertThat(compare(left, right).identical()).isTrue();
  }

  @Test
  void theToleranceIsAnOption() throws Exception {
    ParityFixture right = base.copy();
    GenericRecord row = right.row(HF, "binance", "BTC/USDT", 10_000_000L);
    row.put("mid_price", (Double) row.get("mid_price") * (1 + 1e-7));

    assertThat(compare(base, right).differences()).isEqualTo(1);
    assertThat(
            ParityCheck.compare(
                    dir.resolve("left").toString(),
                    dir.resolve("right").toString(),
                    ParityOptions.defaults().withTolerance(1e-6))
                .identical())
        .isTrue();
  }

  @Test
  void missingAndExtraRowsAreReportedWithTheirKeys() throws Exception {
    ParityFixture right = base.copy();
    GenericRecord gone = right.row(HF, "binance", "1000PEPE/USDT:USDT", 130_000_000L);
    right.rows(HF).remove(gone);
    GenericRecord added =
        GenericData.get().deepCopy(gone.getSchema(), right.row(HF, "kraken", "BTC/USDT", 0));
    added.put("capture_ts", START + 500_000L);
    right.rows(HF).add(added);

    ParityReport r = compare(base, right);

    TableReport hf = r.table(HF);
    int rows = base.rows(HF).size();
    assertThat(hf.rowsLeft()).isEqualTo(rows);
    assertThat(hf.rowsRight()).isEqualTo(rows);
    assertThat(hf.rowsCompared()).isEqualTo(rows - 1);
    assertThat(hf.missingRows()).isEqualTo(1);
    assertThat(hf.extraRows()).isEqualTo(1);
    // Keys carry the file's symbol, not the partition folder's 1000PEPE-USDT-USDT.
    assertThat(hf.missingRowKeys())
        .containsExactly(
            new RowKey("binance", "1000PEPE/USDT:USDT", "capture_ts", START + 130_000_000L));
    assertThat(hf.extraRowKeys())
        .containsExactly(new RowKey("kraken", "BTC/USDT", "capture_ts", START + 500_000L));
    assertThat(hf.columns()).allSatisfy(c -> assertThat(c.mismatches()).isZero());
    assertThat(r.differences()).isEqualTo(2);
    othersIdentical(r, HF);
    assertThat(text(r))
        .contains(
            "missing rows (in LEFT only): 1\n"
                + "    binance 1000PEPE/USDT:USDT capture_ts=2026-01-06T00:00:10Z")
        .contains(
            "extra rows (in RIGHT only): 1\n"
                + "    kraken BTC/USDT capture_ts=2026-01-05T23:58:00.500Z");
  }

  @Test
  void aSurplusRowAtASharedKeyIsMissingOrExtra() throws Exception {
    ParityFixture right = base.copy();
    // At START + 80 s every hf key has two snapshots; drop one of binance BTC/USDT's on the right.
    GenericRecord one = right.row(HF, "binance", "BTC/USDT", 80_000_000L);
    right.rows(HF).remove(one);

    TableReport hf = compare(base, right).table(HF);

    assertThat(hf.missingRows()).isEqualTo(1);
    assertThat(hf.missingRowKeys())
        .containsExactly(new RowKey("binance", "BTC/USDT", "capture_ts", START + 80_000_000L));
    assertThat(hf.extraRows()).isZero();
    // The remaining snapshot pairs with its twin: the same content, no value mismatch.
    assertThat(hf.columns()).allSatisfy(c -> assertThat(c.mismatches()).isZero());
  }

  @Test
  void aSwappedTieIsReported() throws Exception {
    // Left: A = (ts, price pa, amount xa), B = (ts, price pb, amount xb).
    // Right: (ts, pa, xb) and (ts, pb, xa): the same prices and amounts, paired differently.
    ParityFixture right = base.copy();
    List<GenericRecord> tie = new ArrayList<>();
    for (GenericRecord r : right.rows(TRADES)) {
      if (r.get("exchange").equals("binance")
          && r.get("symbol").equals("BTC/USDT")
          && (Long) r.get("capture_ts") == START + 5 * 4_500_000L) {
        tie.add(r);
      }
    }
    assertThat(tie).hasSize(3);
    GenericRecord a = tie.get(0);
    GenericRecord b = tie.get(1);
    assertThat(a.get("amount")).isNotEqualTo(b.get("amount"));
    Object amount = a.get("amount");
    a.put("amount", b.get("amount"));
    b.put("amount", amount);

    ParityReport r = compare(base, right);

    TableReport trades = r.table(TRADES);
    RowKey key = new RowKey("binance", "BTC/USDT", "capture_ts", START + 22_500_000L);
    assertThat(trades.missingRows()).isZero();
    assertThat(trades.extraRows()).isZero();
    assertThat(trades.rowsCompared()).isEqualTo(base.rows(TRADES).size());
    ColumnReport amounts = trades.column("amount");
    assertThat(amounts.mismatches()).isEqualTo(2); // both rows of the pair, paired by their ids
    assertThat(amounts.mismatchKeys()).containsOnly(key);
    assertThat(r.identical()).isFalse();
    othersIdentical(r, TRADES);
  }

  @Test
  void rowsSharingAKeyPairWhateverTheirOrder() throws Exception {
    // The same trades at one capture_ts, written in another order, with nothing else changed.
    ParityFixture right = base.copy();
    List<GenericRecord> rows = right.rows(TRADES);
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      GenericRecord r = rows.get(i);
      rows.set(i, rows.get(i + 1));
      rows.set(i + 1, r);
    }
    assertThat(compare(base, right).identical()).isTrue();
  }

  @Test
  void nullAgainstAValueIsAMismatch() throws Exception {
    ParityFixture right = base.copy();
    right.row(HF, "kraken", "1000PEPE/USDT:USDT", 20_000_000L).put("imbalance_5", null);
    // And a value where the left has null (spread_bps of the first snapshot).
    right.row(HF, "binance", "BTC/USDT", 0).put("spread_bps", 0.75);

    ParityReport r = compare(base, right);

    TableReport hf = r.table(HF);
    Mismatch m = hf.column("imbalance_5").worst();
    assertThat(m.key())
        .isEqualTo(new RowKey("kraken", "1000PEPE/USDT:USDT", "capture_ts", START + 20_000_000L));
    assertThat(m.left()).isInstanceOf(Double.class);
    assertThat(m.right()).isNull();
    assertThat(m.diff()).isNull();
    Mismatch s = hf.column("spread_bps").worst();
    assertThat(s.left()).isNull();
    assertThat(s.right()).isEqualTo(0.75);
    assertThat(r.differences()).isEqualTo(2);
    assertThat(text(r)).contains("(null vs value)");
  }

  @Test
  void nanIsAlwaysAMismatchEvenAgainstNaN() throws Exception {
    ParityFixture left = base.copy();
    ParityFixture right = base.copy();
    left.row(HF, "binance", "BTC/USDT", 60_000_000L).put("mid_price", Double.NaN);
    right.row(HF, "binance", "BTC/USDT", 60_000_000L).put("mid_price", Double.NaN);
    right.row(HF, "kraken", "BTC/USDT", 60_000_000L).put("imbalance_5", Double.NaN);

    ParityReport r = compare(left, right);

    TableReport hf = r.table(HF);
    assertThat(hf.column("mid_price").mismatches()).isEqualTo(1);
    assertThat(hf.column("mid_price").worst().diff()).isNaN();
    assertThat(hf.column("imbalance_5").mismatches()).isEqualTo(1);
    assertThat(hf.column("imbalance_5").worst().right()).isEqualTo(Double.NaN);
    assertThat(r.differences()).isEqualTo(2);
    assertThat(r.toJson()).contains("\"NaN\"");
  }

  @Test
  void integersBooleansAndStringsCompareExactly() throws Exception {
    ParityFixture right = base.copy();
    GenericRecord row = right.row(HF, "kraken", "BTC/USDT", 100_000_000L);
    row.put("bid_levels", (Integer) row.get("bid_levels") + 1);
    row.put("book_crossed", !(Boolean) row.get("book_crossed"));
    row.put("spread_regime", "wide");

    TableReport hf = compare(base, right).table(HF);

    assertThat(hf.column("bid_levels").mismatches()).isEqualTo(1);
    assertThat(hf.column("bid_levels").worst().diff()).isEqualTo(1.0);
    assertThat(hf.column("bid_levels").worst().tolerance()).isEqualTo(0.0);
    assertThat(hf.column("book_crossed").mismatches()).isEqualTo(1);
    assertThat(hf.column("spread_regime").mismatches()).isEqualTo(1);
    assertThat(hf.column("spread_regime").worst().right()).isEqualTo("wide");
    assertThat(hf.differences()).isEqualTo(3);
  }

  @Test
  void missingExtraAndRetypedColumnsAreReported() throws Exception {
    ParityFixture right = base.copy();
    Schema hf = right.schemas.get(HF);
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : hf.getFields()) {
      if (f.name().equals("spread_bps")) {
        continue; // missing on the right
      }
      Schema type =
          f.name().equals("bid_levels") // int on the left, long on the right
              ? new Schema.Parser().parse("[\"null\",\"long\"]")
              : f.schema();
      fields.add(new Schema.Field(f.name(), type, null, f.defaultVal()));
    }
    fields.add(
        new Schema.Field(
            "ofi_1",
            new Schema.Parser().parse("[\"null\",\"double\"]"),
            null,
            Schema.Field.NULL_DEFAULT_VALUE));
    right.changeSchema(HF, Schema.createRecord("Hf", null, "test", false, fields));

    ParityReport r = compare(base, right);

    TableReport t = r.table(HF);
    assertThat(t.missingColumns()).containsExactly("spread_bps");
    assertThat(t.extraColumns()).containsExactly("ofi_1");
    assertThat(t.column("spread_bps")).isNull();
    ColumnReport levels = t.column("bid_levels");
    assertThat(levels.typeMismatch()).isTrue();
    assertThat(levels.leftType()).isEqualTo("int");
    assertThat(levels.rightType()).isEqualTo("long");
    assertThat(levels.mismatches()).isZero(); // the values themselves agree
    assertThat(t.rowsCompared()).isEqualTo(base.rows(HF).size());
    assertThat(t.differences()).isEqualTo(3);
    assertThat(text(r))
        .contains("missing columns (in LEFT only): spread_bps")
        .contains("extra columns (in RIGHT only): ofi_1")
        .contains("column types differ: bid_levels (LEFT int, RIGHT long)");
  }

  @Test
  void aTableOnOneSideOnlyIsADifference() throws Exception {
    ParityFixture left = base.copy();
    left.rows.remove(VOLUME_BARS);
    ParityFixture right = base.copy();
    right.rows.remove(TIME_BARS);

    ParityReport r = compare(left, right);

    TableReport bars = r.table(TIME_BARS);
    assertThat(bars.presence()).isEqualTo(TableReport.Presence.LEFT_ONLY);
    assertThat(bars.rowsLeft()).isEqualTo(base.rows(TIME_BARS).size());
    assertThat(bars.differences()).isEqualTo(1);
    TableReport volume = r.table(VOLUME_BARS);
    assertThat(volume.presence()).isEqualTo(TableReport.Presence.RIGHT_ONLY);
    assertThat(volume.rowsRight()).isEqualTo(base.rows(VOLUME_BARS).size());
    assertThat(r.differences()).isEqualTo(2);
    assertThat(text(r))
        .contains(TIME_BARS + ": only in LEFT (16 rows in 8 partitions)")
        .contains(VOLUME_BARS + ": only in RIGHT (40 rows in 8 partitions)");
  }

  @Test
  void aRowInAnotherDatePartitionIsMissingThereAndExtraHere() throws Exception {
    // The table's key is (exchange, symbol, bar_index); bar 3 moves to the previous day.
    ParityFixture right = base.copy();
    for (GenericRecord row : right.rows(VOLUME_BARS)) {
      if ((Long) row.get("bar_index") == 9 && row.get("exchange").equals("kraken")) {
        row.put("bar_start", START);
      }
    }
    TableReport t = compare(base, right).table(VOLUME_BARS);
    assertThat(t.missingRows()).isEqualTo(2);
    assertThat(t.extraRows()).isEqualTo(2);
    assertThat(t.missingRowKeys()).extracting(RowKey::time).containsOnly(9L);
  }

  @Test
  void onlyTheSelectedTablesAreCompared() throws Exception {
    ParityFixture right = base.copy();
    right.row(HF, "kraken", "BTC/USDT", 0).put("mid_price", 1.0);

    ParityReport r =
        compare(base, right, ParityOptions.defaults().withTables(List.of("ccxt/trades/")));

    assertThat(r.tables()).extracting(TableReport::table).containsExactly(TRADES, VOLUME_BARS);
    assertThat(r.identical()).isTrue();
    assertThatThrownBy(
            () ->
                ParityCheck.compare(
                    dir.resolve("left").toString(),
                    dir.resolve("right").toString(),
                    ParityOptions.defaults().withTables(List.of("ccxt/ticker"))))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("no table starts with ccxt/ticker");
  }

  @Test
  void examplesAreCappedButCountsAreNot() throws Exception {
    ParityFixture right = base.copy();
    for (GenericRecord row : right.rows(HF)) {
      row.put("imbalance_5", (Double) row.get("imbalance_5") + 0.5);
    }
    TableReport hf = compare(base, right, ParityOptions.defaults().withMaxExamples(3)).table(HF);
    ColumnReport c = hf.column("imbalance_5");
    assertThat(c.mismatches()).isEqualTo(base.rows(HF).size());
    assertThat(c.mismatchKeys()).hasSize(3);
    assertThat(c.mismatchKeys()).isSorted();
  }

  @Test
  void anUnreadableFileIsAnErrorOfItsTableNotACrash() throws Exception {
    base.write(dir.resolve("left"), false);
    base.write(dir.resolve("right"), false);
    Path file =
        dir.resolve("right")
            .resolve(TRADES)
            .resolve("exchange=kraken/symbol=BTC%2FUSDT/date=2026-01-05/part-00000-of-00002.parquet");
    Files.writeString(file, "not parquet");

    ParityReport r =
        ParityCheck.compare(dir.resolve("left").toString(), dir.resolve("right").toString());

    TableReport t = r.table(TRADES);
    assertThat(t.errors()).hasSize(1);
    assertThat(t.errors().get(0))
        .startsWith("RIGHT: " + file)
        .contains("not readable Parquet")
        .endsWith("(partition exchange=kraken/symbol=BTC%2FUSDT/date=2026-01-05 not compared)");
    assertThat(t.rowsCompared()).isLessThan(base.rows(TRADES).size());
    assertThat(r.identical()).isFalse();
    othersIdentical(r, TRADES);
  }

  @Test
  void aFileWithOtherColumnsThanTheRestOfItsSideIsAnError() throws Exception {
    base.write(dir.resolve("left"), false);
    base.write(dir.resolve("right"), false);
    Path partition =
        dir.resolve("right").resolve(HF).resolve("exchange=kraken/symbol=BTC%2FUSDT/date=2026-01-06");
    Schema narrow =
        ParityFixture.schema(
            "Hf", ParityFixture.ts("capture_ts"), ParityFixture.opt("mid_price", "double"));
    GenericRecord row = new GenericData.Record(narrow);
    row.put("exchange", "kraken");
    row.put("symbol", "BTC/USDT");
    row.put("capture_ts", START + 150_000_000L);
    row.put("mid_price", 43_000.0);
    ParityFixture.writeFile(partition.resolve("part-00000-of-00001.parquet"), narrow, List.of(row));

    ParityReport r =
        ParityCheck.compare(dir.resolve("left").toString(), dir.resolve("right").toString());

    TableReport hf = r.table(HF);
    assertThat(hf.errors())
        .singleElement()
        .asString()
        .startsWith(
            "RIGHT: "
                + partition.resolve("part-00000-of-00001.parquet")
                + " has other columns than ")
        .contains("-spread_bps")
        .endsWith("(partition exchange=kraken/symbol=BTC%2FUSDT/date=2026-01-06 not compared)");
    assertThat(hf.missingColumns()).isEmpty();
    assertThat(hf.rowsCompared())
        .isEqualTo(base.rows(HF).size() - 30); // 30 snapshots on 2026-01-06
    assertThat(hf.differences()).isEqualTo(1);
  }

  @Test
  void aRootThatIsMissingOrHoldsNoTableIsAUserError() throws Exception {
    base.write(dir.resolve("left"), false);
    Files.createDirectories(dir.resolve("empty/_rejected"));
    assertThatThrownBy(
            () ->
                ParityCheck.compare(dir.resolve("left").toString(), dir.resolve("nope").toString()))
        .isInstanceOf(UserError.class)
        .hasMessage("RIGHT_ROOT " + dir.resolve("nope") + " does not exist");
    Files.writeString(dir.resolve("empty/notes.txt"), "x");
    assertThatThrownBy(
            () ->
                ParityCheck.compare(
                    dir.resolve("empty").toString(), dir.resolve("left").toString()))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("LEFT_ROOT " + dir.resolve("empty") + " holds no table");
  }

  @Test
  void aTableFolderItselfCanBeARoot() throws Exception {
    ParityFixture right = base.copy();
    right.row(HF, "kraken", "BTC/USDT", 0).put("mid_price", 1.0);
    base.write(dir.resolve("left"), false);
    right.write(dir.resolve("right"), false);

    ParityReport r =
        ParityCheck.compare(
            dir.resolve("left").resolve(HF) + "/", "file://" + dir.resolve("right").resolve(HF));

    assertThat(r.tables()).extracting(TableReport::table).containsExactly(".");
    assertThat(r.differences()).isEqualTo(1);
    assertThat(r.left()).isEqualTo(dir.resolve("left").resolve(HF).toString());
  }
}
