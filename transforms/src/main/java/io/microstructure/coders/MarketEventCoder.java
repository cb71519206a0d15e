package io.microstructure.coders;

import io.microstructure.model.FeaturedSnapshot;
import io.microstructure.model.MarketEvent;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Deterministic coder for the GroupByKey values: a tag byte, then the snapshot, trade or ticker.
 */
public final class MarketEventCoder extends AtomicCoder<MarketEvent> {
  private static final MarketEventCoder INSTANCE = new MarketEventCoder();

  private MarketEventCoder() {}

  public static MarketEventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(MarketEvent value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    if (value.isSnapshot()) {
      out.writeByte(0);
      FeaturedSnapshot s = value.snapshot();
      out.writeLong(s.captureTs());
      out.writeLong(s.seq());
      out.writeLong(s.fileKey());
      out.writeLong(s.row());
      out.writeLong(s.bookHash());
      Wire.writeDoubles(out, s.bidPrice());
      Wire.writeDoubles(out, s.bidAmount());
      Wire.writeDoubles(out, s.askPrice());
      Wire.writeDoubles(out, s.askAmount());
      Wire.writeDoubles(out, s.structural());
    } else if (value.isTrade()) {
      out.writeByte(1);
      TradeCoder.write(out, value.trade());
    } else {
      out.writeByte(2);
      TickerUpdateCoder.write(out, value.ticker());
    }
    out.flush();
  }

  @Override
  public MarketEvent decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    byte tag = in.readByte();
    if (tag == 1) {
      return MarketEvent.of(TradeCoder.read(in));
    }
    if (tag == 2) {
      return MarketEvent.of(TickerUpdateCoder.read(in));
    }
    return MarketEvent.of(
        new FeaturedSnapshot(
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            Wire.readDoubles(in),
            Wire.readDoubles(in),
            Wire.readDoubles(in),
            Wire.readDoubles(in),
            Wire.readDoubles(in)));
  }

  @Override
  public void verifyDeterministic() {}
}
