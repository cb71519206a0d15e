package io.microstructure.coders;

import io.microstructure.model.BlockRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Only the selected rows, as a block: decoded, they are every row of a block of their own. */
public final class BlockRowsCoder extends AtomicCoder<BlockRows> {
  private static final BlockRowsCoder INSTANCE = new BlockRowsCoder();

  public static BlockRowsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BlockRows value, OutputStream out) throws IOException {
    EventBlockCoder.of().encode(value.selected(), out);
  }

  @Override
  public BlockRows decode(InputStream in) throws IOException {
    return BlockRows.all(EventBlockCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
