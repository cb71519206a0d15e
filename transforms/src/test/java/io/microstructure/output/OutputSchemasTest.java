package io.microstructure.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.features.FeatureColumn;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.HfColumns;
import io.microstructure.model.FeatureRow;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class OutputSchemasTest {

  @Test
  void publishedSchemasAreWhatTheFamiliesDeclareAtDefaults() {
    Schema published = OutputSchemas.resource("orderbook_hf");
    assertThat(OutputSchemas.orderbookHf(FeatureParameters.defaults())).isSameAs(published);
    assertThat(OutputSchemas.tradesHf(FeatureParameters.defaults()))
        .isSameAs(OutputSchemas.resource("trades_hf"));
    assertThat(OutputSchemas.orderbookBars()).isSameAs(OutputSchemas.resource("orderbook_bars"));
    assertThat(OutputSchemas.volumeBars()).isSameAs(OutputSchemas.resource("volume_bars"));
    assertThat(OutputSchemas.tickerHf()).isSameAs(OutputSchemas.resource("ticker_hf"));
    // Field by field: the published name and Avro type are those of the declared column.
    // No exchange or symbol: they are the partition folders' names.
    List<String> expected = new java.util.ArrayList<>(List.of("capture_ts"));
    List<String> types = new java.util.ArrayList<>();
    for (FeatureColumn c : new HfColumns(FeatureParameters.defaults()).columns()) {
      expected.add(c.name());
      types.add(c.name() + ":" + avroType(c));
    }
    assertThat(published.getFields().stream().map(Schema.Field::name).collect(Collectors.toList()))
        .isEqualTo(expected);
    assertThat(
            published.getFields().subList(1, published.getFields().size()).stream()
                .map(f -> f.name() + ":" + f.schema())
                .collect(Collectors.toList()))
        .isEqualTo(types);
    assertThat(published.getField("spread_regime").getObjectProp(OutputSchemas.ENUM_SYMBOLS))
        .isEqualTo(List.of("tight", "normal", "wide"));
  }

  /** The Avro type a column type stands for, written out independently of OutputSchemas. */
  private static String avroType(FeatureColumn c) {
    switch (c.type()) {
      case LONG:
        return "[\"null\",\"long\"]";
      case INT:
        return "[\"null\",\"int\"]";
      case BOOLEAN:
        return "[\"null\",\"boolean\"]";
      case ENUM:
      case STRING:
        return "[\"null\",\"string\"]";
      case TIMESTAMP:
        return "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}";
      default:
        return "[\"null\",\"double\"]";
    }
  }

  @Test
  void otherParametersRenameTheFamilies() {
    FeatureParameters p =
        FeatureParameters.builder()
            .depthLevels(1, 2)
            .depthBandsBps(2.5)
            .horizonsSeconds(30)
            .ofiLevels(2)
            .build();
    Schema s = OutputSchemas.orderbookHf(p);
    List<String> names =
        s.getFields().stream().map(Schema.Field::name).collect(Collectors.toList());
    assertThat(names)
        .contains(
            "bid_depth_2", "bid_vwap_2", "bid_band_depth_2p5", "rv_30", "fwd_return_30", "ofi_2")
        .doesNotContain("bid_depth_5", "rv_5", "ofi_3");
    assertThat(s.getField("trade_count_30").schema().getTypes().get(1).getType())
        .isEqualTo(Schema.Type.LONG);
  }

  @Test
  void featureRecordsConvertTypesAndNulls() {
    Schema s = OutputSchemas.orderbookHf(FeatureParameters.defaults());
    HfColumns cols = new HfColumns(FeatureParameters.defaults());
    double[] v = new double[cols.width()];
    Arrays.fill(v, Double.NaN);
    v[cols.indexOf("mid_price")] = 100.5;
    v[cols.indexOf("trade_count")] = 3;
    v[cols.indexOf("bid_levels")] = 20;
    v[cols.indexOf("book_crossed")] = 1;
    v[cols.indexOf("spread_regime")] = 2;
    GenericRecord r = new FeatureRecords(s).apply(new FeatureRow("okx", "ETH/USDT", 42L, v));
    assertThat(r.getSchema().getField("exchange")).isNull();
    assertThat(r.get("capture_ts")).isEqualTo(42L);
    assertThat(r.get("mid_price")).isEqualTo(100.5);
    assertThat(r.get("trade_count")).isEqualTo(3L);
    assertThat(r.get("bid_levels")).isEqualTo(20);
    assertThat(r.get("book_crossed")).isEqualTo(true);
    assertThat(r.get("spread_regime")).isEqualTo("wide");
    assertThat(r.get("vpin")).isNull();
  }

  @Test
  void barSchemaMatchesTheAccumulatorColumns() {
    Schema s = OutputSchemas.orderbookBars();
    assertThat(s.getFields().get(0).name()).isEqualTo("bar_start");
    assertThat(s.getField("bar_end").schema().getLogicalType().getName())
        .isEqualTo("timestamp-micros");
  }

  @Test
  void partitionFoldersEscapeTheMarket() {
    assertThat(OutputLayout.hivePartition("binance", "1000PEPE/USDT:USDT", 1767571201250000L))
        .isEqualTo("exchange=binance/symbol=1000PEPE%2FUSDT%3AUSDT/date=2026-01-05");
    assertThat(OutputLayout.utcDate(1767571201250000L)).isEqualTo("2026-01-05");
    assertThat(
            OutputLayout.marketOf(
                "s3://b/out/ccxt/orderbook/bars/duration=60s/exchange=binance"
                    + "/symbol=1000PEPE%2FUSDT%3AUSDT/date=2026-01-05/part-00000-of-00001.parquet"))
        .contains(io.microstructure.model.MarketKey.of("binance", "1000PEPE/USDT:USDT"));
    assertThat(OutputLayout.marketOf("/out/ccxt/orderbook/hf/date=2026-01-05/x.parquet")).isEmpty();
  }
}
