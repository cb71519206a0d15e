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
    String[] labels = value.labels();
    out.writeInt(labels.length);
    for (String l : labels) {
      Wire.writeString(out, l);
    }
    out.flush();
  }

  @Override
  public FeatureRow decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    String exchange = Wire.readString(in);
    String symbol = Wire.readString(in);
    long timestamp = in.readLong();
    double[] values = Wire.readDoubles(in);
    String[] labels = new String[in.readInt()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Wire.readString(in);
    }
    return new FeatureRow(exchange, symbol, timestamp, values, labels);
  }

  @Override
  public void verifyDeterministic() {}
}
