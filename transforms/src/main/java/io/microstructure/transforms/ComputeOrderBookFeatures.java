package io.microstructure.transforms;

import io.microstructure.coders.MarketEventCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.Trade;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The hybrid feature computation: structural features per snapshot in a ParDo, one GroupByKey per
 * market feeding the sorted replay of the stateful families, and windowed Combines for the time
 * bars of every duration.
 *
 * <p>Input: valid snapshots under {@link #SNAPSHOTS} and valid trades under {@link #TRADES}.
 * Output: hf rows under {@link #HF} and bar rows under {@link #bars(long)}.
 */
public final class ComputeOrderBookFeatures extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<OrderBookSnapshot> SNAPSHOTS = new TupleTag<>("snapshots");
  public static final TupleTag<Trade> TRADES = new TupleTag<>("trades");
  public static final TupleTag<FeatureRow> HF = ReplayStatefulFeatures.HF_ROWS;

  private final FeatureParameters params;

  public ComputeOrderBookFeatures(FeatureParameters params) {
    this.params = params;
  }

  /** Tag of the bars of one duration in this transform's output. */
  public static TupleTag<FeatureRow> bars(long durationSeconds) {
    return new TupleTag<>("bars-" + durationSeconds + "s");
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<MarketKey, MarketEvent>> snapshots =
        input.get(SNAPSHOTS).apply("Structural", new FeaturizeSnapshots(params));
    PCollection<KV<MarketKey, MarketEvent>> trades =
        input
            .get(TRADES)
            .apply(
                "KeyTrades",
                MapElements.into(new TypeDescriptor<KV<MarketKey, MarketEvent>>() {})
                    .via((Trade t) -> KV.of(t.key(), MarketEvent.of(t))))
            .setCoder(KvCoder.of(MarketKeyCoder.of(), MarketEventCoder.of()));
    PCollectionTuple replayed =
        PCollectionList.of(snapshots)
            .and(trades)
            .apply("Interleave", Flatten.pCollections())
            .apply("Stateful", new ReplayStatefulFeatures(params));

    PCollectionTuple out = PCollectionTuple.of(HF, replayed.get(ReplayStatefulFeatures.HF_ROWS));
    for (long d : params.barDurationsSeconds()) {
      out =
          out.and(
              bars(d),
              replayed
                  .get(ReplayStatefulFeatures.BAR_INPUTS)
                  .apply("TimeBars" + d + "s", new BuildTimeBars(d)));
    }
    return out;
  }
}
