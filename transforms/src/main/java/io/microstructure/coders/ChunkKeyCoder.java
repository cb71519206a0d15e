package io.microstructure.coders;

import io.microstructure.model.ChunkKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A market and a chunk index, deterministically: a GroupByKey key. */
public final class ChunkKeyCoder extends AtomicCoder<ChunkKey> {
  private static final ChunkKeyCoder INSTANCE = new ChunkKeyCoder();

  public static ChunkKeyCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ChunkKey value, OutputStream out) throws IOException {
    MarketKeyCoder.of().encode(value.market(), out);
    VarLongCoder.of().encode(value.chunk(), out);
  }

  @Override
  public ChunkKey decode(InputStream in) throws IOException {
    return new ChunkKey(MarketKeyCoder.of().decode(in), VarLongCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
