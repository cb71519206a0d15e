package io.microstructure.transforms;

import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketKey;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Time bars of one duration: UTC-aligned, left-closed intervals of capture_ts, each combined per
 * (exchange, symbol, bar start) into one bar row labelled by its start. The inputs are partial
 * aggregates the replays made of each bar, stamped with the bar's start, so a bar merges a
 * handful of them (the pieces of a chunked market's bar among them), not one element per
 * snapshot.
 *
 * <p>A Combine keyed by the bar, not event-time windows: the replays' grouped inputs carry the end
 * of the global window (see {@link ReplayDoFn}), so their partials arrive
 * behind the watermark, and fixed windows would drop them as late data.
 */
public final class BuildTimeBars
    extends PTransform<PCollection<KV<MarketKey, TimeBarAccumulator>>, PCollection<FeatureRow>> {
  private static final long serialVersionUID = 1L;
  private final long durationSeconds;

  public BuildTimeBars(long durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

  @Override
  public PCollection<FeatureRow> expand(PCollection<KV<MarketKey, TimeBarAccumulator>> inputs) {
    return inputs
        .apply("KeyByBar", ParDo.of(new KeyByBarFn(durationSeconds)))
        .setCoder(
            KvCoder.of(
                KvCoder.of(MarketKeyCoder.of(), VarLongCoder.of()), TimeBarAccumulatorCoder.of()))
        .apply("CombinePerBar", Combine.perKey(new TimeBarFn()))
        .apply("ToRow", ParDo.of(new ToBarRowFn(durationSeconds)))
        .setCoder(FeatureRowCoder.of());
  }

  /** A partial's bar: the start (µs) of the interval its timestamp falls in, as a key. */
  static final class KeyByBarFn
      extends DoFn<KV<MarketKey, TimeBarAccumulator>, KV<KV<MarketKey, Long>, TimeBarAccumulator>> {
    private static final long serialVersionUID = 1L;
    private final long durationMillis;

    KeyByBarFn(long durationSeconds) {
      this.durationMillis = durationSeconds * 1000L;
    }

    @ProcessElement
    public void process(
        @Element KV<MarketKey, TimeBarAccumulator> partial,
        @Timestamp Instant stamped,
        OutputReceiver<KV<KV<MarketKey, Long>, TimeBarAccumulator>> out) {
      long startMillis = Math.floorDiv(stamped.getMillis(), durationMillis) * durationMillis;
      out.output(KV.of(KV.of(partial.getKey(), startMillis * 1000L), partial.getValue()));
    }
  }

  /** Merges the partial aggregates of one bar. */
  static final class TimeBarFn
      extends Combine.CombineFn<TimeBarAccumulator, TimeBarAccumulator, TimeBarAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public TimeBarAccumulator createAccumulator() {
      return new TimeBarAccumulator();
    }

    @Override
    public TimeBarAccumulator addInput(TimeBarAccumulator acc, TimeBarAccumulator partial) {
      acc.merge(partial);
      return acc;
    }

    @Override
    public TimeBarAccumulator mergeAccumulators(Iterable<TimeBarAccumulator> accumulators) {
      TimeBarAccumulator merged = new TimeBarAccumulator();
      for (TimeBarAccumulator a : accumulators) {
        merged.merge(a);
      }
      return merged;
    }

    @Override
    public TimeBarAccumulator extractOutput(TimeBarAccumulator acc) {
      return acc;
    }

    @Override
    public Coder<TimeBarAccumulator> getAccumulatorCoder(
        CoderRegistry registry, Coder<TimeBarAccumulator> inputCoder) {
      return TimeBarAccumulatorCoder.of();
    }

    @Override
    public Coder<TimeBarAccumulator> getDefaultOutputCoder(
        CoderRegistry registry, Coder<TimeBarAccumulator> inputCoder) {
      return TimeBarAccumulatorCoder.of();
    }
  }

  /** Labels a bar by its interval: bar_start and bar_end in microseconds. */
  static final class ToBarRowFn
      extends DoFn<KV<KV<MarketKey, Long>, TimeBarAccumulator>, FeatureRow> {
    private static final long serialVersionUID = 1L;
    private final long durationMicros;

    ToBarRowFn(long durationSeconds) {
      this.durationMicros = durationSeconds * 1_000_000L;
    }

    @ProcessElement
    public void process(
        @Element KV<KV<MarketKey, Long>, TimeBarAccumulator> bar, OutputReceiver<FeatureRow> out) {
      MarketKey key = bar.getKey().getKey();
      long start = bar.getKey().getValue();
      out.output(
          new FeatureRow(
              key.exchange(), key.symbol(), start, bar.getValue().values(start + durationMicros)));
    }
  }
}
