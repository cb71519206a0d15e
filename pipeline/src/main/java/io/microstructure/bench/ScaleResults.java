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
   * Polars. The samples of a comparison that was not run (baseline skipped) are null.
   */
  public record RunnerResults(
      String runner, Samples ours, Samples duckdb, Samples vectorized, Samples polars) {}
}
