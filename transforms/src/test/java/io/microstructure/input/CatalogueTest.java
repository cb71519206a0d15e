package io.microstructure.input;

import io.microstructure.output.OutputSchemas;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FEATURES.md lists every column of every published output schema, in schema order. */
class CatalogueTest {

  @ParameterizedTest
  @CsvSource({
    "orderbook_hf, orderbook/hf",
    "orderbook_bars, orderbook/bars",
    "trades_hf, trades/hf",
    "volume_bars, trades/volume_bars",
    "ticker_hf, ticker/hf",
    "rejected, _rejected"
  })
  void catalogueAppendixListsTheSchemaColumns(String schema, String title) throws IOException {
    String catalogue = Files.readString(Path.of("..", "FEATURES.md"));
    String line =
        catalogue.lines().filter(l -> l.startsWith("**" + title + "**")).findFirst().orElse("");
    List<String> listed =
        List.of(line.replaceAll("^[^:]*: ", "").split(", ")).stream()
            .map(s -> s.replace("`", "").trim())
            .collect(Collectors.toList());
    List<String> columns =
        OutputSchemas.resource(schema).getFields().stream()
            .map(Schema.Field::name)
            .collect(Collectors.toList());
    assertThat(listed).as("FEATURES.md appendix for " + title).isEqualTo(columns);
  }
}
