package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TickerFeatures;
import io.microstructure.features.VolumeBars;
import io.microstructure.model.EventPosition;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel-only replays on hand-built keys. */
class TradeAndTickerReplayTest {
  private static final long S = 1_000_000L;
  private final TestEvents events = new TestEvents();
  private long row;

  private void trade(long ts, String id, boolean buy, double price, double amount) {
    events.add(
        new Trade("okx", "BTC/USDT", ts, EventPosition.NO_SEQ, 0, row++, id, buy, price, amount));
  }

  @Test
  void tradeRowsAndVolumeBarsByHand() {
    FeatureParameters params =
        FeatureParameters.builder().horizonsSeconds(5).volumeBarSize("BTC/USDT", 2).build();
    trade(0, "a", true, 100, 1);
    trade(1 * S, "b", false, 101, 2);
    trade(1 * S + S / 2, "a", true, 100, 1); // repeated id: dropped
    trade(5 * S, "c", true, 102, 1);

    List<String> ids = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<long[]> barStarts = new ArrayList<>();
    List<double[]> bars = new ArrayList<>();
    ReplayStats stats =
        new TradeReplay(params)
            .replay(
                "okx",
                "BTC/USDT",
                events.sorted(),
                new TradeReplay.Sink() {
                  @Override
                  public void trades(FeatureBlock block) {
                    for (int i = 0; i < block.size(); i++) {
                      ids.add(block.labels(0)[i] + "@" + block.time()[i]);
                      rows.add(block.row(i).values());
                    }
                  }

                  @Override
                  public void volumeBars(FeatureBlock block) {
                    for (int i = 0; i < block.size(); i++) {
                      barStarts.add(new long[] {block.time()[i]});
                      bars.add(block.row(i).values());
                    }
                  }
                });

    assertThat(ids).containsExactly("a@0", "b@1000000", "c@5000000");
    assertThat(stats.duplicateTrades).isEqualTo(1);
    List<String> names = io.microstructure.features.TradeColumns.columnNames(params);
    List<String> cols = names.subList(1, names.size());
    int side = cols.indexOf("side");
    int signed = cols.indexOf("signed_amount");
    int count = cols.indexOf("trade_count_5");
    int volume = cols.indexOf("trade_volume_5");
    int tfi = cols.indexOf("tfi_5");
    int vwap = cols.indexOf("vwap_5");
    assertThat(rows.get(0)[side]).isEqualTo(TradeReplay.BUY);
    assertThat(rows.get(1)[side]).isEqualTo(TradeReplay.SELL);
    assertThat(rows.get(1)[signed]).isEqualTo(-2.0);
    // b at 1 s: window (−4 s, 1 s] holds a and b: 2 trades, 3 units, tfi (1 − 2)/3.
    assertThat(rows.get(1)[count]).isEqualTo(2);
    assertThat(rows.get(1)[volume]).isEqualTo(3.0);
    assertThat(rows.get(1)[tfi]).isCloseTo(-1.0 / 3, within(1e-15));
    assertThat(rows.get(1)[vwap]).isCloseTo((100 + 202) / 3.0, within(1e-12));
    // c at 5 s: a at exactly t − H = 0 is out; b and c: vwap (202 + 102) / 3.
    assertThat(rows.get(2)[count]).isEqualTo(2);
    assertThat(rows.get(2)[vwap]).isCloseTo(304 / 3.0, within(1e-12));

    // Bars of 2 units: a (1) + half of b (1) | other half of b (1) + c (1). Exact fill: no third.
    List<String> bc = VolumeBars.COLUMNS;
    assertThat(bars).hasSize(2);
    assertThat(barStarts.get(0)[0]).isEqualTo(0);
    assertThat(bars.get(0)[bc.indexOf("bar_end")]).isEqualTo(1.0 * S);
    assertThat(bars.get(0)[bc.indexOf("buy_volume")]).isEqualTo(1.0);
    assertThat(bars.get(0)[bc.indexOf("sell_volume")]).isEqualTo(1.0);
    assertThat(bars.get(0)[bc.indexOf("vwap")]).isEqualTo(100.5);
    assertThat(bars.get(0)[bc.indexOf("trade_count")]).isEqualTo(2);
    assertThat(bars.get(0)[bc.indexOf("complete")]).isEqualTo(1.0);
    assertThat(barStarts.get(1)[0]).isEqualTo(1 * S);
    assertThat(bars.get(1)[bc.indexOf("bar_index")]).isEqualTo(1);
    assertThat(bars.get(1)[bc.indexOf("open")]).isEqualTo(101.0);
    assertThat(bars.get(1)[bc.indexOf("close")]).isEqualTo(102.0);
    assertThat(bars.get(1)[bc.indexOf("vwap")]).isEqualTo(101.5);
    assertThat(bars.get(1)[bc.indexOf("complete")]).isEqualTo(1.0);
  }

  @Test
  void tickerRowsInOrderWithLogReturns() {
    events.add(new TickerUpdate("okx", "BTC/USDT", 2 * S, 2, 0, 1, 100, 101, 110, 5, 500, 1.5));
    events.add(new TickerUpdate("okx", "BTC/USDT", 1 * S, 1, 0, 0, 99, 100, 100, 4, 400, 1.0));
    List<Long> times = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    long n =
        new TickerReplay()
            .replay(
                "okx",
                "BTC/USDT",
                events.sorted(),
                block -> {
                  for (int i = 0; i < block.size(); i++) {
                    times.add(block.time()[i]);
                    rows.add(block.row(i).values());
                  }
                });
    assertThat(n).isEqualTo(2);
    assertThat(times).containsExactly(1 * S, 2 * S);
    List<String> c = TickerFeatures.COLUMNS;
    assertThat(rows.get(0)[c.indexOf("ticker_mid")]).isEqualTo(99.5);
    assertThat(rows.get(0)[c.indexOf("ticker_log_return")]).isNaN();
    // ln(110 / 100)
    assertThat(rows.get(1)[c.indexOf("ticker_log_return")]).isCloseTo(Math.log(1.1), within(1e-15));
    // 1e4 · (101 − 100) / 100.5
    assertThat(rows.get(1)[c.indexOf("ticker_spread_bps")]).isCloseTo(1e4 / 100.5, within(1e-9));
  }
}
