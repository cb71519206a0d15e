package io.microstructure.report;

import io.microstructure.output.RunRecord;
import java.time.Instant;
import java.util.List;

/**
 * Everything the HTML page shows, computed: the selection, one section per market, and the data
 * quality of the selected tables and of the root.
 *
 * @param rootState whether the root is complete or an interrupted commit left it partly written
 * @param maxGapSeconds the max_gap the runs were computed with (from the newest complete run)
 */
public record ReportData(
    String root,
    Selection filter,
    Instant generated,
    String rootState,
    double maxGapSeconds,
    List<MarketSection> markets,
    List<TableQuality> tables,
    List<DeadLetters> deadLetters,
    List<RunRecord> runs) {
  public ReportData {
    markets = List.copyOf(markets);
    tables = List.copyOf(tables);
    deadLetters = List.copyOf(deadLetters);
    runs = List.copyOf(runs);
  }
}
