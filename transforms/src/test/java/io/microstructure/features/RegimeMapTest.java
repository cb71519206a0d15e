package io.microstructure.features;

import static io.microstructure.features.SpreadRegime.NORMAL;
import static io.microstructure.features.SpreadRegime.TIGHT;
import static io.microstructure.features.SpreadRegime.WIDE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The regime carry of chunked markets: maps compose as functions do, and composing the maps of the
 * pieces of a series gives, before each piece, the state one pass over the series reaches.
 */
class RegimeMapTest {
  private static final long SEC = 1_000_000L;

  /** All 27 maps of the three states. */
  private static List<RegimeMap> all() {
    List<RegimeMap> maps = new ArrayList<>();
    for (byte a = 0; a < 3; a++) {
      for (byte b = 0; b < 3; b++) {
        for (byte c = 0; c < 3; c++) {
          maps.add(RegimeMap.of(a, b, c));
        }
      }
    }
    return maps;
  }

  @Test
  void composesAsFunctionsWithIdentity() {
    List<RegimeMap> maps = all();
    for (RegimeMap f : maps) {
      assertThat(RegimeMap.identity().then(f)).isEqualTo(f);
      assertThat(f.then(RegimeMap.identity())).isEqualTo(f);
      for (RegimeMap g : maps) {
        for (byte s = 0; s < 3; s++) {
          assertThat(f.then(g).apply(s)).isEqualTo(g.apply(f.apply(s)));
        }
        for (RegimeMap h : maps) {
          assertThat(f.then(g).then(h)).isEqualTo(f.then(g.then(h)));
        }
      }
    }
  }

  @Test
  void aStretchWithARunStartForgetsItsEntry() {
    // One snapshot that starts a run: normal, whatever came before.
    RegimeMap m =
        new SpreadRegime()
            .map(1, new long[] {0}, new double[] {5}, new boolean[] {true}, 300 * SEC, 0, 1);
    assertThat(m).isEqualTo(RegimeMap.of(NORMAL, NORMAL, NORMAL));
  }

  @Test
  void handWorkedMaps() {
    // Spreads equal to the window's median (4): tight → normal (4 ≥ 0.9·4), normal stays (4 is
    // neither > 1.5·4 nor < 0.75·4), wide → normal (4 ≤ 1.2·4).
    long[] ts = {0, SEC, 2 * SEC};
    double[] bps = {4, 4, 4};
    boolean[] starts = {true, false, false};
    RegimeMap m = new SpreadRegime().map(3, ts, bps, starts, 300 * SEC, 1, 3);
    assertThat(m).isEqualTo(RegimeMap.of(NORMAL, NORMAL, NORMAL));
    // A spread of 1 under a median of 4 (window 4, 4, 1 → med 4): normal → tight (1 < 3), tight
    // stays (1 < 3.6), wide → normal (1 ≤ 4.8).
    RegimeMap low =
        new SpreadRegime().map(3, ts, new double[] {4, 4, 1}, starts, 300 * SEC, 2, 3);
    assertThat(low).isEqualTo(RegimeMap.of(TIGHT, TIGHT, NORMAL));
  }

  @Property(tries = 200)
  void piecesComposeToTheSequentialState(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int cuts) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 20 + rnd.nextInt(200);
    long[] ts = new long[n];
    double[] bps = new double[n];
    boolean[] runStart = new boolean[n];
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += rnd.nextDouble() < 0.05 ? 20 * SEC : rnd.nextLong(2 * SEC);
      ts[i] = t;
      runStart[i] = i == 0 || ts[i] - ts[i - 1] > 10 * SEC;
      double u = rnd.nextDouble();
      bps[i] = u < 0.1 ? Double.NaN : u < 0.2 ? 1 : u < 0.3 ? 9 : 3 + rnd.nextInt(3);
    }
    long window = 8 * SEC;
    double[] percentile = new double[n];
    byte[] regime = new byte[n];
    new SpreadRegime().compute(n, ts, bps, runStart, window, percentile, regime);

    TreeSet<Integer> points = new TreeSet<>(List.of(0, n));
    for (int c = 0; c < cuts; c++) {
      points.add(rnd.nextInt(n + 1));
    }
    SpreadRegime pieces = new SpreadRegime();
    byte state = NORMAL; // before the first snapshot, which starts a run anyway
    RegimeMap prefix = RegimeMap.identity();
    Integer from = null;
    for (int to : points) {
      if (from != null) {
        RegimeMap m = pieces.map(n, ts, bps, runStart, window, from, to);
        prefix = prefix.then(m);
        byte expected = from == to ? state : regime[to - 1];
        assertThat(m.apply(state)).as("piece [%d, %d)", from, to).isEqualTo(expected);
        assertThat(prefix.apply(NORMAL)).isEqualTo(expected);
        state = expected;
      }
      from = to;
    }
    assertThat(prefix.apply(WIDE)).isEqualTo(regime[n - 1]);
  }
}
