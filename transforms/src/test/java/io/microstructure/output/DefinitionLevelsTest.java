package io.microstructure.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;

/** {@link DefinitionLevels} decoded by parquet-column's own RLE/bit-packing hybrid decoder. */
class DefinitionLevelsTest {

  @Test
  void randomNullPatternsDecodeToTheirLevels() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    double[] nullShares = {0, 0.001, 0.05, 0.3, 0.5, 0.9, 0.999, 1};
    for (int trial = 0; trial < 2000; trial++) {
      int rows = random.nextInt(1, trial < 1000 ? 40 : 3000);
      double share = nullShares[random.nextInt(nullShares.length)];
      boolean runs = random.nextBoolean(); // nulls in runs of random length, else one by one
      boolean[] isNull = new boolean[rows];
      for (int r = 0; r < rows; r++) {
        isNull[r] =
            runs && r > 0 && random.nextInt(8) != 0 ? isNull[r - 1] : random.nextDouble() < share;
      }
      assertRoundTrip(isNull);
    }
  }

  @Test
  void aPageWithoutNullsIsOneRun() throws IOException {
    byte[] out = new byte[DefinitionLevels.maxBytes(20_000)];
    int length = DefinitionLevels.encode(new int[0], 0, 20_000, out);
    // a 4-byte length, then one RLE run: varint(20000 << 1) in 3 bytes and the value 1
    assertThat(length).isEqualTo(8);
    assertThat(out[7]).isEqualTo((byte) 1);
    assertRoundTrip(new boolean[20_000]);
  }

  private static void assertRoundTrip(boolean[] isNull) throws IOException {
    int rows = isNull.length;
    int[] nullRows = IntStream.range(0, rows).filter(r -> isNull[r]).toArray();
    byte[] out = new byte[DefinitionLevels.maxBytes(rows)];
    int length = DefinitionLevels.encode(nullRows, nullRows.length, rows, out);

    int prefix = ByteBuffer.wrap(out, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(prefix).isEqualTo(length - 4);
    RunLengthBitPackingHybridDecoder decoder =
        new RunLengthBitPackingHybridDecoder(1, new ByteArrayInputStream(out, 4, length - 4));
    int[] levels = new int[rows];
    for (int r = 0; r < rows; r++) {
      levels[r] = decoder.readInt();
    }
    int[] expected = IntStream.range(0, rows).map(r -> isNull[r] ? 0 : 1).toArray();
    assertThat(levels).isEqualTo(expected);
  }
}
