package io.microstructure.input;

import io.microstructure.model.BookBlock;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RawRow;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads legacy mixed NDJSON files (plain or gzip) line by line, in order: each line becomes a
 * record of its channel's raw schema and goes through that channel's {@link RowDecoder}, exactly as
 * a Parquet row would; its line number (1-based) is its position. A file is read whole by one
 * worker: the stream's order is the point, and gzip cannot be split anyway.
 */
public final class ReadNdjsonFn extends DoFn<FileIO.ReadableFile, BookBlock> {
  private static final long serialVersionUID = 1L;

  private final CaptureTsUnit plainInt64Unit;
  private final CaptureTsRange captureTsRange;
  private final TupleTag<BookBlock> snapshots;
  private final TupleTag<TradeBlock> trades;
  private final TupleTag<TickerBlock> tickers;
  private final TupleTag<RejectedRow> rejected;
  private final Counter lines = Metrics.counter("legacy", "lines_read");
  private final Counter malformed = Metrics.counter("legacy", "lines_malformed");

  public ReadNdjsonFn(
      CaptureTsUnit plainInt64Unit,
      CaptureTsRange captureTsRange,
      TupleTag<BookBlock> snapshots,
      TupleTag<TradeBlock> trades,
      TupleTag<TickerBlock> tickers,
      TupleTag<RejectedRow> rejected) {
    this.plainInt64Unit = plainInt64Unit;
    this.captureTsRange = captureTsRange;
    this.snapshots = snapshots;
    this.trades = trades;
    this.tickers = tickers;
    this.rejected = rejected;
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
      throws IOException {
    String path = file.getMetadata().resourceId().toString();
    ChannelReader<OrderBookSnapshot, BookBlock> books =
        new ChannelReader<>(
            Channel.ORDERBOOK,
            new OrderBookDecoder(plainInt64Unit, captureTsRange),
            MarketBlocks.BOOKS,
            path,
            snapshots,
            out);
    ChannelReader<Trade, TradeBlock> trade =
        new ChannelReader<>(
            Channel.TRADES,
            new TradeDecoder(plainInt64Unit, captureTsRange),
            MarketBlocks.TRADES,
            path,
            trades,
            out);
    ChannelReader<TickerUpdate, TickerBlock> ticker =
        new ChannelReader<>(
            Channel.TICKER,
            new TickerDecoder(plainInt64Unit, captureTsRange),
            MarketBlocks.TICKERS,
            path,
            tickers,
            out);
    // ReadableFile.open() undoes the compression its name implies (.gz).
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8),
            1 << 16)) {
      long number = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        lines.inc();
        LegacyNdjson.Line line;
        try {
          line = LegacyNdjson.parse(text);
        } catch (LegacyNdjson.BadLine e) {
          malformed.inc();
          String channel = e.channel() == null ? RejectedRow.LEGACY : e.channel().folder();
          out.get(rejected)
              .output(new RejectedRow(channel, path, number, e.column(), e.getMessage(), text));
          continue;
        }
        switch (line.channel()) {
          case ORDERBOOK:
            books.decode(line, number, text);
            break;
          case TRADES:
            trade.decode(line, number, text);
            break;
          default:
            ticker.decode(line, number, text);
        }
      }
    }
    books.blocks.flush();
    trade.blocks.flush();
    ticker.blocks.flush();
  }

  /** One channel's decoder bound to the file, routing its outcomes. */
  private final class ChannelReader<T extends RawRow, B extends EventBlock>
      implements RowDecoder.Output<T> {
    private final String channel;
    private final RowDecoder.Bound<T> bound;
    private final String path;
    private final MultiOutputReceiver out;
    final MarketBlocks<T, B> blocks;
    private final Counter read;
    private final Counter rejectedRows;
    private long number;
    private String text;

    ChannelReader(
        Channel channel,
        RowDecoder<T> decoder,
        MarketBlocks.Kind<T, B> kind,
        String path,
        TupleTag<B> valid,
        MultiOutputReceiver out) {
      this.channel = channel.folder();
      this.bound =
          decoder.bind(path, LegacyNdjson.parquetSchema(channel), LegacyNdjson.schema(channel));
      this.path = path;
      this.out = out;
      this.blocks = new MarketBlocks<>(kind, out.get(valid)::output);
      this.read = Metrics.counter(channel.folder(), "rows_read");
      this.rejectedRows = Metrics.counter(channel.folder(), "rows_rejected");
    }

    void decode(LegacyNdjson.Line line, long number, String text) {
      this.number = number;
      this.text = text;
      read.inc();
      bound.decode(line.record(), number, this);
    }

    @Override
    public void accept(T value) {
      blocks.add(value);
    }

    @Override
    public void reject(String column, String reason) {
      rejectedRows.inc();
      out.get(rejected).output(new RejectedRow(channel, path, number, column, reason, text));
    }
  }
}
