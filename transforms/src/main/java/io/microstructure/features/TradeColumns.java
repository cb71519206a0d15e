package io.microstructure.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Columns of the trades hf table after capture_ts: the id (a label), the taker's side (an enum
 * column coded 0 sell, 1 buy), price, amount, signed_amount, and the rolling trade-flow columns of
 * {@link TradeWindowFeatures} per horizon.
 */
public final class TradeColumns {
  private TradeColumns() {}

  public static List<FeatureColumn> columns(FeatureParameters params) {
    List<FeatureColumn> c =
        new ArrayList<>(
            List.of(
                FeatureColumn.of("id", FeatureColumn.Type.STRING),
                FeatureColumn.ofEnum("side", List.of("sell", "buy")),
                FeatureColumn.ofDouble("price"),
                FeatureColumn.ofDouble("amount"),
                FeatureColumn.ofDouble("signed_amount")));
    for (long h : params.horizonsSeconds()) {
      c.addAll(TradeWindowFeatures.columns(h));
    }
    return Collections.unmodifiableList(c);
  }

  public static List<String> columnNames(FeatureParameters params) {
    return FeatureColumn.names(columns(params));
  }
}
