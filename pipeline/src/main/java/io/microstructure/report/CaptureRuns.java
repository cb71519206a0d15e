package io.microstructure.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one market's snapshots: a run restarts after a capture gap longer than {@code
 * max_gap} (FEATURES.md). The hf table marks the first snapshot of every run with a null {@code
 * time_delta_ms}; the gaps themselves are measured on capture_ts. Both are kept: a date filter may
 * start mid-run, and a table written without delta features ({@code mode: vectorized}) has no
 * {@code time_delta_ms}.
 *
 * @param runStarts rows with a null time_delta_ms, or -1 when the table has no such column
 * @param gaps intervals between consecutive snapshots longer than max_gap
 * @param longestIntervalMicros the longest interval between consecutive snapshots
 */
public record CaptureRuns(int runStarts, List<Gap> gaps, long longestIntervalMicros, long maxGapMicros) {
  /** A capture gap: the last snapshot before it and the first after it (epoch µs). */
  public record Gap(long fromMicros, long toMicros) {
    public long micros() {
      return toMicros - fromMicros;
    }
  }

  public CaptureRuns {
    gaps = List.copyOf(gaps);
  }

  /**
   * @param times ascending capture_ts (µs)
   * @param timeDeltaMs the time_delta_ms column (NaN for null), or null when absent
   */
  public static CaptureRuns of(long[] times, double[] timeDeltaMs, long maxGapMicros) {
    int starts = -1;
    if (timeDeltaMs != null) {
      starts = 0;
      for (double d : timeDeltaMs) {
        if (Double.isNaN(d)) {
          starts++;
        }
      }
    }
    List<Gap> gaps = new ArrayList<>();
    long longest = 0;
    for (int i = 1; i < times.length; i++) {
      long d = times[i] - times[i - 1];
      longest = Math.max(longest, d);
      if (d > maxGapMicros) {
        gaps.add(new Gap(times[i - 1], times[i]));
      }
    }
    return new CaptureRuns(starts, gaps, longest, maxGapMicros);
  }

  /**
   * Rows where a chart's line must break: after a gap longer than max_gap, or where the table
   * starts a run.
   */
  public static boolean[] breaks(long[] times, double[] timeDeltaMs, long maxGapMicros) {
    boolean[] b = new boolean[times.length];
    for (int i = 1; i < times.length; i++) {
      b[i] = times[i] - times[i - 1] > maxGapMicros || (timeDeltaMs != null && Double.isNaN(timeDeltaMs[i]));
    }
    return b;
  }
}
