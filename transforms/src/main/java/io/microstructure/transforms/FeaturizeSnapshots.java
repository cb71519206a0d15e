package io.microstructure.transforms;

import io.microstructure.coders.MarketEventCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.engine.SnapshotFeaturizer;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OrderBookSnapshot;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The structural features: a plain ParDo over snapshots (no state, no shuffle). Each snapshot
 * leaves keyed by market, carrying its structural values to the replay.
 */
public final class FeaturizeSnapshots
    extends PTransform<PCollection<OrderBookSnapshot>, PCollection<KV<MarketKey, MarketEvent>>> {
  private static final long serialVersionUID = 1L;
  private final FeatureParameters params;

  public FeaturizeSnapshots(FeatureParameters params) {
    this.params = params;
  }

  @Override
  public PCollection<KV<MarketKey, MarketEvent>> expand(PCollection<OrderBookSnapshot> snapshots) {
    return snapshots
        .apply("StructuralFeatures", ParDo.of(new FeaturizeFn(params)))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), MarketEventCoder.of()));
  }

  static final class FeaturizeFn extends DoFn<OrderBookSnapshot, KV<MarketKey, MarketEvent>> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final StageTimer timer = new StageTimer("structural");
    private transient SnapshotFeaturizer featurizer;

    FeaturizeFn(FeatureParameters params) {
      this.params = params;
    }

    @Setup
    public void setup() {
      featurizer = new SnapshotFeaturizer(params);
    }

    @ProcessElement
    public void process(
        @Element OrderBookSnapshot s, OutputReceiver<KV<MarketKey, MarketEvent>> out) {
      long start = System.nanoTime();
      MarketEvent event = MarketEvent.of(featurizer.featurize(s));
      timer.add(start);
      out.output(KV.of(s.key(), event));
    }

    @FinishBundle
    public void finishBundle() {
      timer.flush();
    }
  }
}
