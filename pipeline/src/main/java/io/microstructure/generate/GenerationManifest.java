package io.microstructure.generate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;

/**
 * What {@link SampleMarketGenerator} wrote, counted from the rows as they were written (not from
 * what was intended), so pipeline tests can assert their own counts against it. Serialized as
 * {@code <outRoot>/manifest.json}.
 *
 * <p>Definitions. A row is <em>invalid</em> when it breaks data-contract.md "Bad input" (each
 * injected invalid row has exactly one reason). A <em>duplicate</em> is a re-emission: a snapshot
 * identical to the one right before it (same key, capture_ts, bids, asks; new seq), or a trade
 * whose id was already written for its key. {@code cleanRows = rows - invalidRows - duplicates}:
 * what a correct reader keeps. Book conditions (crossed, locked, empty sides) are counted over
 * clean snapshots (duplicates are only ever made of ordinary snapshots, so counting over all valid
 * rows gives the same numbers). Same-capture_ts counts are over valid rows (duplicates included):
 * trades/tickers whose (exchange, symbol, capture_ts) equals that of at least one valid snapshot;
 * before/after compare the trade's seq with the smallest seq of those snapshots. Capture gaps are
 * over clean rows, per key and channel, strictly longer than {@code gapThresholdSeconds}.
 */
public record GenerationManifest(
    int formatVersion,
    String generator,
    Settings config,
    TimeSpan timeSpan,
    List<Key> keys,
    OrderbookStats orderbook,
    TradeStats trades,
    TickerStats ticker,
    double gapThresholdSeconds,
    List<CaptureGap> captureGaps,
    List<KeyStats> perKey,
    List<FileEntry> files) {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";

  /** The configuration that produced the data ({@code rowGroupRows} 0: large row groups). */
  public record Settings(
      String start,
      String end,
      double durationSeconds,
      long seed,
      List<String> exchanges,
      List<String> symbols,
      String source,
      double snapshotHz,
      int bookLevels,
      String bookLayout,
      boolean legacyLists,
      boolean withSeq,
      boolean writeNdjson,
      boolean cleanOnly,
      Map<String, Double> edgeCaseRates,
      int gapsPerHour,
      double tradeRateScale,
      int rowGroupRows) {}

  /** Configured window [start, end) and the observed capture_ts range of all rows that have one. */
  public record TimeSpan(
      String start,
      String end,
      long startMicros,
      long endMicros,
      String firstCaptureTs,
      String lastCaptureTs,
      long firstCaptureTsMicros,
      long lastCaptureTsMicros) {}

  public record Key(String exchange, String symbol) {}

  public record OrderbookStats(
      long rows,
      long invalidRows,
      Map<String, Long> invalidByReason,
      long duplicateSnapshots,
      long cleanRows,
      long crossedBooks,
      long lockedBooks,
      long crossedOrLockedBooks,
      long emptyBids,
      long emptyAsks,
      long oneSidedBooks) {}

  public record TradeStats(
      long rows,
      long invalidRows,
      Map<String, Long> invalidByReason,
      long duplicateTradeIds,
      long cleanRows,
      long sameCaptureTsAsSnapshot,
      long sameCaptureTsBeforeSnapshot,
      long sameCaptureTsAfterSnapshot) {}

  public record TickerStats(
      long rows,
      long invalidRows,
      Map<String, Long> invalidByReason,
      long cleanRows,
      long sameCaptureTsAsSnapshot) {}

  /** Two consecutive clean rows of one key and channel more than the threshold apart. */
  public record CaptureGap(
      String exchange,
      String symbol,
      String channel,
      String from,
      String to,
      long fromMicros,
      long toMicros,
      double seconds) {}

  /** Clean rows per channel of one key, and its book conditions. */
  public record KeyStats(
      String exchange,
      String symbol,
      long orderbookRows,
      long tradeRows,
      long tickerRows,
      long crossedOrLockedBooks,
      long oneSidedBooks,
      long captureGaps) {}

  /**
   * One written file. {@code path} is relative to the output root; {@code channel} is orderbook,
   * trades, ticker or legacy (the NDJSON); {@code rows} counts every row of the file.
   */
  public record FileEntry(
      String path, String channel, String segmentStart, String segmentEnd, long rows) {}

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  public String toJson() {
    return GSON.toJson(this);
  }

  public static GenerationManifest fromJson(String json) {
    return GSON.fromJson(json, GenerationManifest.class);
  }

  /** Reads {@code <outRoot>/manifest.json} through Beam's FileSystems. */
  public static GenerationManifest read(String outRoot) throws IOException {
    String path =
        SampleMarketGenerator.join(SampleMarketGenerator.normalizeRoot(outRoot), FILE_NAME);
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Total rows of all three channels. */
  public long totalRows() {
    return orderbook.rows() + trades.rows() + ticker.rows();
  }

  /** The files of one channel (orderbook, trades, ticker, legacy), in time order. */
  public List<FileEntry> files(String channel) {
    return files.stream().filter(f -> f.channel().equals(channel)).toList();
  }
}
