package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.ForwardReturns;
import io.microstructure.features.OrderFlowImbalance;
import io.microstructure.features.RollingWindowFeatures;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.StructuralFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column layout of the order-book hf table after exchange, symbol and capture_ts: the structural
 * block, then delta, trade-aligned, rolling (per horizon), spread-regime and label columns. The
 * names come from the feature classes; at default parameters they equal orderbook_hf.avsc.
 */
public final class HfColumns {
  public static final List<String> TRADE_ALIGNED =
      List.of(
          "buy_volume", "sell_volume", "trade_count", "signed_volume", "tfi", "trade_vwap", "vpin");

  private final List<String> names;
  private final int structuralWidth;
  private final int timeDeltaMs;
  private final int ofiStart;
  private final int tradeStart;
  private final int rollingStart;
  private final int regimeStart;
  private final int forwardStart;

  public HfColumns(FeatureParameters params) {
    List<String> n = new ArrayList<>(new StructuralFeatures(params).columnNames());
    structuralWidth = n.size();
    timeDeltaMs = n.size();
    n.add("time_delta_ms");
    n.add("log_return");
    ofiStart = n.size();
    n.addAll(OrderFlowImbalance.columnNames(params.ofiLevels()));
    tradeStart = n.size();
    n.addAll(TRADE_ALIGNED);
    rollingStart = n.size();
    for (long h : params.horizonsSeconds()) {
      n.addAll(RollingWindowFeatures.columnNames(h));
    }
    regimeStart = n.size();
    n.addAll(SpreadRegime.columnNames());
    forwardStart = n.size();
    n.addAll(ForwardReturns.columnNames(params.horizonsSeconds()));
    names = Collections.unmodifiableList(n);
  }

  public List<String> names() {
    return names;
  }

  public int width() {
    return names.size();
  }

  public int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name);
    }
    return i;
  }

  public int structuralWidth() {
    return structuralWidth;
  }

  /** time_delta_ms; log_return follows it. */
  public int timeDeltaMs() {
    return timeDeltaMs;
  }

  /** ofi_1 .. ofi_M, then ofi, mlofi, ofi_ewm. */
  public int ofiStart() {
    return ofiStart;
  }

  /** The {@link #TRADE_ALIGNED} block. */
  public int tradeStart() {
    return tradeStart;
  }

  /** Horizon h's block of {@link RollingWindowFeatures#WIDTH} columns starts here + h·WIDTH. */
  public int rollingStart() {
    return rollingStart;
  }

  /** spread_percentile, spread_regime. */
  public int regimeStart() {
    return regimeStart;
  }

  /** fwd_return_H per horizon. */
  public int forwardStart() {
    return forwardStart;
  }
}
