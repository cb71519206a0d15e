package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.ForwardReturns;
import io.microstructure.features.OfiEwm;
import io.microstructure.features.OrderFlowImbalance;
import io.microstructure.features.RollingWindowFeatures;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.TradeFlow;
import io.microstructure.features.Vpin;
import io.microstructure.model.BarInput;
import io.microstructure.model.FeaturedSnapshot;
import io.microstructure.model.Trade;
import java.util.Arrays;

/**
 * Replays one key's events (already in the order to use) through the stateful feature families and
 * joins the result with each snapshot's structural values into complete hf rows.
 *
 * <p>Three passes: trades are deduplicated and totalled (VPIN's default bucket needs the key's
 * volume); the events are walked once, computing delta and trade-aligned features into primitive
 * series; then the rolling, spread-regime and label families run over those series. Instances keep
 * their scratch arrays between keys; not thread-safe.
 */
public final class SnapshotReplay {
  /** Receives the replay's output. */
  public interface Sink {
    void row(long captureTs, double[] values);

    /** Each kept snapshot and trade, for time bars. */
    default void bar(BarInput input) {}
  }

  private static final double MICROS_PER_HOUR = 3_600e6;

  private final FeatureParameters params;
  private final HfColumns columns;
  private final int midIdx;
  private final int spreadIdx;
  private final int spreadBpsIdx;
  private final int ofiLevels;
  private final OrderFlowImbalance ofi;
  private final OfiEwm ofiEwm;
  private final RollingWindowFeatures rolling = new RollingWindowFeatures();
  private final SpreadRegime regime = new SpreadRegime();
  private final double[] ofiScratch;

  // Per-snapshot series, grown to the largest key seen.
  private long[] ts = new long[0];
  private boolean[] runStart = new boolean[0];
  private int[] runId = new int[0];
  private double[] mid = new double[0];
  private double[] spreadBps = new double[0];
  private double[] logReturn = new double[0];
  private double[] ofi1 = new double[0];
  private double[] mlofi = new double[0];
  private double[] buy = new double[0];
  private double[] sell = new double[0];
  private double[] count = new double[0];
  private double[] deltaMid = new double[0];
  private double[] signed = new double[0];
  private double[] percentile = new double[0];
  private byte[] regimeState = new byte[0];
  private double[] forward = new double[0];
  private double[][] rollingOut = new double[RollingWindowFeatures.WIDTH][0];
  private double[][] rows = new double[0][];

  public SnapshotReplay(FeatureParameters params) {
    this.params = params;
    this.columns = new HfColumns(params);
    this.midIdx = columns.indexOf("mid_price");
    this.spreadIdx = columns.indexOf("spread");
    this.spreadBpsIdx = columns.indexOf("spread_bps");
    this.ofiLevels = params.ofiLevels();
    this.ofi = new OrderFlowImbalance(ofiLevels, params.ofiDecayAlpha());
    this.ofiEwm = new OfiEwm(params.ofiHalfLifeMicros());
    this.ofiScratch = new double[ofiLevels];
  }

  public HfColumns columns() {
    return columns;
  }

  public ReplayStats replay(String symbol, EventBuffer events, Sink sink) {
    ReplayStats stats = new ReplayStats();
    ensureCapacity(events.snapshotCount());
    Vpin vpin = new Vpin(bucketVolume(symbol, events, stats), params.vpinWindow());
    int n = walk(events, vpin, sink, stats);
    windowFamilies(n);
    for (int i = 0; i < n; i++) {
      sink.row(ts[i], rows[i]);
      rows[i] = null;
    }
    stats.rows = n;
    return stats;
  }

  /** Counts trades and repeated trade ids, and sizes VPIN's buckets from the kept trades. */
  private double bucketVolume(String symbol, EventBuffer events, ReplayStats stats) {
    double volume = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int k = 0; k < events.size(); k++) {
      if (!events.isTrade(k)) {
        continue;
      }
      Trade t = events.trade(k);
      stats.trades++;
      if (events.isDuplicateTrade(k)) {
        stats.duplicateTrades++;
        continue;
      }
      volume += t.amount();
      first = Math.min(first, t.captureTs());
      last = Math.max(last, t.captureTs());
    }
    Double configured = params.vpinBucketVolume(symbol);
    stats.vpinBucketVolume =
        configured != null
            ? configured
            : first > last ? Double.NaN : Vpin.defaultBucketVolume(volume, first, last);
    return stats.vpinBucketVolume;
  }

  /** The single ordered pass: duplicates, runs, delta and trade-aligned features. */
  private int walk(EventBuffer events, Vpin vpin, Sink sink, ReplayStats stats) {
    int width = columns.width();
    int structuralWidth = columns.structuralWidth();
    int tdIdx = columns.timeDeltaMs();
    int ofiStart = columns.ofiStart();
    int tradeStart = columns.tradeStart();
    long maxGap = params.maxGapMicros();
    TradeFlow flow = new TradeFlow();
    DuplicateWindow sameTime = new DuplicateWindow();
    FeaturedSnapshot prev = null;
    int n = 0;
    int run = -1;
    for (int k = 0; k < events.size(); k++) {
      if (events.isTicker(k)) {
        continue;
      }
      if (events.isTrade(k)) {
        if (events.isDuplicateTrade(k)) {
          continue;
        }
        Trade t = events.trade(k);
        flow.add(t.buy(), t.price(), t.amount());
        vpin.add(t.buy(), t.amount());
        sink.bar(BarInput.trade(t.captureTs(), k, t.buy(), t.price(), t.amount()));
        continue;
      }
      FeaturedSnapshot s = events.snapshot(k);
      stats.snapshots++;
      if (sameTime.isDuplicate(s)) {
        stats.duplicateSnapshots++;
        continue;
      }
      long t = s.captureTs();
      boolean starts = prev == null || t - prev.captureTs() > maxGap;
      if (starts) {
        run++;
      }
      double[] row = new double[width];
      System.arraycopy(s.structural(), 0, row, 0, structuralWidth);
      double m = row[midIdx];
      if (starts) {
        Arrays.fill(row, tdIdx, tradeStart, Double.NaN);
        row[ofiStart + ofiLevels + 2] = ofiEwm.start();
        ofi1[n] = Double.NaN;
        mlofi[n] = Double.NaN;
        logReturn[n] = Double.NaN;
        deltaMid[n] = Double.NaN;
      } else {
        long dt = t - prev.captureTs();
        double prevMid = mid[n - 1];
        double ml =
            ofi.compute(
                prev.bidPrice(),
                prev.bidAmount(),
                prev.bidPrice().length,
                prev.askPrice(),
                prev.askAmount(),
                prev.askPrice().length,
                s.bidPrice(),
                s.bidAmount(),
                s.bidPrice().length,
                s.askPrice(),
                s.askAmount(),
                s.askPrice().length,
                ofiScratch);
        row[tdIdx] = dt / 1000.0;
        row[tdIdx + 1] = Math.log(m / prevMid); // NaN when either mid is null
        System.arraycopy(ofiScratch, 0, row, ofiStart, ofiLevels);
        row[ofiStart + ofiLevels] = ofiScratch[0];
        row[ofiStart + ofiLevels + 1] = ml;
        row[ofiStart + ofiLevels + 2] = ofiEwm.update(dt, ofiScratch[0]);
        ofi1[n] = ofiScratch[0];
        mlofi[n] = ml;
        logReturn[n] = row[tdIdx + 1];
        deltaMid[n] = m - prevMid;
      }
      row[tradeStart] = flow.buyVolume();
      row[tradeStart + 1] = flow.sellVolume();
      row[tradeStart + 2] = flow.count();
      row[tradeStart + 3] = flow.signedVolume();
      row[tradeStart + 4] = flow.tfi();
      row[tradeStart + 5] = flow.vwap();
      row[tradeStart + 6] = vpin.value();
      buy[n] = flow.buyVolume();
      sell[n] = flow.sellVolume();
      count[n] = flow.count();
      signed[n] = flow.signedVolume();
      flow.reset();

      ts[n] = t;
      runStart[n] = starts;
      runId[n] = run;
      mid[n] = m;
      spreadBps[n] = row[spreadBpsIdx];
      rows[n] = row;
      sink.bar(
          BarInput.snapshot(
              t, k, m, row[spreadIdx], row[spreadBpsIdx], ofi1[n], mlofi[n], logReturn[n]));
      prev = s;
      n++;
    }
    return n;
  }

  /** Rolling windows per horizon, the spread regime and the forward-return labels. */
  private void windowFamilies(int n) {
    long[] horizons = params.horizonsSeconds();
    for (int h = 0; h < horizons.length; h++) {
      rolling.compute(
          n,
          ts,
          logReturn,
          ofi1,
          mlofi,
          buy,
          sell,
          count,
          deltaMid,
          signed,
          horizons[h] * 1_000_000L,
          rollingOut);
      int base = columns.rollingStart() + h * RollingWindowFeatures.WIDTH;
      for (int c = 0; c < RollingWindowFeatures.WIDTH; c++) {
        double[] column = rollingOut[c];
        for (int i = 0; i < n; i++) {
          rows[i][base + c] = column[i];
        }
      }
    }
    regime.compute(
        n, ts, spreadBps, runStart, params.spreadRegimeWindowMicros(), percentile, regimeState);
    int rs = columns.regimeStart();
    for (int i = 0; i < n; i++) {
      rows[i][rs] = percentile[i];
      rows[i][rs + 1] = regimeState[i];
    }
    for (int h = 0; h < horizons.length; h++) {
      ForwardReturns.compute(n, ts, mid, runId, horizons[h] * 1_000_000L, forward);
      int col = columns.forwardStart() + h;
      for (int i = 0; i < n; i++) {
        rows[i][col] = forward[i];
      }
    }
  }

  private void ensureCapacity(int snapshots) {
    if (ts.length >= snapshots) {
      return;
    }
    int n = Math.max(snapshots, ts.length * 2);
    ts = new long[n];
    runStart = new boolean[n];
    runId = new int[n];
    mid = new double[n];
    spreadBps = new double[n];
    logReturn = new double[n];
    ofi1 = new double[n];
    mlofi = new double[n];
    buy = new double[n];
    sell = new double[n];
    count = new double[n];
    deltaMid = new double[n];
    signed = new double[n];
    percentile = new double[n];
    regimeState = new byte[n];
    forward = new double[n];
    rollingOut = new double[RollingWindowFeatures.WIDTH][n];
    rows = new double[n][];
  }

  /**
   * The kept snapshots sharing the current capture_ts. Duplicates (same capture_ts, bids and asks,
   * whatever their seq) always share a capture_ts, so only this small group must be compared.
   */
  private static final class DuplicateWindow {
    private long time = Long.MIN_VALUE;
    private FeaturedSnapshot[] kept = new FeaturedSnapshot[4];
    private int size;

    boolean isDuplicate(FeaturedSnapshot s) {
      if (s.captureTs() != time) {
        time = s.captureTs();
        Arrays.fill(kept, 0, size, null);
        size = 0;
      } else {
        for (int i = 0; i < size; i++) {
          if (sameBook(kept[i], s)) {
            return true;
          }
        }
      }
      if (size == kept.length) {
        kept = Arrays.copyOf(kept, size * 2);
      }
      kept[size++] = s;
      return false;
    }

    private static boolean sameBook(FeaturedSnapshot a, FeaturedSnapshot b) {
      return a.bookHash() == b.bookHash()
          && Arrays.equals(a.bidPrice(), b.bidPrice())
          && Arrays.equals(a.bidAmount(), b.bidAmount())
          && Arrays.equals(a.askPrice(), b.askPrice())
          && Arrays.equals(a.askAmount(), b.askAmount());
    }
  }
}
