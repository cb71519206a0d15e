package io.microstructure.transforms;

import io.microstructure.model.EventBlock;
import io.microstructure.model.MarketFilter;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps the blocks of the selected markets, right after reading and before any shuffle, counting
 * the rows it removes under {@code <channel>/rows_filtered_out}.
 */
public final class FilterMarkets<B extends EventBlock>
    extends PTransform<PCollection<B>, PCollection<B>> {
  private static final long serialVersionUID = 1L;
  private final MarketFilter filter;
  private final String channel;

  public FilterMarkets(MarketFilter filter, String channel) {
    this.filter = filter;
    this.channel = channel;
  }

  @Override
  public PCollection<B> expand(PCollection<B> blocks) {
    return blocks
        .apply("KeepSelectedMarkets", ParDo.of(new KeepFn<B>(filter, channel)))
        .setCoder(blocks.getCoder());
  }

  private static final class KeepFn<B extends EventBlock> extends DoFn<B, B> {
    private static final long serialVersionUID = 1L;
    private final MarketFilter filter;
    private final Counter removed;

    KeepFn(MarketFilter filter, String channel) {
      this.filter = filter;
      this.removed = Metrics.counter(channel, "rows_filtered_out");
    }

    @ProcessElement
    public void process(@Element B block, OutputReceiver<B> out) {
      if (filter.accepts(block.exchange(), block.symbol())) {
        out.output(block);
      } else {
        removed.inc(block.size());
      }
    }
  }
}
