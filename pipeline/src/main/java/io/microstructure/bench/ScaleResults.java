package io.microstructure.bench;

import java.util.List;

/**
 * What the bench timed on one scale of the workload, runner by runner.
 *
 * @param scale fraction of the asked snapshot and trade counts
 * @param snapshots order-book snapshots in the generated files
 */
public record ScaleResults(
    double scale, long snapshots, long trades, long tickers, List<RunnerResults> runners) {

  /**
   * One runner's samples: ours in hybrid mode against DuckDB, ours in vectorized mode against
   * Polars, and ours on the workload in small row groups against the same data in large ones. The
   * samples of a comparison that was not run (baseline skipped, no --row-group-rows) are null.
   */
  public record RunnerResults(
      String runner,
      Samples ours,
      Samples duckdb,
      Samples vectorized,
      Samples polars,
      RowGroupSamples rowGroups) {}

  /**
   * Ours in hybrid mode on the workload written in row groups of {@code rows} rows, alternated
   * with ours on the same data in large row groups.
   */
  public record RowGroupSamples(int rows, Samples small, Samples large) {}
}
