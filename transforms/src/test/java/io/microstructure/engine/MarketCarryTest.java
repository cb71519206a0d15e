package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.coders.SideValueCoder;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.VolumeBars;
import io.microstructure.features.Vpin;
import io.microstructure.model.MarketKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * A market's carry: its parts merge with this run's over the carried-in seed in any order, and it
 * survives the shuffle's coder and the state file bit for bit; the trades' carries at a point are
 * those of one pass over the trades before it.
 */
class MarketCarryTest {
  private static final MarketKey BTC = MarketKey.of("binance", "BTC/USDT");

  private static MarketCarry carried() {
    MarketCarry s = new MarketCarry();
    s.regime = SpreadRegime.WIDE;
    s.vpin = new Vpin(0.5, 3);
    s.volumeBars = new VolumeBars(2.0);
    s.lastTicker = new LastTickers.Update(10, 1, 2, 3, 100.5);
    s.contextStart = 5L;
    return s;
  }

  @Test
  void partsMadeByTheRunMergeInAnyOrderOverTheCarryBroughtIn() throws Exception {
    Vpin vpin = new Vpin(0.5, 3);
    vpin.add(true, 0.7);
    List<MarketCarry> parts =
        new ArrayList<>(
            List.of(
                MarketCarry.ofRegime(SpreadRegime.TIGHT),
                MarketCarry.ofTrades(vpin, new VolumeBars(2.0)),
                MarketCarry.ofContextStart(42)));
    SplittableRandom rnd = new SplittableRandom(3);
    for (int round = 0; round < 20; round++) {
      java.util.Collections.shuffle(parts, new java.util.Random(rnd.nextLong()));
      MarketCarry m = null;
      for (MarketCarry p : parts) {
        // Each part crosses a shuffle first, as in the pipeline.
        MarketCarry q = decode(encode(p));
        m = m == null ? q : rnd.nextBoolean() ? m.merge(q) : q.merge(m);
      }
      m = m.orElse(carried());
      assertThat(m.regime).isEqualTo(SpreadRegime.TIGHT);
      assertThat(m.contextStart).isEqualTo(42L);
      assertThat(m.vpin.completedBuckets()).isEqualTo(1);
      // No ticker part this run: the carried update stays.
      assertThat(m.lastTicker.last()).isEqualTo(100.5);
    }
  }

  private static byte[] encode(MarketCarry c) throws Exception {
    return CoderUtils.encodeToByteArray(SideValueCoder.of(MarketCarry.class), c);
  }

  private static MarketCarry decode(byte[] b) throws Exception {
    return CoderUtils.decodeFromByteArray(SideValueCoder.of(MarketCarry.class), b);
  }

  @Test
  void theStateFileReadsBackToTheSameBits() {
    SplittableRandom rnd = new SplittableRandom(7);
    Vpin vpin = new Vpin(0.1 + rnd.nextDouble(), 5);
    VolumeBars bars = new VolumeBars(0.3);
    for (int i = 0; i < 200; i++) {
      double amount = rnd.nextDouble() / 7;
      boolean buy = rnd.nextBoolean();
      vpin.add(buy, amount);
      bars.add(i, buy, 100 + rnd.nextDouble(), amount, (s, v) -> {});
    }
    MarketCarry c = MarketCarry.ofTrades(vpin, bars);
    c.regime = SpreadRegime.NORMAL;
    c.lastTicker = new LastTickers.Update(1, 2, 3, 4, Double.NaN); // a null last
    c.contextStart = Long.MIN_VALUE;
    long point = 1_767_657_600_000_000L;
    CarriesFile f =
        CarriesFile.of(
            Resume.fromScratch(3_600_000_000L),
            List.of(point),
            Map.of(BTC, new TreeMap<>(Map.of(point, c))));
    CarriesFile back = CarriesFile.fromJson(f.toJson(), "test");
    MarketCarry r = back.at(point).get(BTC);
    assertThat(back.toJson()).isEqualTo(f.toJson());
    assertThat(Double.doubleToRawLongBits(r.vpin.value()))
        .isEqualTo(Double.doubleToRawLongBits(vpin.value()));
    assertThat(r.lastTicker.last()).isNaN();
    assertThat(r.contextStart).isEqualTo(Long.MIN_VALUE);
    // Continued with the same trades, the read-back state and the original give the same bars.
    List<double[]> fromOriginal = new ArrayList<>();
    List<double[]> fromFile = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bars.add(1000 + i, i % 2 == 0, 101, 0.05, (s, v) -> fromOriginal.add(v));
      r.volumeBars.add(1000 + i, i % 2 == 0, 101, 0.05, (s, v) -> fromFile.add(v));
      vpin.add(i % 3 == 0, 0.05);
      r.vpin.add(i % 3 == 0, 0.05);
    }
    assertThat(fromFile).hasSameSizeAs(fromOriginal).isNotEmpty();
    for (int i = 0; i < fromFile.size(); i++) {
      assertThat(fromFile.get(i)).containsExactly(fromOriginal.get(i));
    }
    assertThat(r.vpin.value()).isEqualTo(vpin.value());
  }

  @Test
  void tradeCarriesAtPointsAreOnePassOverTheTradesBeforeThem() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 30; round++) {
      int n = rnd.nextInt(200);
      long[] ts = new long[n];
      boolean[] buy = new boolean[n];
      double[] price = new double[n];
      double[] amount = new double[n];
      long t = 0;
      for (int i = 0; i < n; i++) {
        t += rnd.nextInt(5);
        ts[i] = t;
        buy[i] = rnd.nextBoolean();
        price[i] = 100 + rnd.nextDouble();
        amount[i] = rnd.nextDouble();
      }
      List<KeptTrades> pieces = pieces(ts, buy, price, amount, 1 + rnd.nextInt(40));
      TreeSet<Long> points = new TreeSet<>();
      for (int p = rnd.nextInt(5); p > 0; p--) {
        points.add((long) rnd.nextInt((int) t + 10));
      }
      Map<Long, MarketCarry> at =
          TradeCarries.atPoints(pieces, points, new Vpin(1.3, 4), new VolumeBars(2.1));
      assertThat(at.keySet()).containsExactlyElementsOf(points);
      for (long p : points) {
        Vpin v = new Vpin(1.3, 4);
        VolumeBars b = new VolumeBars(2.1);
        for (int i = 0; i < n && ts[i] < p; i++) {
          v.add(buy[i], amount[i]);
          b.add(ts[i], buy[i], price[i], amount[i], (s, x) -> {});
        }
        assertThat(encodeJson(at.get(p).vpin)).isEqualTo(encodeJson(v));
        assertThat(encodeJson(at.get(p).volumeBars)).isEqualTo(encodeJson(b));
      }
    }
  }

  /** The trades as the kept-trades step cuts them: a piece per chunk of {@code chunk}. */
  private static List<KeptTrades> pieces(
      long[] ts, boolean[] buy, double[] price, double[] amount, long chunk) {
    io.microstructure.model.TradeBlock.Builder b =
        io.microstructure.model.TradeBlock.builder(BTC.exchange(), BTC.symbol(), 1);
    for (int i = 0; i < ts.length; i++) {
      b.add(
          new io.microstructure.model.Trade(
              BTC.exchange(), BTC.symbol(), ts[i], 0, 1, i, "t" + i, buy[i], price[i], amount[i]));
    }
    List<KeptTrades> out = new ArrayList<>();
    if (ts.length > 0) {
      KeptTrades.byChunk(b.build(), java.util.Set.of(), new ChunkPlan(chunk, 0, 0), (k, t) -> out.add(t));
    }
    return out;
  }

  private static String encodeJson(Object o) {
    return new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
  }
}
