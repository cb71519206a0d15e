package io.microstructure.transforms;

import io.microstructure.coders.OrderBookSnapshotCoder;
import io.microstructure.coders.RejectedRowCoder;
import io.microstructure.coders.TickerUpdateCoder;
import io.microstructure.coders.TradeCoder;
import io.microstructure.io.CaptureTsUnit;
import io.microstructure.io.ReadNdjsonFn;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads legacy mixed NDJSON (plain or {@code .ndjson.gz}) into the same valid rows and dead letters
 * as the channel readers: snapshots under {@link ComputeMarketFeatures#SNAPSHOTS}, trades under
 * {@link ComputeMarketFeatures#TRADES}, ticker updates under {@link ComputeMarketFeatures#TICKERS},
 * rejected lines under {@link ReadChannel#REJECTED}. Each row's position is its file and line, so
 * {@code EventOrder.ARRIVAL} replays the stream exactly as it arrived.
 */
public final class ReadLegacyNdjson extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final String filepattern;
  private final CaptureTsUnit plainInt64Unit;

  public ReadLegacyNdjson(String filepattern, CaptureTsUnit plainInt64Unit) {
    this.filepattern = filepattern;
    this.plainInt64Unit = plainInt64Unit;
  }

  /** Files of a legacy input: a glob as given, or every *.ndjson[.gz] file of a folder. */
  public static String filepattern(String input) {
    if (input.contains("*") || input.endsWith(".ndjson") || input.endsWith(".gz")) {
      return input;
    }
    return (input.endsWith("/") ? input : input + "/") + "*.ndjson*";
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    TupleTag<OrderBookSnapshot> snapshots = ComputeMarketFeatures.SNAPSHOTS;
    TupleTag<Trade> trades = ComputeMarketFeatures.TRADES;
    TupleTag<TickerUpdate> tickers = ComputeMarketFeatures.TICKERS;
    PCollectionTuple rows =
        input
            .apply(
                "Match",
                FileIO.match()
                    .filepattern(filepattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("Open", FileIO.readMatches())
            .apply(
                "ReadLines",
                ParDo.of(
                        new ReadNdjsonFn(
                            plainInt64Unit, snapshots, trades, tickers, ReadChannel.REJECTED))
                    .withOutputTags(
                        snapshots, TupleTagList.of(trades).and(tickers).and(ReadChannel.REJECTED)));
    rows.get(snapshots).setCoder(OrderBookSnapshotCoder.of());
    rows.get(trades).setCoder(TradeCoder.of());
    rows.get(tickers).setCoder(TickerUpdateCoder.of());
    rows.get(ReadChannel.REJECTED).setCoder(RejectedRowCoder.of());
    return rows;
  }
}
