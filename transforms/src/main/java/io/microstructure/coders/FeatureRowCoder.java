package io.microstructure.coders;

import io.microstructure.model.FeatureRow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link FeatureRow}. */
public final class FeatureRowCoder extends AtomicCoder<FeatureRow> {
  private static final FeatureRowCoder INSTANCE = new FeatureRowCoder();

  private FeatureRowCoder() {}

  public static FeatureRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FeatureRow value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    Wire.writeString(out, value.exchange());
    Wire.writeString(out, value.symbol());
    out.writeLong(value.timestamp());
    Wire.writeDoubles(out, value.values());
    out.flush();
  }

  @Override
  public FeatureRow decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new FeatureRow(
        Wire.readString(in), Wire.readString(in), in.readLong(), Wire.readDoubles(in));
  }

  @Override
  public void verifyDeterministic() {}
}
