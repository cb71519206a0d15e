package io.microstructure.coders;

import io.microstructure.model.FeatureBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link FeatureBlock}: its rows only, each column as one array. */
public final class FeatureBlockCoder extends AtomicCoder<FeatureBlock> {
  private static final FeatureBlockCoder INSTANCE = new FeatureBlockCoder();

  private FeatureBlockCoder() {}

  public static FeatureBlockCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(FeatureBlock block, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    int n = block.size();
    Wire.writeString(out, block.exchange());
    Wire.writeString(out, block.symbol());
    out.writeInt(n);
    out.writeInt(block.valueColumns());
    out.writeInt(block.labelColumns());
    Bulk.writeLongs(out, block.time(), n);
    for (int c = 0; c < block.valueColumns(); c++) {
      Bulk.writeDoubles(out, block.values(c), n);
    }
    for (int c = 0; c < block.labelColumns(); c++) {
      Bulk.writeStrings(out, block.labels(c), n);
    }
    out.flush();
  }

  @Override
  public FeatureBlock decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    String exchange = Wire.readString(in);
    String symbol = Wire.readString(in);
    int n = in.readInt();
    double[][] values = new double[in.readInt()][];
    String[][] labels = new String[in.readInt()][];
    long[] time = Bulk.readLongs(in, n);
    for (int c = 0; c < values.length; c++) {
      values[c] = Bulk.readDoubles(in, n);
    }
    for (int c = 0; c < labels.length; c++) {
      labels[c] = Bulk.readStrings(in, n);
    }
    return FeatureBlock.wrap(exchange, symbol, n, time, values, labels);
  }

  @Override
  public void verifyDeterministic() {}
}
