package io.microstructure.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The background bands of the spread regime: each snapshot's regime holds until the next snapshot
 * of its run; consecutive snapshots in the same regime make one band. {@code normal} (and null)
 * get no band. Bands of one regime closer than {@code mergeMicros} (about a pixel) are merged, so a
 * regime flickering faster than the chart can show is drawn as one band, and the count of bands is
 * bounded by the chart's width.
 */
public final class RegimeBands {
  public static final String NORMAL = "normal";

  /** One band: a regime from one instant to another (epoch µs). */
  public record Band(String regime, long fromMicros, long toMicros) {}

  private RegimeBands() {}

  public static List<Band> of(long[] times, String[] regime, boolean[] breakBefore, long mergeMicros) {
    List<Band> raw = new ArrayList<>();
    int n = times.length;
    int i = 0;
    while (i < n) {
      String r = regime[i];
      int j = i + 1;
      while (j < n && !(breakBefore != null && breakBefore[j]) && java.util.Objects.equals(regime[j], r)) {
        j++;
      }
      // The band ends at the next snapshot of the run, or at its own last one before a break.
      long end = j < n && !(breakBefore != null && breakBefore[j]) ? times[j] : times[j - 1];
      if (r != null && !r.equals(NORMAL) && end > times[i]) {
        raw.add(new Band(r, times[i], end));
      }
      i = j;
    }
    List<Band> merged = new ArrayList<>();
    for (Band b : raw) {
      int last = merged.size() - 1;
      Band prev = last >= 0 ? merged.get(last) : null;
      if (prev != null
          && prev.regime().equals(b.regime())
          && b.fromMicros() - prev.toMicros() < mergeMicros) {
        merged.set(last, new Band(b.regime(), prev.fromMicros(), b.toMicros()));
      } else {
        merged.add(b);
      }
    }
    return merged;
  }
}
