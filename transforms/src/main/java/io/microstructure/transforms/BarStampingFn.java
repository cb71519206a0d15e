package io.microstructure.transforms;

import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A replay's DoFn: it emits the time bars' partial aggregates ({@link ReplayMarkets#barPartials})
 * stamped with their bar's start, which is earlier than its grouped input's timestamp (the end of
 * the global window).
 *
 * <p>The replays' GroupByKeys keep that default timestamp combiner on purpose: with any other,
 * Flink's batch translation concatenates all of a key's values into one record before its
 * shuffle, which holds a whole key in memory and outgrows Flink's sort buffer. Hence the unbounded
 * skew here, and bars combined per (market, bar start) rather than in windows ({@link
 * BuildTimeBars}), which would drop these partials as late.
 */
abstract class BarStampingFn<InputT> extends DoFn<InputT, FeatureBlock> {
  private static final long serialVersionUID = 1L;
  private final Map<Long, TupleTag<KV<MarketKey, TimeBarAccumulator>>> barTags = new HashMap<>();

  BarStampingFn(long[] barDurationsSeconds) {
    for (long d : barDurationsSeconds) {
      barTags.put(d, ReplayMarkets.barPartials(d));
    }
  }

  @Override
  @SuppressWarnings("deprecation") // the one way to stamp outputs earlier than their input
  public Duration getAllowedTimestampSkew() {
    return Duration.millis(Long.MAX_VALUE);
  }

  /** One partial aggregate of a bar, stamped with the bar's start (epoch µs). */
  final void outputBar(
      MultiOutputReceiver out,
      MarketKey key,
      long durationSeconds,
      long barStartMicros,
      TimeBarAccumulator partial) {
    out.get(barTags.get(durationSeconds))
        .outputWithTimestamp(
            KV.of(key, partial), new Instant(Math.floorDiv(barStartMicros, 1000L)));
  }
}
