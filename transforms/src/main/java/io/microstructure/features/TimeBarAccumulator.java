package io.microstructure.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * One time bar's running aggregate, mergeable in any order (a Beam CombineFn accumulator, and the
 * legacy path's too). Open and close are chosen by each input's ordinal in the key's reconstructed
 * order, not by arrival at this accumulator; sums are compensated and the return variance merges
 * with Chan's pairwise formula, so partial aggregates combine without order effects.
 */
public final class TimeBarAccumulator {
  /** Columns after exchange, symbol and bar_start, in orderbook_bars.avsc order. */
  public static final List<String> COLUMNS = FeatureColumn.names(columns());

  /** The bar's columns: bar_end, a time; the counts; the rest doubles. */
  public static List<FeatureColumn> columns() {
    return List.of(
        FeatureColumn.of("bar_end", FeatureColumn.Type.TIMESTAMP),
        FeatureColumn.ofDouble("open"),
        FeatureColumn.ofDouble("high"),
        FeatureColumn.ofDouble("low"),
        FeatureColumn.ofDouble("close"),
        FeatureColumn.ofDouble("avg_spread"),
        FeatureColumn.ofDouble("avg_spread_bps"),
        FeatureColumn.ofDouble("total_ofi"),
        FeatureColumn.ofDouble("total_mlofi"),
        FeatureColumn.ofDouble("realized_variance"),
        FeatureColumn.ofDouble("sum_sq_return"),
        FeatureColumn.ofLong("tick_count"),
        FeatureColumn.ofDouble("buy_volume"),
        FeatureColumn.ofDouble("sell_volume"),
        FeatureColumn.ofLong("trade_count"),
        FeatureColumn.ofDouble("vwap"),
        FeatureColumn.ofDouble("tfi"));
  }

  private long tickCount;
  private long openOrdinal = Long.MAX_VALUE;
  private double open = Double.NaN;
  private long closeOrdinal = Long.MIN_VALUE;
  private double close = Double.NaN;
  private double high = Double.NaN;
  private double low = Double.NaN;
  private final CompensatedSum spread = new CompensatedSum();
  private long spreadCount;
  private final CompensatedSum spreadBps = new CompensatedSum();
  private long spreadBpsCount;
  private final CompensatedSum ofi = new CompensatedSum();
  private final CompensatedSum mlofi = new CompensatedSum();
  private long returnCount;
  private double returnMean;
  private double returnM2;
  private final CompensatedSum sumSqReturn = new CompensatedSum();
  private long tradeCount;
  private final CompensatedSum buyVolume = new CompensatedSum();
  private final CompensatedSum sellVolume = new CompensatedSum();
  private final CompensatedSum notional = new CompensatedSum();

  /** Adds one snapshot; NaN arguments are nulls. */
  public void addSnapshot(
      long ordinal,
      double mid,
      double spreadValue,
      double spreadBpsValue,
      double ofiValue,
      double mlofiValue,
      double logReturn) {
    tickCount++;
    if (!Double.isNaN(mid)) {
      if (ordinal < openOrdinal) {
        openOrdinal = ordinal;
        open = mid;
      }
      if (ordinal > closeOrdinal) {
        closeOrdinal = ordinal;
        close = mid;
      }
      high = Double.isNaN(high) ? mid : Math.max(high, mid);
      low = Double.isNaN(low) ? mid : Math.min(low, mid);
    }
    if (!Double.isNaN(spreadValue)) {
      spread.add(spreadValue);
      spreadCount++;
    }
    if (!Double.isNaN(spreadBpsValue)) {
      spreadBps.add(spreadBpsValue);
      spreadBpsCount++;
    }
    if (!Double.isNaN(ofiValue)) {
      ofi.add(ofiValue);
    }
    if (!Double.isNaN(mlofiValue)) {
      mlofi.add(mlofiValue);
    }
    if (!Double.isNaN(logReturn)) {
      returnCount++;
      double d = logReturn - returnMean;
      returnMean += d / returnCount;
      returnM2 += d * (logReturn - returnMean);
      sumSqReturn.add(logReturn * logReturn);
    }
  }

  public void addTrade(boolean buy, double price, double amount) {
    tradeCount++;
    (buy ? buyVolume : sellVolume).add(amount);
    notional.add(price * amount);
  }

  public void merge(TimeBarAccumulator o) {
    tickCount += o.tickCount;
    if (o.openOrdinal < openOrdinal) {
      openOrdinal = o.openOrdinal;
      open = o.open;
    }
    if (o.closeOrdinal > closeOrdinal) {
      closeOrdinal = o.closeOrdinal;
      close = o.close;
    }
    high = maxIgnoringNull(high, o.high);
    low = minIgnoringNull(low, o.low);
    spread.add(o.spread);
    spreadCount += o.spreadCount;
    spreadBps.add(o.spreadBps);
    spreadBpsCount += o.spreadBpsCount;
    ofi.add(o.ofi);
    mlofi.add(o.mlofi);
    if (o.returnCount > 0) {
      long n = returnCount + o.returnCount;
      double d = o.returnMean - returnMean;
      returnM2 += o.returnM2 + d * d * ((double) returnCount * o.returnCount / n);
      returnMean += d * o.returnCount / n;
      returnCount = n;
    }
    sumSqReturn.add(o.sumSqReturn);
    tradeCount += o.tradeCount;
    buyVolume.add(o.buyVolume);
    sellVolume.add(o.sellVolume);
    notional.add(o.notional);
  }

  /** The bar's columns ({@link #COLUMNS}), NaN for null. */
  public double[] values(long barEndMicros) {
    boolean ticks = tickCount > 0;
    double nan = Double.NaN;
    double buy = buyVolume.value();
    double sell = sellVolume.value();
    double volume = buy + sell;
    return new double[] {
      barEndMicros,
      open,
      high,
      low,
      close,
      spreadCount > 0 ? spread.value() / spreadCount : nan,
      spreadBpsCount > 0 ? spreadBps.value() / spreadBpsCount : nan,
      ticks ? ofi.value() : nan,
      ticks ? mlofi.value() : nan,
      returnCount >= 2 ? returnM2 / (returnCount - 1) : nan,
      ticks ? sumSqReturn.value() : nan,
      tickCount,
      buy,
      sell,
      tradeCount,
      tradeCount > 0 && volume > 0 ? notional.value() / volume : nan,
      tradeCount > 0 && volume > 0 ? (buy - sell) / volume : nan
    };
  }

  private static double maxIgnoringNull(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static double minIgnoringNull(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  /** Serialises every field (for a Beam coder; kept here so the fields stay private). */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(tickCount);
    out.writeLong(openOrdinal);
    out.writeDouble(open);
    out.writeLong(closeOrdinal);
    out.writeDouble(close);
    out.writeDouble(high);
    out.writeDouble(low);
    write(out, spread);
    out.writeLong(spreadCount);
    write(out, spreadBps);
    out.writeLong(spreadBpsCount);
    write(out, ofi);
    write(out, mlofi);
    out.writeLong(returnCount);
    out.writeDouble(returnMean);
    out.writeDouble(returnM2);
    write(out, sumSqReturn);
    out.writeLong(tradeCount);
    write(out, buyVolume);
    write(out, sellVolume);
    write(out, notional);
  }

  public static TimeBarAccumulator readFrom(DataInput in) throws IOException {
    TimeBarAccumulator a = new TimeBarAccumulator();
    a.tickCount = in.readLong();
    a.openOrdinal = in.readLong();
    a.open = in.readDouble();
    a.closeOrdinal = in.readLong();
    a.close = in.readDouble();
    a.high = in.readDouble();
    a.low = in.readDouble();
    read(in, a.spread);
    a.spreadCount = in.readLong();
    read(in, a.spreadBps);
    a.spreadBpsCount = in.readLong();
    read(in, a.ofi);
    read(in, a.mlofi);
    a.returnCount = in.readLong();
    a.returnMean = in.readDouble();
    a.returnM2 = in.readDouble();
    read(in, a.sumSqReturn);
    a.tradeCount = in.readLong();
    read(in, a.buyVolume);
    read(in, a.sellVolume);
    read(in, a.notional);
    return a;
  }

  private static void write(DataOutput out, CompensatedSum s) throws IOException {
    out.writeDouble(s.sumPart());
    out.writeDouble(s.compensationPart());
  }

  private static void read(DataInput in, CompensatedSum s) throws IOException {
    s.set(in.readDouble(), in.readDouble());
  }
}
