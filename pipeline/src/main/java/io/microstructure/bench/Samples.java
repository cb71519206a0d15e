package io.microstructure.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The repeats of one contender in one setting (scale and runner). Times are read as min and median;
 * memory as the maximum over the repeats (each figure is already a peak).
 */
public final class Samples {
  private final Contender contender;
  private final List<RunResult> runs = new ArrayList<>();

  public Samples(Contender contender) {
    this.contender = contender;
  }

  public Contender contender() {
    return contender;
  }

  public void add(RunResult r) {
    runs.add(r);
  }

  public List<RunResult> runs() {
    return List.copyOf(runs);
  }

  /** True when any repeat failed: then none of this setting's figures is shown. */
  public boolean anyFailed() {
    return runs.stream().anyMatch(RunResult::failed);
  }

  /** Exit code of the first failed repeat. */
  public int firstFailureExitCode() {
    return runs.stream().filter(RunResult::failed).findFirst().orElseThrow().exitCode();
  }

  public long failures() {
    return runs.stream().filter(RunResult::failed).count();
  }

  public double minWall() {
    return figures().stream().mapToDouble(RunFigures::wallSeconds).min().orElseThrow();
  }

  public double medianWall() {
    return median(figures(), RunFigures::wallSeconds);
  }

  public double medianProcess() {
    List<Double> v = runs.stream().map(RunResult::processSeconds).sorted().toList();
    return middle(v);
  }

  public long maxPeakHeap() {
    return max(RunFigures::peakHeap);
  }

  public long maxPeakHeapAfterGc() {
    return max(RunFigures::peakHeapAfterGc);
  }

  public long maxPeakRss() {
    return max(RunFigures::peakRss);
  }

  public long maxHeap() {
    return max(RunFigures::maxHeap);
  }

  /** Order-book hf rows of the first successful repeat (every repeat writes the same). */
  public long hfRows() {
    return figures().isEmpty() ? -1 : figures().get(0).hfRows();
  }

  public String version() {
    return figures().isEmpty() ? null : figures().get(0).version();
  }

  /** The repeat with the median wall time (the lower one of an even count): stage times. */
  public RunFigures medianRun() {
    List<RunFigures> sorted =
        figures().stream().sorted(Comparator.comparingDouble(RunFigures::wallSeconds)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private List<RunFigures> figures() {
    return runs.stream().filter(r -> !r.failed()).map(RunResult::figures).toList();
  }

  private long max(ToLongFunction<RunFigures> f) {
    return figures().stream().mapToLong(f).max().orElse(-1);
  }

  private static double median(List<RunFigures> runs, ToDoubleFunction<RunFigures> f) {
    return middle(runs.stream().map(f::applyAsDouble).sorted().toList());
  }

  /** Median of sorted values: the mean of the two middle ones for an even count. */
  static double middle(List<Double> sorted) {
    int n = sorted.size();
    if (n == 0) {
      throw new IllegalStateException("no successful run");
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
