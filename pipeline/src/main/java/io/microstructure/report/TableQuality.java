package io.microstructure.report;

import io.microstructure.model.MarketKey;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rows per market and null share per column of one table over the selected partitions, from the
 * files' footers ({@link FooterNulls}).
 */
public record TableQuality(String table, int files, SortedMap<MarketKey, Long> rowsByMarket, List<NullShares.Share> nulls) {
  public TableQuality {
    rowsByMarket = new TreeMap<>(rowsByMarket);
    nulls = List.copyOf(nulls);
  }

  public long rows() {
    return rowsByMarket.values().stream().mapToLong(Long::longValue).sum();
  }

  static TableQuality of(String table, List<TableFile> files) throws IOException {
    NullShares shares = new NullShares();
    SortedMap<MarketKey, Long> rows = new TreeMap<>();
    for (TableFile f : files) {
      long before = shares.rows();
      FooterNulls.add(f.file(), shares);
      rows.merge(f.partition().market(), shares.rows() - before, Long::sum);
    }
    return new TableQuality(table, files.size(), rows, shares.shares());
  }

  /** Rows of {@code market}, 0 when the table has none. */
  public long rows(MarketKey market) {
    return rowsByMarket.getOrDefault(market, 0L);
  }
}
