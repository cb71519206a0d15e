package io.microstructure.output;

import io.microstructure.io.SegmentFiles;
import io.microstructure.model.Channel;
import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import io.microstructure.model.PartitionValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * The output layout of the data contract: table folders under {@code <output root>/<source>/} and
 * Hive partitions {@code exchange=<ex>/symbol=<SYM>/date=<YYYY-MM-DD>} (values escaped by {@link
 * PartitionValue}).
 */
public final class OutputLayout implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private static final String EXCHANGE = "exchange=";
  private static final String SYMBOL = "symbol=";

  private final String root;
  private final String source;

  public OutputLayout(String outputRoot, String source) {
    this.root = SegmentFiles.stripSlash(outputRoot);
    this.source = source;
  }

  public String root() {
    return root;
  }

  /** The folder of a table: the one its partitions go under. */
  public String table(OutputTable table) {
    switch (table) {
      case ORDERBOOK_HF:
        return orderbookHf();
      case ORDERBOOK_BARS:
        return orderbookBars();
      case TRADES_HF:
        return channelTable(Channel.TRADES, "hf");
      case TRADES_VOLUME_BARS:
        return channelTable(Channel.TRADES, "volume_bars");
      case TICKER_HF:
        return channelTable(Channel.TICKER, "hf");
      default:
        return rejected();
    }
  }

  public String orderbookHf() {
    return root + "/" + source + "/orderbook/hf";
  }

  public String orderbookBars(long durationSeconds) {
    return orderbookBars() + "/" + barDuration(durationSeconds);
  }

  /** The folder of the time bars of every duration. */
  public String orderbookBars() {
    return root + "/" + source + "/orderbook/bars";
  }

  private static String barDuration(long seconds) {
    return "duration=" + seconds + "s";
  }

  /**
   * Partition of a time-bar row under {@link #orderbookBars()}: {@code duration=<D>s/} then its
   * Hive partition by bar_start. A bar's duration is its bar_end − bar_start (the first value).
   */
  public static SerializableFunction<FeatureRow, String> barPartition() {
    return row ->
        barDuration(Math.floorDiv((long) row.value(0) - row.timestamp(), 1_000_000L))
            + "/"
            + hivePartition(row.exchange(), row.symbol(), row.timestamp());
  }

  public String channelTable(Channel channel, String table) {
    return root + "/" + source + "/" + channel.folder() + "/" + table;
  }

  /** Dead letters: {@code <output root>/_rejected/<channel>/}, partitioned by channel. */
  public String rejected() {
    return root + "/_rejected";
  }

  /** UTC date of an epoch-microsecond time, {@code YYYY-MM-DD}. */
  public static String utcDate(long epochMicros) {
    return DATE.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L)));
  }

  /** Hive partition of a row by exchange, symbol and the UTC date of its time column. */
  public static SerializableFunction<FeatureRow, String> hivePartition() {
    return row -> hivePartition(row.exchange(), row.symbol(), row.timestamp());
  }

  /**
   * {@code exchange=<ex>/symbol=<SYM>/date=<YYYY-MM-DD>} of a row of this market and time, the
   * values escaped by {@link PartitionValue#escape} ({@code symbol=BTC%2FUSDT}). The files do not
   * hold these columns: as in Spark's and pyarrow's own partitioned tables, readers take them from
   * the folder names.
   */
  public static String hivePartition(String exchange, String symbol, long epochMicros) {
    return marketPartition(exchange, symbol) + "/date=" + utcDate(epochMicros);
  }

  /**
   * The market a file of an output table belongs to, from its {@code exchange=…/symbol=…} folders
   * (values unescaped), as a hive-partitioned reader sees it; empty when the path has neither.
   */
  public static Optional<MarketKey> marketOf(String path) {
    String exchange = null;
    String symbol = null;
    for (String segment : path.split("/")) {
      if (segment.startsWith(EXCHANGE)) {
        exchange = PartitionValue.unescape(segment.substring(EXCHANGE.length()));
      } else if (segment.startsWith(SYMBOL)) {
        symbol = PartitionValue.unescape(segment.substring(SYMBOL.length()));
      }
    }
    return exchange == null || symbol == null
        ? Optional.empty()
        : Optional.of(MarketKey.of(exchange, symbol));
  }

  /** {@code exchange=<ex>/symbol=<SYM>}: the folders of a market, values escaped. */
  public static String marketPartition(String exchange, String symbol) {
    return EXCHANGE + PartitionValue.escape(exchange) + "/" + SYMBOL + PartitionValue.escape(symbol);
  }
}
