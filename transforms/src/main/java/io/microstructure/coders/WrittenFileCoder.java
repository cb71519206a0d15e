package io.microstructure.coders;

import io.microstructure.model.MarketKey;
import io.microstructure.output.WrittenFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
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
    out.writeInt(f.markets().size());
    for (MarketKey m : f.markets()) {
      Wire.writeString(out, m.exchange());
      Wire.writeString(out, m.symbol());
    }
    out.writeLong(f.fileKey());
    out.flush();
  }

  @Override
  public WrittenFile decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    String tableRoot = Wire.readString(in);
    String partition = Wire.readString(in);
    String tempFile = Wire.readString(in);
    long firstTime = in.readLong();
    long rows = in.readLong();
    int n = in.readInt();
    List<MarketKey> markets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      markets.add(MarketKey.of(Wire.readString(in), Wire.readString(in)));
    }
    return new WrittenFile(
        tableRoot, partition, tempFile, firstTime, rows, markets, in.readLong());
  }

  @Override
  public void verifyDeterministic() {}
}
