package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.model.FeaturedSnapshot;
import io.microstructure.model.OrderBookSnapshot;
import java.util.Arrays;

/**
 * Turns a raw snapshot into what the stateful replay needs: its structural features, a hash of the
 * full book for duplicate detection, and only the top {@code ofi_levels} levels (all that
 * order-flow imbalance reads), so the shuffle carries less than the full book.
 *
 * <p>Shared by the Parquet path's ParDo and the legacy NDJSON path. Not thread-safe.
 */
public final class SnapshotFeaturizer {
  private final StructuralFeatures structural;
  private final int keptLevels;

  public SnapshotFeaturizer(FeatureParameters params) {
    this.structural = new StructuralFeatures(params);
    this.keptLevels = params.ofiLevels();
  }

  public StructuralFeatures structuralFeatures() {
    return structural;
  }

  /** The snapshot's structural feature values, in StructuralFeatures column order. */
  public double[] structuralValues(OrderBookSnapshot s) {
    double[] values = new double[structural.width()];
    structural.compute(
        s.bidPrice(),
        s.bidAmount(),
        s.bidLevels(),
        s.askPrice(),
        s.askAmount(),
        s.askLevels(),
        values,
        0);
    return values;
  }

  public FeaturedSnapshot featurize(OrderBookSnapshot s) {
    double[] values = structuralValues(s);
    int bids = Math.min(keptLevels, s.bidLevels());
    int asks = Math.min(keptLevels, s.askLevels());
    return new FeaturedSnapshot(
        s.captureTs(),
        s.seq(),
        s.fileKey(),
        s.row(),
        bookHash(s),
        Arrays.copyOf(s.bidPrice(), bids),
        Arrays.copyOf(s.bidAmount(), bids),
        Arrays.copyOf(s.askPrice(), asks),
        Arrays.copyOf(s.askAmount(), asks),
        values);
  }

  /**
   * 64-bit hash of every level of both sides (not only the levels kept). Two snapshots count as
   * duplicates only when this hash and the kept levels are equal, so a false match needs a 64-bit
   * collision between two different books with the same capture_ts and the same top levels.
   */
  static long bookHash(OrderBookSnapshot s) {
    long h = 0x9E3779B97F4A7C15L;
    h = mix(h, s.bidLevels());
    for (int i = 0; i < s.bidLevels(); i++) {
      h = mix(h, Double.doubleToLongBits(s.bidPrice()[i]));
      h = mix(h, Double.doubleToLongBits(s.bidAmount()[i]));
    }
    h = mix(h, s.askLevels());
    for (int i = 0; i < s.askLevels(); i++) {
      h = mix(h, Double.doubleToLongBits(s.askPrice()[i]));
      h = mix(h, Double.doubleToLongBits(s.askAmount()[i]));
    }
    return h;
  }

  // SplitMix64 finaliser over a running state: cheap and well distributed.
  private static long mix(long h, long v) {
    long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
