package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankOrderTest {
  @Test
  void radixSortOrdersSignedLongsAndIsStable() {
    Random r = new Random(11);
    long[] keys = new long[5000];
    int[] payload = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i % 3 == 0 ? r.nextLong() : r.nextInt(50) - 25; // wide and heavily tied keys
      payload[i] = i;
    }
    long[] expected = keys.clone();
    Arrays.sort(expected);
    long[] original = keys.clone();
    RankOrder.radixSort(keys, payload);
    assertThat(keys).containsExactly(expected);
    for (int i = 0; i < keys.length; i++) {
      assertThat(original[payload[i]]).isEqualTo(keys[i]);
      if (i > 0 && keys[i] == keys[i - 1]) {
        assertThat(payload[i]).isGreaterThan(payload[i - 1]); // ties keep their input order
      }
    }
  }

  @Test
  void ranksOfASubsetWithTiesNegativesAndInfinities() {
    double[] v = {3.5, -1, Double.NEGATIVE_INFINITY, 3.5, Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, -1e300};
    boolean[] all = new boolean[v.length];
    Arrays.fill(all, true);
    all[4] = false; // the NaN
    // Ascending: -inf (1), -1e300 (2), -1 (3), -0.0 and 0.0 (4.5), 3.5 twice (6.5), +inf (8).
    assertThat(RankOrder.of(v).ranks(all))
        .containsExactly(6.5, 3, 1, 6.5, Double.NaN, 4.5, 4.5, 8, 2);
    boolean[] some = new boolean[v.length];
    some[0] = some[1] = some[6] = true;
    assertThat(RankOrder.of(v).ranks(some))
        .containsExactly(3, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2, Double.NaN, Double.NaN);
  }
}
