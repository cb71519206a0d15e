package io.microstructure.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column layout of the order-book hf table after exchange, symbol and capture_ts: the blocks the
 * feature families declare, in this order: structural, the replay's deltas (time_delta_ms,
 * log_return), order flow, trade-aligned flow and VPIN, rolling statistics per horizon, spread
 * regime, forward returns. The table's schema is derived from these declarations (and at default
 * parameters equals orderbook_hf.avsc).
 */
public final class HfColumns {
  /** The replay's own per-snapshot deltas. */
  static final List<FeatureColumn> DELTAS =
      List.of(FeatureColumn.ofDouble("time_delta_ms"), FeatureColumn.ofDouble("log_return"));

  private final List<FeatureColumn> columns;
  private final List<String> names;
  private final int structuralWidth;
  private final int timeDeltaMs;
  private final int ofiStart;
  private final int tradeStart;
  private final int rollingStart;
  private final int regimeStart;
  private final int forwardStart;

  public HfColumns(FeatureParameters params) {
    List<FeatureColumn> c = new ArrayList<>(new StructuralFeatures(params).columns());
    structuralWidth = c.size();
    timeDeltaMs = c.size();
    c.addAll(DELTAS);
    ofiStart = c.size();
    c.addAll(OrderFlowImbalance.columns(params.ofiLevels()));
    tradeStart = c.size();
    c.addAll(TradeFlow.columns());
    c.add(Vpin.column());
    rollingStart = c.size();
    for (long h : params.horizonsSeconds()) {
      c.addAll(RollingWindowFeatures.columns(h));
    }
    regimeStart = c.size();
    c.addAll(SpreadRegime.columns());
    forwardStart = c.size();
    c.addAll(ForwardReturns.columns(params.horizonsSeconds()));
    columns = Collections.unmodifiableList(c);
    names = FeatureColumn.names(columns);
  }

  /** Every column, typed, in table order. */
  public List<FeatureColumn> columns() {
    return columns;
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

  /** {@link TradeFlow#columns()}, then vpin. */
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
