package io.microstructure.coders;

import io.microstructure.model.BarInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link BarInput}. */
public final class BarInputCoder extends AtomicCoder<BarInput> {
  private static final BarInputCoder INSTANCE = new BarInputCoder();

  private BarInputCoder() {}

  public static BarInputCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BarInput value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeBoolean(value.isSnapshot());
    out.writeLong(value.captureTs());
    out.writeLong(value.ordinal());
    if (value.isSnapshot()) {
      Wire.writeDouble(out, value.mid());
      Wire.writeDouble(out, value.spread());
      Wire.writeDouble(out, value.spreadBps());
      Wire.writeDouble(out, value.ofi());
      Wire.writeDouble(out, value.mlofi());
      Wire.writeDouble(out, value.logReturn());
    } else {
      out.writeBoolean(value.buy());
      Wire.writeDouble(out, value.price());
      Wire.writeDouble(out, value.amount());
    }
    out.flush();
  }

  @Override
  public BarInput decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    boolean snapshot = in.readBoolean();
    long ts = in.readLong();
    long ordinal = in.readLong();
    if (snapshot) {
      return BarInput.snapshot(
          ts,
          ordinal,
          Wire.readDouble(in),
          Wire.readDouble(in),
          Wire.readDouble(in),
          Wire.readDouble(in),
          Wire.readDouble(in),
          Wire.readDouble(in));
    }
    return BarInput.trade(ts, ordinal, in.readBoolean(), Wire.readDouble(in), Wire.readDouble(in));
  }

  @Override
  public void verifyDeterministic() {}
}
