package io.microstructure.coders;

import io.microstructure.model.TickerUpdate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link TickerUpdate}. */
public final class TickerUpdateCoder extends AtomicCoder<TickerUpdate> {
  private static final TickerUpdateCoder INSTANCE = new TickerUpdateCoder();

  private TickerUpdateCoder() {}

  public static TickerUpdateCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TickerUpdate value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(out, value);
    out.flush();
  }

  @Override
  public TickerUpdate decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return read(in);
  }

  @Override
  public void verifyDeterministic() {}

  static void write(DataOutputStream out, TickerUpdate value) throws IOException {
    Wire.writeString(out, value.exchange());
    Wire.writeString(out, value.symbol());
    out.writeLong(value.captureTs());
    out.writeLong(value.seq());
    out.writeLong(value.fileKey());
    out.writeLong(value.row());
    Wire.writeDouble(out, value.bid());
    Wire.writeDouble(out, value.ask());
    Wire.writeDouble(out, value.last());
    Wire.writeDouble(out, value.baseVolume());
    Wire.writeDouble(out, value.quoteVolume());
    Wire.writeDouble(out, value.percentage());
  }

  static TickerUpdate read(DataInputStream in) throws IOException {
    return new TickerUpdate(
        Wire.readString(in),
        Wire.readString(in),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        Wire.readDouble(in),
        Wire.readDouble(in),
        Wire.readDouble(in),
        Wire.readDouble(in),
        Wire.readDouble(in),
        Wire.readDouble(in));
  }
}
