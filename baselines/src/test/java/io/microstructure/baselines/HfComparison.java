package io.microstructure.baselines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our order-book hf table against a baseline's, read back with DuckDB (hive partitioning on, so
 * both sides have the CCXT symbol, decoded from the escaped partition folders). Rows are matched on (exchange, symbol, capture_ts) and
 * every column the baseline wrote is compared with features.md's precision rule: |x − y| ≤ 1e-9 ·
 * max(1, |x|, |y|), nulls coinciding.
 */
final class HfComparison implements AutoCloseable {
  private static final List<String> KEYS = List.of("exchange", "symbol", "capture_ts", "date");

  private final Connection connection;

  HfComparison(Path ours, Path theirs) throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    execute(
        "CREATE VIEW ours AS SELECT * FROM read_parquet('"
            + ours
            + "/**/*.parquet', hive_partitioning = true)");
    execute(
        "CREATE VIEW theirs AS SELECT * FROM read_parquet('"
            + theirs
            + "/**/*.parquet', hive_partitioning = true)");
  }

  /** The baseline's feature columns (its keys left out). */
  List<String> baselineColumns() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE theirs")) {
      while (rs.next()) {
        if (!KEYS.contains(rs.getString(1))) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Joined rows whose value of each column differs beyond the tolerance, by column. */
  Map<String, Long> mismatches() throws SQLException {
    Map<String, Long> bad = new LinkedHashMap<>();
    for (String c : baselineColumns()) {
      String x = "o." + c + "::DOUBLE";
      String y = "t." + c + "::DOUBLE";
      bad.put(
          c,
          count(
              "SELECT count(*) FROM ours o JOIN theirs t USING (exchange, symbol, capture_ts)"
                  // coalesce: with one side null the test is null, which is a mismatch
                  + " WHERE NOT coalesce("
                  + x
                  + " IS NULL AND "
                  + y
                  + " IS NULL OR abs("
                  + x
                  + " - "
                  + y
                  + ") <= 1e-9 * greatest(1, abs("
                  + x
                  + "), abs("
                  + y
                  + ")), false)"));
    }
    return bad;
  }

  /** Partition folders (exchange=/symbol=/date=) of each side's files, as a sorted list. */
  List<String> partitions(String side) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT exchange || '/' || symbol || '/' || date FROM "
                    + side
                    + " ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
