package io.microstructure.transforms;

import io.microstructure.coders.FeatureRowCoder;
import io.microstructure.coders.TimeBarAccumulatorCoder;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketKey;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Time bars of one duration: fixed event-time windows on capture_ts, aligned to the UTC epoch and
 * left-closed, each combined per (exchange, symbol) into one bar row labelled by its start. The
 * inputs are partial aggregates the replay made of each bar (stamped with the bar's start), so a
 * window merges a handful of them, not one element per snapshot.
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
        .apply(
            "FixedWindows",
            Window.<KV<MarketKey, TimeBarAccumulator>>into(
                FixedWindows.of(Duration.standardSeconds(durationSeconds))))
        .apply("CombinePerMarket", Combine.perKey(new TimeBarFn()))
        .apply("ToRow", ParDo.of(new ToBarRowFn()))
        .setCoder(FeatureRowCoder.of())
        // Rows carry their bar in their columns: later steps (one writer for every duration)
        // need no windows.
        .apply("GlobalWindow", Window.<FeatureRow>into(new GlobalWindows()));
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

  /** Labels a bar by its window: bar_start and bar_end are the window's bounds in microseconds. */
  static final class ToBarRowFn extends DoFn<KV<MarketKey, TimeBarAccumulator>, FeatureRow> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<MarketKey, TimeBarAccumulator> bar,
        BoundedWindow window,
        OutputReceiver<FeatureRow> out) {
      IntervalWindow w = (IntervalWindow) window;
      long start = w.start().getMillis() * 1000L;
      long end = w.end().getMillis() * 1000L;
      MarketKey key = bar.getKey();
      out.output(new FeatureRow(key.exchange(), key.symbol(), start, bar.getValue().values(end)));
    }
  }
}
