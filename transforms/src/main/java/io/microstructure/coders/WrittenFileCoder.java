package io.microstructure.coders;

import io.microstructure.io.WrittenFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link WrittenFile}. */
public final class WrittenFileCoder extends AtomicCoder<WrittenFile> {
  private static final WrittenFileCoder INSTANCE = new WrittenFileCoder();

  private WrittenFileCoder() {}

  public static WrittenFileCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(WrittenFile f, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    Wire.writeString(out, f.tableRoot());
    Wire.writeString(out, f.partition());
    Wire.writeString(out, f.tempFile());
    out.writeLong(f.firstTime());
    out.writeLong(f.rows());
    out.flush();
  }

  @Override
  public WrittenFile decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return new WrittenFile(
        Wire.readString(in),
        Wire.readString(in),
        Wire.readString(in),
        in.readLong(),
        in.readLong());
  }

  @Override
  public void verifyDeterministic() {}
}
