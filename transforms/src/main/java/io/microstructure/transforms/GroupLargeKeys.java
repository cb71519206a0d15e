package io.microstructure.transforms;

import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A GroupByKey of keys too large to hold whole in memory (a market's chunk of order book, a
 * market's kept trades), in the global window like any other.
 *
 * <p>On Spark it groups in one window that spans all time, and goes back to the global window
 * after. Beam 2.62's Spark translation of a global-window GroupByKey combines each key's values
 * into one in-memory list and caches the result (apache/beam#30184): one day of one 10 Hz market
 * in 1-hour chunks ran out of a 1 GB heap reading those lists. A GroupByKey in any other
 * non-merging window takes its sort-based translation, which streams a key's values to the DoFn.
 * Other runners group as usual: Flink's batch translation pre-combines the values of a key in a
 * non-global window into one record, which is worse for it.
 */
public final class GroupLargeKeys<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {
  private static final long serialVersionUID = 1L;

  private GroupLargeKeys() {}

  public static <K, V> GroupLargeKeys<K, V> create() {
    return new GroupLargeKeys<>();
  }

  /** Whether this runner groups a global-window key's values in memory (Beam's Spark runner). */
  static boolean holdsGlobalGroupsInMemory(org.apache.beam.sdk.options.PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("SparkRunner");
  }

  @Override
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    if (!holdsGlobalGroupsInMemory(input.getPipeline().getOptions())) {
      return input.apply("GroupByKey", GroupByKey.create());
    }
    return input
        .apply("IntoAllTime", Window.into(new AllTime()))
        .apply("GroupByKey", GroupByKey.create())
        .apply("IntoGlobal", Window.into(new GlobalWindows()));
  }

  /** One interval window over every timestamp an element can have. */
  static final class AllTime extends NonMergingWindowFn<Object, IntervalWindow> {
    private static final long serialVersionUID = 1L;
    static final IntervalWindow WINDOW =
        new IntervalWindow(
            BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE.maxTimestamp().plus(
                org.joda.time.Duration.millis(1)));

    @Override
    public Collection<IntervalWindow> assignWindows(AssignContext c) {
      return List.of(WINDOW);
    }

    @Override
    public boolean isCompatible(WindowFn<?, ?> other) {
      return other instanceof AllTime;
    }

    @Override
    public Coder<IntervalWindow> windowCoder() {
      return IntervalWindow.getCoder();
    }

    @Override
    public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
      throw new UnsupportedOperationException("AllTime is for grouping, not for side inputs");
    }
  }
}
