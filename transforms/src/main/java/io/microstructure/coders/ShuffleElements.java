package io.microstructure.coders;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.TradeBlock;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How many rows of a block go into one shuffled element. A block read from a row group can hold
 * 131,072 rows, tens of MB of books; runners refuse or struggle with records that large (Flink's
 * batch sorter rejects a record larger than its sort buffer, 2.8 MB with a 1 GB heap), so what
 * crosses a GroupByKey is cut into elements of about {@link #TARGET_BYTES} as {@link
 * EventBlockCoder} writes them.
 */
public final class ShuffleElements {
  /** Encoded size aimed at: well under Flink's smallest sort buffers, large enough to amortise. */
  public static final long TARGET_BYTES = 1L << 20;

  private ShuffleElements() {}

  /**
   * True where the runner writes its shuffles (Flink, Spark, Dataflow); false on the DirectRunner,
   * which keeps them in memory. It decides what {@code --chunk=auto} means too.
   */
  public static boolean runnerWritesShuffles(PipelineOptions options) {
    return !options.getRunner().getSimpleName().equals("DirectRunner");
  }

  /**
   * Whether to cut elements in this pipeline: only where the runner writes its shuffles. On the
   * DirectRunner the pieces gained nothing and cost 2.5 s of 23 on the bench workload
   * (BENCHMARKS.md).
   */
  public static boolean apply(Pipeline pipeline) {
    return runnerWritesShuffles(pipeline.getOptions());
  }

  /** Rows per element for this block when elements are cut, else all of them. */
  public static int rowsPerElement(EventBlock b, boolean cut) {
    return cut ? rowsPerElement(b) : Math.max(1, b.size());
  }

  /** Rows per element for this block (at least 1). */
  public static int rowsPerElement(EventBlock b) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TARGET_BYTES / bytesPerRow(b)));
  }

  /** The coder's bytes per row, on average over the block. */
  static long bytesPerRow(EventBlock b) {
    long common = 3 * Long.BYTES;
    int n = Math.max(1, b.size());
    if (b instanceof BookBlock book) {
      long bids = book.bidStarts()[b.size()];
      long asks = book.askStarts()[b.size()];
      long levels =
          bids * (width(book.bidPrices().exponent()) + width(book.bidAmounts().exponent()))
              + asks * (width(book.askPrices().exponent()) + width(book.askAmounts().exponent()));
      return common + 2 * Integer.BYTES + (levels + n - 1) / n;
    }
    if (b instanceof TradeBlock) {
      return common + 64; // id (typically under 40 bytes), side, price, amount
    }
    return common + 6 * Double.BYTES;
  }

  private static int width(int exponent) {
    return exponent >= 0 ? Integer.BYTES : Double.BYTES;
  }
}
