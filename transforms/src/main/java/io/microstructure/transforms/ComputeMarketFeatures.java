package io.microstructure.transforms;

import io.microstructure.coders.MarketEventCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.engine.EventOrder;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The hybrid feature computation: structural features per snapshot in a ParDo, one GroupByKey per
 * market feeding the ordered replay of the stateful families, and windowed Combines for the time
 * bars of every duration.
 *
 * <p>Input: any of valid snapshots ({@link #SNAPSHOTS}), trades ({@link #TRADES}) and ticker
 * updates ({@link #TICKERS}). Output, for the requested channels: order-book hf rows ({@link #HF})
 * and bars ({@link #bars(long)}), trade rows ({@link #TRADES_HF}) and volume bars ({@link
 * #VOLUME_BARS}), ticker rows ({@link #TICKER_HF}).
 */
public final class ComputeMarketFeatures extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<OrderBookSnapshot> SNAPSHOTS = new TupleTag<>("snapshots");
  public static final TupleTag<Trade> TRADES = new TupleTag<>("trades");
  public static final TupleTag<TickerUpdate> TICKERS = new TupleTag<>("tickers");
  public static final TupleTag<FeatureRow> HF = ReplayMarkets.HF_ROWS;
  public static final TupleTag<FeatureRow> TRADES_HF = ReplayMarkets.TRADE_ROWS;
  public static final TupleTag<FeatureRow> VOLUME_BARS = ReplayMarkets.VOLUME_BARS;
  public static final TupleTag<FeatureRow> TICKER_HF = ReplayMarkets.TICKER_ROWS;

  private final FeatureParameters params;
  private final EventOrder order;
  private final EnumSet<Channel> outputs;

  public ComputeMarketFeatures(FeatureParameters params, EventOrder order, Set<Channel> outputs) {
    this.params = params;
    this.order = order;
    this.outputs = EnumSet.copyOf(outputs);
  }

  /** All tables, from channel-split input. */
  public static ComputeMarketFeatures all(FeatureParameters params) {
    return new ComputeMarketFeatures(
        params, EventOrder.RECONSTRUCTED, EnumSet.allOf(Channel.class));
  }

  /** Tag of the bars of one duration in this transform's output. */
  public static TupleTag<FeatureRow> bars(long durationSeconds) {
    return new TupleTag<>("bars-" + durationSeconds + "s");
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionList<KV<MarketKey, MarketEvent>> events = PCollectionList.empty(input.getPipeline());
    if (input.has(SNAPSHOTS)) {
      events = events.and(input.get(SNAPSHOTS).apply("Structural", new FeaturizeSnapshots(params)));
    }
    if (input.has(TRADES)) {
      events =
          events.and(
              keyed(
                  input.get(TRADES), "KeyTrades", (Trade t) -> KV.of(t.key(), MarketEvent.of(t))));
    }
    if (input.has(TICKERS)) {
      events =
          events.and(
              keyed(
                  input.get(TICKERS),
                  "KeyTickers",
                  (TickerUpdate t) -> KV.of(t.key(), MarketEvent.of(t))));
    }
    PCollectionTuple replayed =
        events
            .apply("Interleave", Flatten.pCollections())
            .setCoder(KvCoder.of(MarketKeyCoder.of(), MarketEventCoder.of()))
            .apply("Stateful", new ReplayMarkets(params, order, outputs));

    PCollectionTuple out = PCollectionTuple.empty(input.getPipeline());
    if (outputs.contains(Channel.ORDERBOOK)) {
      out = out.and(HF, replayed.get(ReplayMarkets.HF_ROWS));
      for (long d : params.barDurationsSeconds()) {
        out =
            out.and(
                bars(d),
                replayed
                    .get(ReplayMarkets.BAR_INPUTS)
                    .apply("TimeBars" + d + "s", new BuildTimeBars(d)));
      }
    }
    if (outputs.contains(Channel.TRADES)) {
      out =
          out.and(TRADES_HF, replayed.get(ReplayMarkets.TRADE_ROWS))
              .and(VOLUME_BARS, replayed.get(ReplayMarkets.VOLUME_BARS));
    }
    if (outputs.contains(Channel.TICKER)) {
      out = out.and(TICKER_HF, replayed.get(ReplayMarkets.TICKER_ROWS));
    }
    return out;
  }

  private static <T> PCollection<KV<MarketKey, MarketEvent>> keyed(
      PCollection<T> rows,
      String name,
      SerializableFunction<T, KV<MarketKey, MarketEvent>> toEvent) {
    return rows.apply(
            name,
            MapElements.into(new TypeDescriptor<KV<MarketKey, MarketEvent>>() {}).via(toEvent))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), MarketEventCoder.of()));
  }
}
