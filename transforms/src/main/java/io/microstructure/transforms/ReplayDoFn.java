package io.microstructure.transforms;

import io.microstructure.engine.MarketEvents;
import io.microstructure.engine.SnapshotReplay;
import io.microstructure.engine.TickerReplay;
import io.microstructure.engine.TradeReplay;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
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
 *
 * <p>Its per-event tables go out through {@link Outputs}: written by the DoFn itself when it has
 * {@link ReplayTables}, else as blocks under their tags.
 */
abstract class ReplayDoFn<InputT> extends DoFn<InputT, FeatureBlock> {
  private static final long serialVersionUID = 1L;
  private final Map<Long, TupleTag<KV<MarketKey, TimeBarAccumulator>>> barTags = new HashMap<>();
  private final ReplayTables tables;
  private final EnumMap<OutputTable, Counter> written = new EnumMap<>(OutputTable.class);
  private transient Map<OutputTable, Schema> schemas;
  // min/max of these give the run's time span per channel on every runner (by channel rank).
  private final Distribution[] captureTs = {
    Metrics.distribution(Channel.TRADES.folder(), "capture_ts"),
    Metrics.distribution(Channel.TICKER.folder(), "capture_ts"),
    Metrics.distribution(Channel.ORDERBOOK.folder(), "capture_ts")
  };

  /** @param tables where the DoFn writes its tables; null: it emits them as blocks */
  ReplayDoFn(long[] barDurationsSeconds, ReplayTables tables) {
    for (long d : barDurationsSeconds) {
      barTags.put(d, ReplayMarkets.barPartials(d));
    }
    this.tables = tables;
    for (OutputTable t : OutputTable.perEventTables()) {
      written.put(t, Metrics.counter(t.tableName(), "rows_written"));
    }
  }

  /** Records the time span of the events of capture_ts in {@code [from, to)}, per channel. */
  final void recordTimeSpan(MarketEvents events, long from, long to) {
    long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    for (int k = 0; k < events.size(); k++) {
      int r = events.rank(k);
      long t = events.captureTs(k);
      if (t >= from && t < to) {
        min[r] = Math.min(min[r], t);
        max[r] = Math.max(max[r], t);
      }
    }
    for (int r = 0; r < 3; r++) {
      if (min[r] <= max[r]) {
        captureTs[r].update(min[r]);
        captureTs[r].update(max[r]);
      }
    }
  }

  /** The outputs of one key's replay; finish with {@link Outputs#commit}, then close. */
  final Outputs outputs(MarketKey key, MultiOutputReceiver out) {
    if (tables != null && schemas == null) {
      schemas = tables.schemas();
    }
    return new Outputs(key, out);
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

  /** Where one key's tables go: staged files, or copies of the blocks as outputs. */
  final class Outputs
      implements SnapshotReplay.Sink, TradeReplay.Sink, TickerReplay.Sink, AutoCloseable {
    private final MarketKey key;
    private final MultiOutputReceiver out;
    private final StagedTables staged = tables == null ? null : new StagedTables(tables, schemas);

    private Outputs(MarketKey key, MultiOutputReceiver out) {
      this.key = key;
      this.out = out;
    }

    long writeNanos() {
      return staged == null ? 0 : staged.writeNanos();
    }

    @Override
    public void rows(FeatureBlock block) {
      put(OutputTable.ORDERBOOK_HF, block);
    }

    @Override
    public void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {
      outputBar(out, key, durationSeconds, barStartMicros, partial);
    }

    @Override
    public void trades(FeatureBlock block) {
      put(OutputTable.TRADES_HF, block);
    }

    @Override
    public void volumeBars(FeatureBlock block) {
      put(OutputTable.TRADES_VOLUME_BARS, block);
    }

    @Override
    public void volumeBars(FeatureBlock block, long fileKey) {
      if (staged == null) {
        put(OutputTable.TRADES_VOLUME_BARS, block);
        return;
      }
      try {
        staged.write(OutputTable.TRADES_VOLUME_BARS, block, fileKey);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void tickers(FeatureBlock block) {
      put(OutputTable.TICKER_HF, block);
    }

    private void put(OutputTable table, FeatureBlock block) {
      if (staged == null) {
        out.get(ComputeMarketFeatures.tag(table)).output(block.copy());
        return;
      }
      try {
        staged.write(table, block);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Finishes the staged files and emits them. */
    void commit() throws IOException {
      if (staged != null) {
        staged.finish(
            (table, f) -> {
              written.get(table).inc(f.rows());
              out.get(ComputeMarketFeatures.WRITTEN).output(f);
            });
      }
    }

    @Override
    public void close() {
      if (staged != null) {
        staged.close();
      }
    }
  }
}
