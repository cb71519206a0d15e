package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The natural merge sort against a plain comparator sort of the same keys. */
class ReconstructedOrderTest {

  @Test
  void ordersByTimeThenSeqThenChannelThenFilePosition() {
    long[] ts = {5, 5, 5, 5, 4, 5};
    long[] seq = {2, 1, 1, 1, 9, Long.MIN_VALUE};
    byte[] rank = {0, 2, 0, 0, 2, 2};
    long[] file = {0, 0, 1, 0, 0, 0};
    long[] row = {0, 0, 0, 1, 0, 3};
    int[] order = ReconstructedOrder.sort(6, ts, seq, rank, file, row);
    // 4 (ts 4) | 5 (missing seq first) | seq 1: rank 0 before 2: 3 (file 0) before 2 (file 1),
    // then 1 (rank 2) | 0 (seq 2)
    assertThat(order).containsExactly(4, 5, 3, 2, 1, 0);
  }

  @Property(tries = 300)
  void equalsAComparatorSort(
      @ForAll @Size(max = 400) int[] raw, @ForAll @IntRange(min = 1, max = 6) int runs) {
    int n = raw.length;
    long[] ts = new long[n];
    long[] seq = new long[n];
    byte[] rank = new byte[n];
    long[] file = new long[n];
    long[] row = new long[n];
    for (int i = 0; i < n; i++) {
      int r = raw[i];
      ts[i] = Math.floorMod(r, 7); // many ties
      seq[i] = Math.floorMod(r >> 3, 3) == 0 ? Long.MIN_VALUE : Math.floorMod(r >> 5, 4);
      rank[i] = (byte) Math.floorMod(r >> 7, 3);
      file[i] = i % runs;
      row[i] = i;
    }
    Comparator<Integer> cmp =
        Comparator.<Integer>comparingLong(i -> ts[i])
            .thenComparingLong(i -> seq[i])
            .thenComparingInt(i -> rank[i])
            .thenComparingLong(i -> file[i])
            .thenComparingLong(i -> row[i]);
    Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(expected, cmp);
    int[] actual = ReconstructedOrder.sort(n, ts, seq, rank, file, row);
    assertThat(Arrays.stream(actual).boxed().toArray(Integer[]::new)).containsExactly(expected);
  }
}
