package io.microstructure.testing;

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

/**
 * DuckDB (in memory) for tests: an independent, non-Java Parquet writer for raw fixtures and an
 * independent reader of the pipeline's outputs.
 */
public final class DuckDb implements AutoCloseable {
  private final Connection connection;

  public DuckDb() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void execute(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Writes the rows of a query as a Parquet file. */
  public void writeParquet(String selectSql, Path file) {
    file.getParent().toFile().mkdirs();
    execute("COPY (" + selectSql + ") TO '" + file + "' (FORMAT PARQUET)");
  }

  public List<Map<String, Object>> query(String sql) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public Object scalar(String sql) {
    List<Map<String, Object>> rows = query(sql);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public long count(String sql) {
    return ((Number) scalar(sql)).longValue();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
