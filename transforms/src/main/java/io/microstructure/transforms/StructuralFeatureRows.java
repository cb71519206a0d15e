package io.microstructure.transforms;

import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.engine.SnapshotFeaturizer;
import io.microstructure.features.FeatureParameters;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.OrderBookSnapshot;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The vectorized mode (the seed's Option A): one hf row of structural features per snapshot
 * straight from a ParDo, with no shuffle. Nothing that needs order is computed, so duplicate
 * snapshots are not dropped either.
 */
public final class StructuralFeatureRows
    extends PTransform<PCollection<OrderBookSnapshot>, PCollection<FeatureRow>> {
  private static final long serialVersionUID = 1L;
  private final FeatureParameters params;

  public StructuralFeatureRows(FeatureParameters params) {
    this.params = params;
  }

  @Override
  public PCollection<FeatureRow> expand(PCollection<OrderBookSnapshot> snapshots) {
    return snapshots
        .apply("StructuralFeatures", ParDo.of(new RowFn(params)))
        .setCoder(FeatureRowCoder.of());
  }

  private static final class RowFn extends DoFn<OrderBookSnapshot, FeatureRow> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final Counter rows = Metrics.counter("orderbook", "hf_rows");
    private transient SnapshotFeaturizer featurizer;

    RowFn(FeatureParameters params) {
      this.params = params;
    }

    @Setup
    public void setup() {
      featurizer = new SnapshotFeaturizer(params);
    }

    @ProcessElement
    public void process(@Element OrderBookSnapshot s, OutputReceiver<FeatureRow> out) {
      double[] values = featurizer.structuralValues(s);
      rows.inc();
      out.output(new FeatureRow(s.exchange(), s.symbol(), s.captureTs(), values));
    }
  }
}
