package io.microstructure.coders;

import io.microstructure.model.MarketKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Deterministic coder for {@link MarketKey}: the GroupByKey key. */
public final class MarketKeyCoder extends AtomicCoder<MarketKey> {
  private static final MarketKeyCoder INSTANCE = new MarketKeyCoder();

  private MarketKeyCoder() {}

  public static MarketKeyCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(MarketKey value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    Wire.writeString(out, value.exchange());
    Wire.writeString(out, value.symbol());
    out.flush();
  }

  @Override
  public MarketKey decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    return MarketKey.of(Wire.readString(in), Wire.readString(in));
  }

  @Override
  public void verifyDeterministic() {}
}
