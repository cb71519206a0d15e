package io.microstructure.transforms;

import io.microstructure.coders.BlockRowsCoder;
import io.microstructure.coders.MarketKeyCoder;
import io.microstructure.coders.ShuffleElements;
import io.microstructure.engine.EventOrder;
import io.microstructure.engine.Resume;
import io.microstructure.features.FeatureParameters;
import io.microstructure.input.EventTags;
import io.microstructure.model.BlockRows;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import io.microstructure.output.WrittenFile;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The hybrid feature computation: one GroupByKey per market feeding the ordered replay of every
 * family (structural values come straight from each snapshot's book there), and Combines per
 * (market, bar start) merging the replay's partial aggregates into the time bars of every duration.
 *
 * <p>Input: any of blocks of valid snapshots, trades and ticker updates under their {@link
 * EventTags}. Output, for the requested channels: order-book hf rows ({@link
 * #HF}) and bars ({@link #bars(long)}), trade rows ({@link #TRADES_HF}) and volume bars ({@link
 * #VOLUME_BARS}), ticker rows ({@link #TICKER_HF}). With {@link #writingTo} the replay writes the
 * per-event tables itself and {@link #WRITTEN} holds their staged files instead.
 */
public final class ComputeMarketFeatures extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<FeatureBlock> HF = new TupleTag<FeatureBlock>("orderbook-hf") {};
  public static final TupleTag<FeatureBlock> TRADES_HF = new TupleTag<FeatureBlock>("trades-hf") {};
  public static final TupleTag<FeatureBlock> VOLUME_BARS =
      new TupleTag<FeatureBlock>("volume-bars") {};
  public static final TupleTag<FeatureBlock> TICKER_HF = new TupleTag<FeatureBlock>("ticker-hf") {};
  public static final TupleTag<WrittenFile> WRITTEN = new TupleTag<WrittenFile>("written") {};

  private final FeatureParameters params;
  private final EventOrder order;
  private final EnumSet<Channel> outputs;
  private final ReplayTables tables;
  private final long chunkMicros;
  private final Resume resume;

  public ComputeMarketFeatures(FeatureParameters params, EventOrder order, Set<Channel> outputs) {
    this(params, order, EnumSet.copyOf(outputs), null, 0, null);
  }

  private ComputeMarketFeatures(
      FeatureParameters params,
      EventOrder order,
      EnumSet<Channel> outputs,
      ReplayTables tables,
      long chunkMicros,
      Resume resume) {
    this.params = params;
    this.order = order;
    this.outputs = outputs;
    this.tables = tables;
    this.chunkMicros = chunkMicros;
    this.resume = resume;
  }

  /** The replay writing the per-event tables itself (see {@link ReplayMarkets#writingTo}). */
  public ComputeMarketFeatures writingTo(ReplayTables tables) {
    return new ComputeMarketFeatures(params, order, outputs, tables, chunkMicros, resume);
  }

  /**
   * An incremental run: it computes from the resume point on, with what each market carries in
   * ({@link Resume}), and records its carries. Needs chunks ({@link #inChunksOf}).
   */
  public ComputeMarketFeatures resumingAt(Resume resume) {
    return new ComputeMarketFeatures(params, order, outputs, tables, chunkMicros, resume);
  }

  /**
   * The order book replayed in chunks of this many microseconds of each market ({@link
   * ReplayChunkedMarkets}); 0, the default, replays each market whole. Arrival order (the legacy
   * stream) is always replayed whole.
   */
  public ComputeMarketFeatures inChunksOf(long chunkMicros) {
    return new ComputeMarketFeatures(params, order, outputs, tables, chunkMicros, resume);
  }

  /** The tag of a per-event table ({@link OutputTable#perEventTables()}) in this output. */
  public static TupleTag<FeatureBlock> tag(OutputTable table) {
    switch (table) {
      case ORDERBOOK_HF:
        return HF;
      case TRADES_HF:
        return TRADES_HF;
      case TRADES_VOLUME_BARS:
        return VOLUME_BARS;
      case TICKER_HF:
        return TICKER_HF;
      default:
        throw new IllegalArgumentException(table + " is not a per-event table");
    }
  }

  /** Tag of the bars of one duration in this transform's output. */
  public static TupleTag<FeatureRow> bars(long durationSeconds) {
    return new TupleTag<>("bars-" + durationSeconds + "s");
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    boolean chunked =
        chunkMicros > 0
            && order == EventOrder.RECONSTRUCTED
            && outputs.contains(Channel.ORDERBOOK)
            && input.has(EventTags.SNAPSHOTS);
    if (resume != null && !chunked) {
      throw new IllegalArgumentException(
          "an incremental run replays chunks of the order book: it needs the orderbook channel,"
              + " the reconstructed order and a chunk size");
    }
    PCollectionTuple replayed =
        chunked
            ? input.apply(
                "Chunked", new ReplayChunkedMarkets(params, outputs, chunkMicros, tables, resume))
            : whole(input);
    return tables(replayed);
  }

  private PCollectionTuple whole(PCollectionTuple input) {
    PCollectionList<KV<MarketKey, BlockRows>> events = PCollectionList.empty(input.getPipeline());
    if (input.has(EventTags.SNAPSHOTS)) {
      events = events.and(keyed(input.get(EventTags.SNAPSHOTS), "KeySnapshots"));
    }
    if (input.has(EventTags.TRADES)) {
      events = events.and(keyed(input.get(EventTags.TRADES), "KeyTrades"));
    }
    if (input.has(EventTags.TICKERS)) {
      events = events.and(keyed(input.get(EventTags.TICKERS), "KeyTickers"));
    }
    ReplayMarkets replay = new ReplayMarkets(params, order, outputs);
    return events
        .apply("Interleave", Flatten.pCollections())
        .setCoder(KvCoder.of(MarketKeyCoder.of(), BlockRowsCoder.of()))
        .apply("Stateful", tables == null ? replay : replay.writingTo(tables));
  }

  private PCollectionTuple tables(PCollectionTuple replayed) {
    PCollectionTuple out = PCollectionTuple.of(WRITTEN, replayed.get(WRITTEN));
    if (outputs.contains(Channel.ORDERBOOK)) {
      out = out.and(HF, replayed.get(HF));
      for (long d : params.barDurationsSeconds()) {
        out =
            out.and(
                bars(d),
                replayed
                    .get(ReplayMarkets.barPartials(d))
                    .apply("TimeBars" + d + "s", new BuildTimeBars(d)));
      }
    }
    if (outputs.contains(Channel.TRADES)) {
      out =
          out.and(TRADES_HF, replayed.get(TRADES_HF))
              .and(VOLUME_BARS, replayed.get(VOLUME_BARS));
    }
    if (outputs.contains(Channel.TICKER)) {
      out = out.and(TICKER_HF, replayed.get(TICKER_HF));
    }
    return out;
  }

  /**
   * Blocks keyed by their market, for a GroupByKey per market, cut into elements a shuffle takes
   * ({@link ShuffleElements}) by reference, where the runner writes its shuffles: it then writes
   * each piece's rows.
   */
  static <B extends EventBlock> PCollection<KV<MarketKey, BlockRows>> keyed(
      PCollection<B> blocks, String name) {
    boolean cut = ShuffleElements.apply(blocks.getPipeline());
    return blocks
        .apply(
            name,
            ParDo.of(
                new DoFn<B, KV<MarketKey, BlockRows>>() {
                  @ProcessElement
                  public void process(@Element B b, OutputReceiver<KV<MarketKey, BlockRows>> o) {
                    BlockRows.pieces(
                        b,
                        null,
                        b.size(),
                        ShuffleElements.rowsPerElement(b, cut),
                        piece -> o.output(KV.of(b.key(), piece)));
                  }
                }))
        .setCoder(KvCoder.of(MarketKeyCoder.of(), BlockRowsCoder.of()));
  }
}
