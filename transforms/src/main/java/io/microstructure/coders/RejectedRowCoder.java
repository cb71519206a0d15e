package io.microstructure.coders;

import io.microstructure.model.RejectedRow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link RejectedRow}. */
public final class RejectedRowCoder extends AtomicCoder<RejectedRow> {
  private static final RejectedRowCoder INSTANCE = new RejectedRowCoder();

  private RejectedRowCoder() {}

  public static RejectedRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RejectedRow value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    Wire.writeString(out, value.channel());
    Wire.writeString(out, value.sourceFile());
    out.writeLong(value.row());
    Wire.writeString(out, value.column());
    Wire.writeString(out, value.reason());
    Wire.writeString(out, value.record());
    out.flush();
  }

  @Override
  public RejectedRow decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new RejectedRow(
        Wire.readString(in),
        Wire.readString(in),
        in.readLong(),
        Wire.readString(in),
        Wire.readString(in),
        Wire.readString(in));
  }

  @Override
  public void verifyDeterministic() {}
}
