package io.microstructure.generate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small in-memory DuckDB session over generated files, for tests. */
final class Duck implements AutoCloseable {
  private final Connection connection;

  Duck() throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
  }

  /**
   * Tables of one generated root: ob, tr, tk (all rows, with file name and row number), and views
   * ob_valid, tr_valid, tk_valid (rows valid under data-contract.md "Bad input").
   */
  Duck views(Path root, String source) throws SQLException {
    return views(root, source, BookLayout.STRUCT);
  }

  /** As {@link #views(Path, String)} for books written in {@code layout}. */
  Duck views(Path root, String source, BookLayout layout) throws SQLException {
    String ready = root.resolve("ready").resolve(source).toString();
    exec(
        "CREATE OR REPLACE TABLE ob AS SELECT * FROM read_parquet('"
            + ready
            + "/orderbook/*.parquet', filename=true, file_row_number=true)");
    exec(
        "CREATE OR REPLACE TABLE tr AS SELECT * FROM read_parquet('"
            + ready
            + "/trades/*.parquet', filename=true, file_row_number=true)");
    exec(
        "CREATE OR REPLACE TABLE tk AS SELECT * FROM read_parquet('"
            + ready
            + "/ticker/*.parquet', filename=true, file_row_number=true)");
    String price = layout == BookLayout.STRUCT ? "l.price" : "l[1]";
    String amount = layout == BookLayout.STRUCT ? "l.amount" : "l[2]";
    exec(
        "CREATE OR REPLACE MACRO good_level(l) AS isfinite("
            + price
            + ") AND "
            + price
            + " > 0 AND isfinite("
            + amount
            + ") AND "
            + amount
            + " >= 0");
    exec(
        "CREATE OR REPLACE VIEW ob_valid AS SELECT * FROM ob WHERE exchange IS NOT NULL"
            + " AND symbol IS NOT NULL AND capture_ts IS NOT NULL"
            + " AND coalesce(list_bool_and([good_level(l) for l in bids]), true)"
            + " AND coalesce(list_bool_and([good_level(l) for l in asks]), true)");
    exec(
        "CREATE OR REPLACE VIEW tr_valid AS SELECT * FROM tr WHERE exchange IS NOT NULL"
            + " AND symbol IS NOT NULL AND capture_ts IS NOT NULL AND isfinite(price)"
            + " AND price > 0 AND isfinite(amount) AND amount >= 0 AND side IN ('buy', 'sell')");
    exec(
        "CREATE OR REPLACE VIEW tk_valid AS SELECT * FROM tk WHERE exchange IS NOT NULL"
            + " AND symbol IS NOT NULL AND capture_ts IS NOT NULL");
    return this;
  }

  void exec(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  long scalar(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new SQLException("no row: " + sql);
      }
      return r.getLong(1);
    }
  }

  double scalarDouble(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new SQLException("no row: " + sql);
      }
      return r.getDouble(1);
    }
  }

  String scalarString(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new SQLException("no row: " + sql);
      }
      return r.getString(1);
    }
  }

  List<Map<String, Object>> rows(String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData md = r.getMetaData();
      while (r.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), r.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
