package io.microstructure.coders;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventBlock;
import io.microstructure.model.LevelValues;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Deterministic coder for every {@link EventBlock}: a channel tag, the market, the common columns,
 * then the channel's own, each column written as one array.
 */
public final class EventBlockCoder<B extends EventBlock> extends AtomicCoder<B> {
  private static final EventBlockCoder<?> INSTANCE = new EventBlockCoder<>();
  private static final byte BOOK = 0;
  private static final byte TRADE = 1;
  private static final byte TICKER = 2;

  private EventBlockCoder() {}

  /** The coder of any block. */
  public static EventBlockCoder<EventBlock> of() {
    return cast();
  }

  public static EventBlockCoder<BookBlock> books() {
    return cast();
  }

  public static EventBlockCoder<TradeBlock> trades() {
    return cast();
  }

  public static EventBlockCoder<TickerBlock> tickers() {
    return cast();
  }

  @SuppressWarnings("unchecked")
  private static <B extends EventBlock> EventBlockCoder<B> cast() {
    return (EventBlockCoder<B>) INSTANCE;
  }

  @Override
  public void encode(B block, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    int n = block.size();
    out.writeByte(tag(block));
    Wire.writeString(out, block.exchange());
    Wire.writeString(out, block.symbol());
    out.writeLong(block.fileKey());
    out.writeInt(n);
    Bulk.writeLongs(out, block.captureTsColumn(), n);
    Bulk.writeLongs(out, block.seqColumn(), n);
    Bulk.writeLongs(out, block.rowColumn(), n);
    if (block instanceof BookBlock) {
      BookBlock b = (BookBlock) block;
      Bulk.writeInts(out, b.bidStarts(), n + 1);
      writeLevels(out, b.bidPrices());
      writeLevels(out, b.bidAmounts());
      Bulk.writeInts(out, b.askStarts(), n + 1);
      writeLevels(out, b.askPrices());
      writeLevels(out, b.askAmounts());
    } else if (block instanceof TradeBlock) {
      TradeBlock t = (TradeBlock) block;
      Bulk.writeStrings(out, t.idColumn(), n);
      Bulk.writeBooleans(out, t.buyColumn(), n);
      Bulk.writeDoubles(out, t.priceColumn(), n);
      Bulk.writeDoubles(out, t.amountColumn(), n);
    } else {
      TickerBlock t = (TickerBlock) block;
      for (int c = 0; c < TickerBlock.VALUES; c++) {
        Bulk.writeDoubles(out, t.column(c), n);
      }
    }
    out.flush();
  }

  @Override
  @SuppressWarnings("unchecked")
  public B decode(InputStream inStream) throws IOException {
    return (B) decodeBlock(inStream);
  }

  private static EventBlock decodeBlock(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    byte tag = in.readByte();
    String exchange = Wire.readString(in);
    String symbol = Wire.readString(in);
    long fileKey = in.readLong();
    int n = in.readInt();
    long[] captureTs = Bulk.readLongs(in, n);
    long[] seq = Bulk.readLongs(in, n);
    long[] row = Bulk.readLongs(in, n);
    switch (tag) {
      case BOOK:
        {
          int[] bidStart = Bulk.readInts(in, n + 1);
          LevelValues bidPrice = readLevels(in, bidStart[n]);
          LevelValues bidAmount = readLevels(in, bidStart[n]);
          int[] askStart = Bulk.readInts(in, n + 1);
          LevelValues askPrice = readLevels(in, askStart[n]);
          LevelValues askAmount = readLevels(in, askStart[n]);
          return new BookBlock(
              exchange, symbol, fileKey, n, captureTs, seq, row, bidStart, bidPrice, bidAmount,
              askStart, askPrice, askAmount);
        }
      case TRADE:
        return new TradeBlock(
            exchange,
            symbol,
            fileKey,
            n,
            captureTs,
            seq,
            row,
            Bulk.readStrings(in, n),
            Bulk.readBooleans(in, n),
            Bulk.readDoubles(in, n),
            Bulk.readDoubles(in, n));
      case TICKER:
        {
          double[][] values = new double[TickerBlock.VALUES][];
          for (int c = 0; c < TickerBlock.VALUES; c++) {
            values[c] = Bulk.readDoubles(in, n);
          }
          return new TickerBlock(exchange, symbol, fileKey, n, captureTs, seq, row, values);
        }
      default:
        throw new CoderException("unknown event block tag " + tag);
    }
  }

  /** A level column in its stored form: the exponent, then ints or doubles. */
  private static void writeLevels(DataOutputStream out, LevelValues levels) throws IOException {
    int e = levels.exponent();
    out.writeByte(e);
    if (e >= 0) {
      Bulk.writeInts(out, levels.digits(), levels.size());
    } else {
      Bulk.writeDoubles(out, levels.doubles(), levels.size());
    }
  }

  private static LevelValues readLevels(DataInputStream in, int n) throws IOException {
    int e = in.readByte();
    return e >= 0
        ? LevelValues.decoded(e, Bulk.readInts(in, n), null)
        : LevelValues.decoded(e, null, Bulk.readDoubles(in, n));
  }

  private static byte tag(EventBlock block) {
    switch (block.channel()) {
      case ORDERBOOK:
        return BOOK;
      case TRADES:
        return TRADE;
      default:
        return TICKER;
    }
  }

  @Override
  public void verifyDeterministic() {}
}
