package io.microstructure.coders;

import io.microstructure.model.Trade;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link Trade}. */
public final class TradeCoder extends AtomicCoder<Trade> {
  private static final TradeCoder INSTANCE = new TradeCoder();

  private TradeCoder() {}

  public static TradeCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Trade value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    TradeCoder.write(out, value);
    out.flush();
  }

  @Override
  public Trade decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return TradeCoder.read(in);
  }

  @Override
  public void verifyDeterministic() {}

  static void write(DataOutputStream out, Trade t) throws IOException {
    Wire.writeString(out, t.exchange());
    Wire.writeString(out, t.symbol());
    out.writeLong(t.captureTs());
    out.writeLong(t.seq());
    out.writeLong(t.fileKey());
    out.writeLong(t.row());
    Wire.writeString(out, t.id());
    out.writeBoolean(t.buy());
    Wire.writeDouble(out, t.price());
    Wire.writeDouble(out, t.amount());
  }

  static Trade read(DataInputStream in) throws IOException {
    return new Trade(
        Wire.readString(in),
        Wire.readString(in),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        Wire.readString(in),
        in.readBoolean(),
        Wire.readDouble(in),
        Wire.readDouble(in));
  }
}
