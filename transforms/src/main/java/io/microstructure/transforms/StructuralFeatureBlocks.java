package io.microstructure.transforms;

import io.microstructure.coders.FeatureBlockCoder;
import io.microstructure.features.FeatureParameters;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.metrics.StageTimer;
import io.microstructure.model.BookBlock;
import io.microstructure.model.FeatureBlock;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The vectorized mode (the seed's Option A): a block of structural-feature rows per block of
 * snapshots, straight from a ParDo, with no shuffle. Nothing that needs order is computed, so
 * duplicate snapshots are not dropped either.
 */
public final class StructuralFeatureBlocks
    extends PTransform<PCollection<BookBlock>, PCollection<FeatureBlock>> {
  private static final long serialVersionUID = 1L;
  private final FeatureParameters params;

  public StructuralFeatureBlocks(FeatureParameters params) {
    this.params = params;
  }

  @Override
  public PCollection<FeatureBlock> expand(PCollection<BookBlock> snapshots) {
    return snapshots
        .apply("StructuralFeatures", ParDo.of(new StructuralFn(params)))
        .setCoder(FeatureBlockCoder.of());
  }

  private static final class StructuralFn extends DoFn<BookBlock, FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private final FeatureParameters params;
    private final Counter rows = Metrics.counter("orderbook", "hf_rows");
    private final StageTimer timer = new StageTimer("structural");
    private transient StructuralFeatures structural;
    private transient double[] row;
    private transient double[][] book;

    StructuralFn(FeatureParameters params) {
      this.params = params;
    }

    @Setup
    public void setup() {
      structural = new StructuralFeatures(params);
      row = new double[structural.width()];
      book = new double[4][params.maxLevels()];
    }

    @ProcessElement
    public void process(@Element BookBlock b, OutputReceiver<FeatureBlock> out) {
      long start = System.nanoTime();
      int n = b.size();
      int levels = params.maxLevels();
      FeatureBlock block = new FeatureBlock(structural.width(), 0, Math.max(1, n));
      block.clear(b.exchange(), b.symbol());
      for (int i = 0; i < n; i++) {
        int bids = b.copyBids(i, levels, book[0], book[1]);
        int asks = b.copyAsks(i, levels, book[2], book[3]);
        structural.compute(book[0], book[1], bids, book[2], book[3], asks, row, 0);
        int r = block.addRow(b.captureTs(i));
        for (int c = 0; c < row.length; c++) {
          block.values(c)[r] = row[c];
        }
      }
      rows.inc(n);
      timer.add(start);
      out.output(block);
    }

    @FinishBundle
    public void finishBundle() {
      timer.flush();
    }
  }
}
