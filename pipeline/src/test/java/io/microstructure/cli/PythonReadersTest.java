package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.bench.PythonVenv;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.model.MarketKey;
import io.microstructure.pipeline.OutputSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every table of an output root opens in pandas, pyarrow, polars and DuckDB (Python) as our users
 * open it, and each reader that shows the market shows the original CCXT symbol, with the rows the
 * Parquet footers count per partition folder. The readers come from a venv the test makes with pip
 * (from the index pip is configured with); where that cannot be had, the test is skipped with the
 * reason. Spark is checked by {@code SparkReadsOutputsTest} in the identity module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonReadersTest {
  private static final Path VENV = Path.of("target", "python-readers");
  private static final Path SCRIPT = Path.of("src", "test", "python", "open_outputs.py");
  private static final List<String> TABLES =
      List.of(
          "orderbook/hf",
          "orderbook/bars",
          "orderbook/bars/duration=60s",
          "trades/hf",
          "trades/volume_bars",
          "ticker/hf");

  /** Readers that take exchange and symbol from the partition folders. */
  private static final Map<String, String> HIVE_READERS_TIME_TYPE =
      Map.of(
          "pandas.read_parquet(dir)", "datetime64[us, UTC]",
          "pyarrow.parquet.read_table(dir)", "timestamp[us, tz=UTC]",
          "pyarrow.dataset(dir, partitioning='hive')", "timestamp[us, tz=UTC]",
          "polars.scan_parquet(dir)", "Datetime(time_unit='us', time_zone='UTC')",
          "polars.scan_parquet(glob, hive_partitioning=True)",
              "Datetime(time_unit='us', time_zone='UTC')",
          "duckdb read_parquet(glob)", "TIMESTAMP WITH TIME ZONE");

  /** Readers told to ignore the folders: the feature columns, no market. */
  private static final List<String> PLAIN_READERS =
      List.of(
          "pyarrow.dataset(dir)",
          "polars.scan_parquet(glob, hive_partitioning=False)",
          "duckdb read_parquet(glob, hive_partitioning=false)");

  private Path dir;
  private JsonObject opened;
  private OutputSummary footers;
  private Path source;

  @BeforeAll
  void openEveryTableWithEveryReader(@TempDir Path tmp) throws Exception {
    dir = tmp;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    Optional<Path> python =
        new PythonVenv(
                "the Python reader checks",
                List.of("pandas", "pyarrow", "polars", "duckdb"))
            .python(
                VENV.toAbsolutePath(),
                Path.of("target", "python-readers.log").toAbsolutePath(),
                new PrintStream(said, true, StandardCharsets.UTF_8));
    assumeTrue(python.isPresent(), said.toString(StandardCharsets.UTF_8).strip());

    Path raw = dir.resolve("raw");
    // Symbols that need escaping in a folder name, and one that does not.
    SampleMarketGenerator.generate(
        GeneratorConfig.builder()
            .duration(Duration.ofMinutes(3))
            .exchanges("binance", "okx")
            .symbols("BTC/USDT", "1000PEPE/USDT:USDT", "ETH-USDT")
            .seed(41)
            .writeNdjson(false)
            .build(),
        raw.toString());
    Path out = dir.resolve("out");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run", "--raw-root", raw.toString(), "--output-root", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    footers = OutputSummary.scan(out.toString(), "ccxt");
    source = out.resolve("ccxt");

    List<String> command = new ArrayList<>(List.of(python.get().toString(), SCRIPT.toString()));
    TABLES.forEach(t -> command.add(source.resolve(t).toString()));
    Path json = dir.resolve("opened.json");
    Path errors = dir.resolve("opened.err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(json.toFile())
            .redirectError(errors.toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the readers finish").isTrue();
    assertThat(p.exitValue()).as(Files.readString(errors)).isZero();
    opened = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
  }

  @Test
  void everyReaderThatShowsTheMarketShowsTheOriginalSymbolWithTheFootersRows() {
    for (String reader : HIVE_READERS_TIME_TYPE.keySet()) {
      for (String table : TABLES) {
        JsonObject seen = seen(reader, table);
        Map<String, Long> markets = new TreeMap<>();
        seen.getAsJsonObject("markets")
            .entrySet()
            .forEach(e -> markets.put(e.getKey(), e.getValue().getAsLong()));
        assertThat(markets).as("%s on %s", reader, table).isEqualTo(expectedMarkets(table));
        assertThat(seen.get("time_type").getAsString())
            .as("%s on %s: the row time", reader, table)
            .isEqualTo(HIVE_READERS_TIME_TYPE.get(reader));
      }
    }
  }

  @Test
  void readersThatIgnoreTheFoldersOpenEveryRowWithoutAMarket() {
    for (String reader : PLAIN_READERS) {
      for (String table : TABLES) {
        JsonObject seen = seen(reader, table);
        long rows = expectedMarkets(table).values().stream().mapToLong(Long::longValue).sum();
        assertThat(seen.get("total").getAsLong()).as("%s on %s", reader, table).isEqualTo(rows);
        assertThat(seen.get("markets").isJsonNull()).as("%s on %s", reader, table).isTrue();
        assertThat(seen.getAsJsonArray("columns").toString())
            .doesNotContain("\"exchange\"", "\"symbol\"");
      }
    }
  }

  @Test
  void theSymbolsReallyNeededEscaping() {
    assertThat(source.resolve("orderbook/hf/exchange=okx/symbol=1000PEPE%2FUSDT%3AUSDT"))
        .isDirectory();
    assertThat(source.resolve("orderbook/hf/exchange=okx/symbol=ETH-USDT")).isDirectory();
  }

  private JsonObject seen(String reader, String table) {
    JsonObject perTable = opened.getAsJsonObject("readers").getAsJsonObject(reader);
    JsonElement seen = perTable.get(source.resolve(table).toString());
    assertThat(seen).as("%s on %s", reader, table).isNotNull();
    JsonObject o = seen.getAsJsonObject();
    assertThat(o.has("error"))
        .as("%s on %s: %s", reader, table, o.has("error") ? o.get("error") + "\n" + o.get("trace") : "")
        .isFalse();
    return o;
  }

  /** "exchange\tsymbol" → rows, from the footers of the table's files (every duration for bars). */
  private Map<String, Long> expectedMarkets(String table) {
    Map<String, Long> expected = new TreeMap<>();
    footers
        .rowsPerTableAndKey()
        .forEach(
            (name, markets) -> {
              if (name.equals(table) || name.startsWith(table + "/")) {
                for (Map.Entry<MarketKey, Long> e : markets.entrySet()) {
                  expected.merge(
                      e.getKey().exchange() + "\t" + e.getKey().symbol(), e.getValue(), Long::sum);
                }
              }
            });
    assertThat(expected).as("rows of %s", table).isNotEmpty();
    return expected;
  }
}
