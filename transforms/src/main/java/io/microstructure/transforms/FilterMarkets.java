package io.microstructure.transforms;

import io.microstructure.model.MarketFilter;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps the rows of the selected markets, right after reading and before any shuffle, counting what
 * it removes under {@code <channel>/rows_filtered_out}.
 */
public final class FilterMarkets<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;
  private final MarketFilter filter;
  private final String channel;
  private final SerializableFunction<T, String> exchange;
  private final SerializableFunction<T, String> symbol;

  public FilterMarkets(
      MarketFilter filter,
      String channel,
      SerializableFunction<T, String> exchange,
      SerializableFunction<T, String> symbol) {
    this.filter = filter;
    this.channel = channel;
    this.exchange = exchange;
    this.symbol = symbol;
  }

  @Override
  public PCollection<T> expand(PCollection<T> rows) {
    return rows.apply("KeepSelectedMarkets", ParDo.of(new KeepFn<>(this)))
        .setCoder(rows.getCoder());
  }

  private static final class KeepFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private final FilterMarkets<T> spec;
    private final Counter removed;

    KeepFn(FilterMarkets<T> spec) {
      this.spec = spec;
      this.removed = Metrics.counter(spec.channel, "rows_filtered_out");
    }

    @ProcessElement
    public void process(@Element T row, OutputReceiver<T> out) {
      if (spec.filter.accepts(spec.exchange.apply(row), spec.symbol.apply(row))) {
        out.output(row);
      } else {
        removed.inc();
      }
    }
  }
}
