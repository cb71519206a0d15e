package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.HfColumns;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.model.EventPosition;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay on small hand-built keys: alignment of trades, ties, runs, duplicates, deltas. */
class SnapshotReplayTest {
  private static final long S = 1_000_000L; // one second in µs
  private static final long FILE_BOOK = 1L << 20;
  private static final long FILE_TRADES = 2L << 20;

  private final FeatureParameters params = FeatureParameters.defaults();
  private final SnapshotReplay replay = new SnapshotReplay(params);
  private final HfColumns cols = replay.columns();
  private final TestEvents events = new TestEvents();
  private long bookRow;
  private long tradeRow;

  private void book(long ts, long seq, double bid, double bidAmt, double ask, double askAmt) {
    events.add(
        new OrderBookSnapshot(
            "binance",
            "BTC/USDT",
            ts,
            seq,
            FILE_BOOK,
            bookRow++,
            new double[] {bid},
            new double[] {bidAmt},
            new double[] {ask},
            new double[] {askAmt}));
  }

  private void trade(long ts, long seq, String id, boolean buy, double price, double amount) {
    events.add(
        new Trade("binance", "BTC/USDT", ts, seq, FILE_TRADES, tradeRow++, id, buy, price, amount));
  }

  private static final class Collected implements SnapshotReplay.Sink {
    final List<Long> times = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();

    /** Trades in the minute bars' partial aggregates. */
    double minuteBarTrades;

    @Override
    public void rows(FeatureBlock block) {
      for (int i = 0; i < block.size(); i++) {
        times.add(block.time()[i]);
        rows.add(block.row(i).values());
      }
    }

    @Override
    public void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {
      if (durationSeconds == 60) {
        minuteBarTrades += partial.values(0)[TimeBarAccumulator.COLUMNS.indexOf("trade_count")];
      }
    }
  }

  private Collected run() {
    Collected c = new Collected();
    replay.replay("binance", "BTC/USDT", events.sorted(), c);
    return c;
  }

  private double v(Collected c, int row, String column) {
    return c.rows.get(row)[cols.indexOf(column)];
  }

  @Test
  void tradesAlignToTheSnapshotIntervalTheyFellInWithSeqBreakingTies() {
    book(1 * S, 10, 100, 1, 101, 1);
    book(2 * S, 20, 100, 1, 101, 1);
    book(3 * S, 30, 100, 1, 101, 1);
    trade(S / 2, 5, "t1", true, 100, 1.0); // before the first snapshot: belongs to it
    trade(2 * S, 19, "t2", false, 100, 2.0); // same capture_ts, earlier seq: snapshot 2
    trade(2 * S, 21, "t3", true, 102, 0.5); // same capture_ts, later seq: snapshot 3
    trade(2 * S + S / 2, 22, "t2", false, 100, 2.0); // repeated id: dropped
    trade(4 * S, 40, "t5", true, 100, 9.0); // after the last snapshot: no hf row

    Collected c = run();

    assertThat(c.times).containsExactly(1 * S, 2 * S, 3 * S);
    assertThat(v(c, 0, "buy_volume")).isEqualTo(1.0);
    assertThat(v(c, 0, "trade_count")).isEqualTo(1);
    assertThat(v(c, 0, "tfi")).isEqualTo(1.0);
    assertThat(v(c, 1, "sell_volume")).isEqualTo(2.0);
    assertThat(v(c, 1, "buy_volume")).isEqualTo(0.0);
    assertThat(v(c, 1, "signed_volume")).isEqualTo(-2.0);
    assertThat(v(c, 1, "tfi")).isEqualTo(-1.0);
    assertThat(v(c, 1, "trade_vwap")).isEqualTo(100.0);
    assertThat(v(c, 2, "buy_volume")).isEqualTo(0.5);
    assertThat(v(c, 2, "trade_count")).isEqualTo(1);
    assertThat(v(c, 2, "trade_vwap")).isEqualTo(102.0);
    // The duplicate is gone everywhere, the late trade still reaches the bars.
    assertThat(c.minuteBarTrades).isEqualTo(4);
    // trade_volume_5 at 3 s: trades of snapshots in (−2 s, 3 s] = 1 + 2 + 0.5.
    assertThat(v(c, 2, "trade_volume_5")).isEqualTo(3.5);
  }

  @Test
  void volumesCancellingUpToRoundingLeaveKylesLambdaNull() {
    // Mid moves 100.5 → 101.5 → 102.5 → 103.5; only the 2 s interval has trades, and they cancel
    // (0.1 + 0.2 bought, 0.3 sold: 2^-54 apart in doubles). Every signed volume of the window is
    // then exactly 0, so the regression has no spread in x and lambda is null. With the raw
    // residue as x the slope would be ~ 1 / 5.6e-17 ≈ 1.8e16.
    book(1 * S, 1, 100, 1, 101, 1);
    book(2 * S, 5, 101, 1, 102, 1);
    book(3 * S, 6, 102, 1, 103, 1);
    book(4 * S, 7, 103, 1, 104, 1);
    trade(S + S / 2, 2, "a", true, 101, 0.1);
    trade(S + S / 2, 3, "b", true, 101, 0.2);
    trade(S + S / 2, 4, "c", false, 101, 0.3);

    Collected c = run();

    assertThat(v(c, 1, "trade_count")).isEqualTo(3);
    assertThat(v(c, 1, "signed_volume")).isEqualTo(0.0);
    assertThat(v(c, 1, "tfi")).isEqualTo(0.0);
    for (int row = 1; row < 4; row++) {
      assertThat(v(c, row, "kyle_lambda_5")).as("kyle_lambda_5 at %d s", row + 1).isNaN();
    }
  }

  @Test
  void withoutSeqTradesSortBeforeTheSnapshotOfTheSameCaptureTs() {
    long none = EventPosition.NO_SEQ;
    book(1 * S, none, 100, 1, 101, 1);
    book(2 * S, none, 100, 1, 101, 1);
    book(3 * S, none, 100, 1, 101, 1);
    trade(2 * S, none, "t2", false, 100, 2.0);
    trade(2 * S, none, "t3", true, 102, 0.5);

    Collected c = run();

    // Both trades at 2 s join snapshot 2 (channel rank: trades before orderbook).
    assertThat(v(c, 1, "trade_count")).isEqualTo(2);
    assertThat(v(c, 1, "buy_volume")).isEqualTo(0.5);
    assertThat(v(c, 1, "sell_volume")).isEqualTo(2.0);
    // tfi = (0.5 − 2) / 2.5 = −0.6; vwap = (100·2 + 102·0.5) / 2.5 = 251 / 2.5 = 100.4
    assertThat(v(c, 1, "tfi")).isCloseTo(-0.6, within(1e-12));
    assertThat(v(c, 1, "trade_vwap")).isCloseTo(100.4, within(1e-12));
    assertThat(v(c, 2, "trade_count")).isEqualTo(0);
    assertThat(v(c, 2, "tfi")).isNaN();
    assertThat(v(c, 2, "trade_vwap")).isNaN();
  }

  @Test
  void deltasOfiRunsDuplicatesAndLabels() {
    book(0, 1, 100, 10, 101, 10);
    book(1 * S, 2, 100, 15, 101, 8); // OFI golden case: 7
    book(1 * S, 3, 100, 15, 101, 8); // duplicate of the previous snapshot, later seq: dropped
    book(2 * S, 4, 100.5, 1, 101, 8);
    book(402 * S, 5, 100, 2, 101, 2); // gap of 400 s > max_gap 300 s: a new run
    book(403 * S, 6, 100, 3, 101, 2);

    Collected c = run();

    assertThat(c.times).containsExactly(0L, 1 * S, 2 * S, 402 * S, 403 * S);
    // First snapshot of the input: delta features null, ofi_ewm 0.
    assertThat(v(c, 0, "time_delta_ms")).isNaN();
    assertThat(v(c, 0, "log_return")).isNaN();
    assertThat(v(c, 0, "ofi_1")).isNaN();
    assertThat(v(c, 0, "mlofi")).isNaN();
    assertThat(v(c, 0, "ofi_ewm")).isEqualTo(0.0);
    // Golden case: bid 100×10 → 100×15, ask 101×10 → 101×8: 15 − 10 − 8 + 10 = 7.
    assertThat(v(c, 1, "ofi_1")).isEqualTo(7.0);
    assertThat(v(c, 1, "ofi")).isEqualTo(7.0);
    assertThat(v(c, 1, "mlofi")).isEqualTo(7.0); // levels 2..10 absent count 0
    assertThat(v(c, 1, "ofi_2")).isNaN();
    assertThat(v(c, 1, "time_delta_ms")).isEqualTo(1000.0);
    assertThat(v(c, 1, "log_return")).isEqualTo(0.0);
    assertThat(v(c, 1, "ofi_ewm")).isEqualTo(7.0); // 0·2^(−1/10) + 7
    // bid 100×15 → 100.5×1 (price up: +1), ask unchanged 101×8 (−8 + 8): e = 1.
    assertThat(v(c, 2, "ofi_1")).isEqualTo(1.0);
    assertThat(v(c, 2, "ofi_ewm")).isCloseTo(7 * Math.pow(2, -0.1) + 1, within(1e-12));
    assertThat(v(c, 2, "log_return")).isCloseTo(Math.log(100.75 / 100.5), within(1e-15));
    // The gap starts a new run: deltas null again, ofi_ewm restarts at 0, regime normal.
    assertThat(v(c, 3, "time_delta_ms")).isNaN();
    assertThat(v(c, 3, "ofi_1")).isNaN();
    assertThat(v(c, 3, "ofi_ewm")).isEqualTo(0.0);
    assertThat(v(c, 3, "spread_regime")).isEqualTo(1.0); // normal
    // bid 100×2 → 100×3: +3 − 2; ask 101×2 unchanged: −2 + 2. e = 1.
    assertThat(v(c, 4, "ofi_1")).isEqualTo(1.0);
    assertThat(v(c, 4, "time_delta_ms")).isEqualTo(1000.0);
    // fwd_return_5 at 0 s: mid at 5 s is the 2 s snapshot's 100.75.
    assertThat(v(c, 0, "fwd_return_5")).isCloseTo(Math.log(100.75 / 100.5), within(1e-15));
    // at 2 s: t + 5 s falls in the gap; the last snapshot at or before it is itself → ln 1.
    assertThat(v(c, 2, "fwd_return_5")).isEqualTo(0.0);
    // at the end of the input: null.
    assertThat(v(c, 4, "fwd_return_5")).isNaN();
    assertThat(v(c, 3, "fwd_return_5")).isNaN();
  }

  @Test
  void duplicateAndTradeCountsAreReported() {
    book(1 * S, 1, 100, 1, 101, 1);
    book(1 * S, 2, 100, 1, 101, 1);
    book(1 * S, 3, 100, 2, 101, 1); // same time, different book: kept
    trade(1 * S, 0, "a", true, 100, 1);
    trade(2 * S, 4, "a", true, 100, 1);
    ReplayStats stats = replay.replay("binance", "BTC/USDT", events.sorted(), new Collected());
    assertThat(stats.snapshots).isEqualTo(3);
    assertThat(stats.duplicateSnapshots).isEqualTo(1);
    assertThat(stats.trades).isEqualTo(2);
    assertThat(stats.duplicateTrades).isEqualTo(1);
    assertThat(stats.rows).isEqualTo(2);
  }

  @Test
  void columnLayoutIsTheSpecsAtDefaults() {
    assertThat(cols.width()).isEqualTo(121);
    assertThat(cols.names().subList(0, 9))
        .containsExactly(
            "best_bid",
            "best_ask",
            "best_bid_size",
            "best_ask_size",
            "mid_price",
            "spread",
            "spread_bps",
            "microprice",
            "micro_minus_mid_bps");
    assertThat(cols.names()).contains("kyle_lambda_900", "fwd_return_300", "vpin", "ofi_10");
  }
}
