package io.microstructure.parity;

import static io.microstructure.parity.ParityFixture.HF;
import static io.microstructure.parity.ParityFixture.START;
import static io.microstructure.parity.ParityFixture.TRADES;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code etl parity}: output, JSON, exit codes and messages. */
class ParityCommandTest {
  @TempDir Path dir;

  private static final class Result {
    int code;
    String out;
    String err;
  }

  private static Result parity(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Result r = new Result();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      r.code = new CommandLine(new ParityCommand()).execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    r.out = out.toString(StandardCharsets.UTF_8);
    r.err = err.toString(StandardCharsets.UTF_8);
    return r;
  }

  private String left() {
    return dir.resolve("left").toString();
  }

  private String right() {
    return dir.resolve("right").toString();
  }

  @Test
  void identicalRootsExitZeroWithParityOk() throws Exception {
    ParityFixture f = ParityFixture.standard();
    f.write(dir.resolve("left"), false);
    f.write(dir.resolve("right"), true);

    Result r = parity(left(), right());

    assertThat(r.code).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.out.strip()).endsWith("PARITY OK");
    assertThat(r.out)
        .contains("parity: LEFT  " + left())
        .contains("not compared: _rejected")
        .contains(HF + ": key (exchange, symbol, capture_ts), 8 partitions")
        .contains("=> identical");
  }

  @Test
  void differencesExitOneAndTheJsonReportCarriesTheSameNumbers() throws Exception {
    ParityFixture left = ParityFixture.standard();
    ParityFixture right = left.copy();
    double x = (Double) left.row(HF, "binance", "BTC/USDT", 6_000_000L).get("mid_price");
    double y = ParityCheckTest.oneUlpBeyond(x);
    right.row(HF, "binance", "BTC/USDT", 6_000_000L).put("mid_price", y);
    right.rows(TRADES).remove(right.rows(TRADES).size() - 1);
    left.write(dir.resolve("left"), false);
    right.write(dir.resolve("right"), true);
    Path json = dir.resolve("reports/parity.json");

    Result r = parity(left(), right(), "--json", json.toString());

    assertThat(r.code).isEqualTo(1);
    assertThat(r.out).contains("PARITY FAILED: 2 differences").contains("JSON report: " + json);
    assertThat(r.out)
        .containsPattern(
            "mid_price +double +364 +1  binance BTC/USDT capture_ts=2026-01-05T23:58:06Z: LEFT "
                + x
                + ", RIGHT "
                + y
                + " \\(\\|diff\\| "
                + Math.abs(x - y)
                + " > ");
    JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    ParityReport report = ParityCheck.compare(left(), right());
    assertThat(o.get("identical").getAsBoolean()).isFalse();
    assertThat(o.get("differences").getAsLong()).isEqualTo(report.differences()).isEqualTo(2);
    assertThat(o.get("tolerance").getAsDouble()).isEqualTo(1e-9);
    assertThat(o.getAsJsonArray("notCompared").get(0).getAsString()).isEqualTo("_rejected");
    JsonArray tables = o.getAsJsonArray("tables");
    assertThat(tables).hasSize(report.tables().size());
    for (int i = 0; i < tables.size(); i++) {
      JsonObject t = tables.get(i).getAsJsonObject();
      TableReport expected = report.tables().get(i);
      assertThat(t.get("table").getAsString()).isEqualTo(expected.table());
      assertThat(t.get("rowsLeft").getAsLong()).isEqualTo(expected.rowsLeft());
      assertThat(t.get("rowsRight").getAsLong()).isEqualTo(expected.rowsRight());
      assertThat(t.get("rowsCompared").getAsLong()).isEqualTo(expected.rowsCompared());
      assertThat(t.get("missingRows").getAsLong()).isEqualTo(expected.missingRows());
      assertThat(t.get("extraRows").getAsLong()).isEqualTo(expected.extraRows());
      assertThat(t.getAsJsonArray("columns")).hasSize(expected.columns().size());
    }
    JsonObject hf = table(o, HF);
    JsonObject mid = column(hf, "mid_price");
    assertThat(mid.get("compared").getAsLong()).isEqualTo(364);
    assertThat(mid.get("mismatches").getAsLong()).isEqualTo(1);
    JsonObject worst = mid.getAsJsonObject("worst");
    assertThat(worst.get("left").getAsDouble()).isEqualTo(x);
    assertThat(worst.get("right").getAsDouble()).isEqualTo(y);
    assertThat(worst.get("diff").getAsDouble()).isEqualTo(Math.abs(x - y));
    assertThat(worst.get("tolerance").getAsDouble())
        .isEqualTo(report.table(HF).column("mid_price").worst().tolerance());
    JsonObject key = worst.getAsJsonObject("key");
    assertThat(key.get("exchange").getAsString()).isEqualTo("binance");
    assertThat(key.get("symbol").getAsString()).isEqualTo("BTC/USDT");
    assertThat(key.get("timeColumn").getAsString()).isEqualTo("capture_ts");
    assertThat(key.get("time").getAsLong()).isEqualTo(START + 6_000_000L);
    assertThat(mid.getAsJsonArray("mismatchKeys")).hasSize(1);
    JsonObject trades = table(o, TRADES);
    assertThat(trades.get("missingRows").getAsLong()).isEqualTo(1);
    assertThat(
            trades
                .getAsJsonArray("missingRowKeys")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString())
        .isEqualTo(report.table(TRADES).missingRowKeys().get(0).toString());
  }

  private static JsonObject table(JsonObject report, String name) {
    for (JsonElement t : report.getAsJsonArray("tables")) {
      if (t.getAsJsonObject().get("table").getAsString().equals(name)) {
        return t.getAsJsonObject();
      }
    }
    throw new AssertionError("no table " + name);
  }

  private static JsonObject column(JsonObject table, String name) {
    for (JsonElement c : table.getAsJsonArray("columns")) {
      if (c.getAsJsonObject().get("column").getAsString().equals(name)) {
        return c.getAsJsonObject();
      }
    }
    throw new AssertionError("no column " + name);
  }

  @Test
  void aMissingRootIsOneLineAndExitCodeTwo() throws Exception {
    ParityFixture.standard().write(dir.resolve("left"), false);

    Result r = parity(left(), dir.resolve("nope").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .isEqualTo("etl: error: RIGHT_ROOT " + dir.resolve("nope") + " does not exist\n");
  }

  @Test
  void aRootWithoutTablesIsExitCodeTwo() throws Exception {
    ParityFixture.standard().write(dir.resolve("left"), false);
    Files.createDirectories(dir.resolve("raw/ready/ccxt/orderbook"));
    Files.writeString(dir.resolve("raw/ready/ccxt/orderbook/segment.parquet"), "x");

    Result r = parity(dir.resolve("raw").toString(), left());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip())
        .isEqualTo(
            "etl: error: LEFT_ROOT "
                + dir.resolve("raw")
                + " holds no table (no exchange=*/symbol=*/date=*/*.parquet below it)");
  }

  @Test
  void usageErrorsAreExitCodeTwo() throws Exception {
    ParityFixture.standard().write(dir.resolve("left"), false);
    ParityFixture.standard().write(dir.resolve("right"), false);

    Result noRight = parity(left());
    assertThat(noRight.code).isEqualTo(2);
    assertThat(noRight.err).contains("RIGHT_ROOT");

    Result tolerance = parity(left(), right(), "--tolerance", "-1");
    assertThat(tolerance.code).isEqualTo(2);
    assertThat(tolerance.err.strip())
        .isEqualTo("etl: error: tolerance must be a finite number >= 0: -1.0");

    Result typo = parity(left(), right(), "--tolerence=1e-6");
    assertThat(typo.code).isEqualTo(2);
    assertThat(typo.err).startsWith("etl: error: unknown option --tolerence=1e-6 (");
    assertThat(typo.err.lines()).hasSize(1);

    Result table = parity(left(), right(), "--table", "ccxt/ticker");
    assertThat(table.code).isEqualTo(2);
    assertThat(table.err).startsWith("etl: error: no table starts with ccxt/ticker");
    assertThat(table.err.lines()).hasSize(1);
  }

  @Test
  void tableFilterAndMaxExamples() throws Exception {
    ParityFixture left = ParityFixture.standard();
    ParityFixture right = left.copy();
    right.row(HF, "kraken", "BTC/USDT", 0).put("mid_price", 1.0);
    left.write(dir.resolve("left"), false);
    right.write(dir.resolve("right"), false);

    Result trades = parity(left(), right(), "--table", "ccxt/trades", "--max-examples", "1");
    assertThat(trades.code).isZero();
    assertThat(trades.out).contains("tables starting with: ccxt/trades").doesNotContain(HF + ":");

    Result both = parity(left(), right(), "--table", "ccxt/trades", "--table", HF);
    assertThat(both.code).isEqualTo(1);
    assertThat(both.out).contains(HF + ":").contains(TRADES + ":");
  }

  @Test
  void helpListsTheOptions() {
    Result r = parity("--help");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains("LEFT_ROOT")
        .contains("RIGHT_ROOT")
        .contains("--json")
        .contains("--tolerance")
        .contains("--max-examples")
        .contains("--table");
  }
}
