package io.microstructure.transforms;

import io.microstructure.coders.EventBlockCoder;
import io.microstructure.coders.RejectedRowCoder;
import io.microstructure.input.CaptureTsUnit;
import io.microstructure.input.EventTags;
import io.microstructure.input.ReadNdjsonFn;
import io.microstructure.model.BookBlock;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads legacy mixed NDJSON (plain or {@code .ndjson.gz}) into the same blocks of valid rows and
 * dead letters as the channel readers: snapshots under {@link EventTags#SNAPSHOTS},
 * trades under {@link EventTags#TRADES}, ticker updates under {@link
 * EventTags#TICKERS}, rejected lines under {@link EventTags#REJECTED}. Each row's
 * position is its file and line, so {@code EventOrder.ARRIVAL} replays the stream exactly as it
 * arrived.
 */
public final class ReadLegacyNdjson extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  private final String filepattern;
  private final CaptureTsUnit plainInt64Unit;
  private final CaptureTsRange captureTsRange;

  /** Reads the files of {@code filepattern}, accepting the default capture_ts range as of now. */
  public ReadLegacyNdjson(String filepattern, CaptureTsUnit plainInt64Unit) {
    this(filepattern, plainInt64Unit, CaptureTsRange.defaults());
  }

  private ReadLegacyNdjson(
      String filepattern, CaptureTsUnit plainInt64Unit, CaptureTsRange captureTsRange) {
    this.filepattern = filepattern;
    this.plainInt64Unit = plainInt64Unit;
    this.captureTsRange = java.util.Objects.requireNonNull(captureTsRange, "captureTsRange");
  }

  /**
   * This read accepting the capture times of {@code range} only (fixed when the pipeline is built,
   * so every worker agrees); lines outside are dead letters.
   */
  public ReadLegacyNdjson withCaptureTsRange(CaptureTsRange range) {
    return new ReadLegacyNdjson(filepattern, plainInt64Unit, range);
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
    TupleTag<BookBlock> snapshots = EventTags.SNAPSHOTS;
    TupleTag<TradeBlock> trades = EventTags.TRADES;
    TupleTag<TickerBlock> tickers = EventTags.TICKERS;
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
                            plainInt64Unit,
                            captureTsRange,
                            snapshots,
                            trades,
                            tickers,
                            EventTags.REJECTED))
                    .withOutputTags(
                        snapshots, TupleTagList.of(trades).and(tickers).and(EventTags.REJECTED)));
    rows.get(snapshots).setCoder(EventBlockCoder.books());
    rows.get(trades).setCoder(EventBlockCoder.trades());
    rows.get(tickers).setCoder(EventBlockCoder.tickers());
    rows.get(EventTags.REJECTED).setCoder(RejectedRowCoder.of());
    return rows;
  }
}
