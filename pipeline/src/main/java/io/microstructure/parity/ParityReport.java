package io.microstructure.parity;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of comparing two output roots: one {@link TableReport} per table found on either
 * side, in name order. Printable for people ({@link #print}) and as JSON ({@link #toJson}).
 */
public final class ParityReport {
  private final String left;
  private final String right;
  private final ParityOptions options;
  private final List<String> notCompared;
  private final List<TableReport> tables;

  ParityReport(
      String left,
      String right,
      ParityOptions options,
      List<String> notCompared,
      List<TableReport> tables) {
    this.left = left;
    this.right = right;
    this.options = options;
    this.notCompared = List.copyOf(notCompared);
    this.tables = List.copyOf(tables);
  }

  /** True only when nothing differs: same tables, rows, columns, types and values. */
  public boolean identical() {
    return differences() == 0;
  }

  /** Sum of the tables' {@link TableReport#differences()}. */
  public long differences() {
    long d = 0;
    for (TableReport t : tables) {
      d += t.differences();
    }
    return d;
  }

  public List<TableReport> tables() {
    return tables;
  }

  /** The table's report, or null. */
  public TableReport table(String name) {
    for (TableReport t : tables) {
      if (t.table().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The LEFT root, normalised (absolute path or URI). */
  public String left() {
    return left;
  }

  public String right() {
    return right;
  }

  public ParityOptions options() {
    return options;
  }

  /**
   * Folders under either root that were set aside: names starting with {@code _} (dead letters
   * {@code _rejected}, staging {@code _temporary}), which legitimately differ between paths.
   */
  public List<String> notCompared() {
    return notCompared;
  }

  // ---------------------------------------------------------------------------------------------
  // Text

  /** A compact table per table, then the verdict: {@code PARITY OK} or {@code PARITY FAILED: …}. */
  public void print(PrintStream out) {
    out.println("parity: LEFT  " + left);
    out.println("        RIGHT " + right);
    out.println(
        "tolerance: |x - y| <= "
            + options.tolerance()
            + " * max(1, |x|, |y|) for doubles, other values exactly, nulls must coincide");
    if (!notCompared.isEmpty()) {
      out.println(
          "not compared: "
              + String.join(", ", notCompared)
              + " (dead letters and staging legitimately differ between paths)");
    }
    if (!options.tables().isEmpty()) {
      out.println("tables starting with: " + String.join(", ", options.tables()));
    }
    for (TableReport t : tables) {
      out.println();
      printTable(out, t);
    }
    out.println();
    out.println(identical() ? "PARITY OK" : "PARITY FAILED: " + differences() + " differences");
  }

  private void printTable(PrintStream out, TableReport t) {
    if (t.presence() != TableReport.Presence.BOTH) {
      boolean isLeft = t.presence() == TableReport.Presence.LEFT_ONLY;
      out.printf(
          Locale.ROOT,
          "%s: only in %s (%s rows in %s partitions)%n",
          t.table(),
          isLeft ? "LEFT" : "RIGHT",
          n(isLeft ? t.rowsLeft() : t.rowsRight()),
          n(t.partitions()));
      printErrors(out, t);
      out.println("  => " + t.differences() + " differences");
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s: key (%s), %s partitions%n",
        t.table(),
        String.join(", ", t.key()),
        n(t.partitions()));
    out.printf(
        Locale.ROOT,
        "  rows: LEFT %s, RIGHT %s, compared %s, missing (in LEFT only) %s, extra (in RIGHT only)"
            + " %s%n",
        n(t.rowsLeft()),
        n(t.rowsRight()),
        n(t.rowsCompared()),
        n(t.missingRows()),
        n(t.extraRows()));
    if (!t.columns().isEmpty()) {
      int nameWidth = "column".length();
      int typeWidth = "type".length();
      for (ColumnReport c : t.columns()) {
        nameWidth = Math.max(nameWidth, c.column().length());
        typeWidth = Math.max(typeWidth, type(c).length());
      }
      String row = "  %-" + nameWidth + "s  %-" + typeWidth + "s  %11s  %10s";
      out.println(
          String.format(Locale.ROOT, row, "column", "type", "compared", "mismatches") + "  worst");
      for (ColumnReport c : t.columns()) {
        String line =
            String.format(
                Locale.ROOT, row, c.column(), type(c), n(c.compared()), n(c.mismatches()));
        out.println(c.worst() == null ? line : line + "  " + worst(c, c.worst()));
      }
    }
    printKeys(out, "missing rows (in LEFT only)", t.missingRows(), t.missingRowKeys());
    printKeys(out, "extra rows (in RIGHT only)", t.extraRows(), t.extraRowKeys());
    out.println(
        "  missing columns (in LEFT only): "
            + (t.missingColumns().isEmpty() ? "none" : String.join(", ", t.missingColumns())));
    out.println(
        "  extra columns (in RIGHT only): "
            + (t.extraColumns().isEmpty() ? "none" : String.join(", ", t.extraColumns())));
    List<String> typeDiffs = new ArrayList<>();
    for (ColumnReport c : t.columns()) {
      if (c.typeMismatch()) {
        typeDiffs.add(c.column() + " (LEFT " + c.leftType() + ", RIGHT " + c.rightType() + ")");
      }
    }
    if (!typeDiffs.isEmpty()) {
      out.println("  column types differ: " + String.join(", ", typeDiffs));
    }
    printErrors(out, t);
    long d = t.differences();
    out.println("  => " + (d == 0 ? "identical" : d + " differences"));
  }

  private static void printErrors(PrintStream out, TableReport t) {
    for (String e : t.errors()) {
      out.println("  error: " + e);
    }
  }

  private static void printKeys(PrintStream out, String what, long count, List<RowKey> keys) {
    if (count == 0) {
      return;
    }
    out.println(
        "  "
            + what
            + ": "
            + n(count)
            + (keys.size() < count ? " (first " + keys.size() + " listed)" : ""));
    for (RowKey k : keys) {
      out.println("    " + k);
    }
  }

  private static String type(ColumnReport c) {
    return c.typeMismatch() ? c.leftType() + " vs " + c.rightType() + " (!)" : c.leftType();
  }

  private static String worst(ColumnReport c, Mismatch m) {
    StringBuilder b = new StringBuilder();
    b.append(m.key())
        .append(": LEFT ")
        .append(value(m.left(), c.leftType()))
        .append(", RIGHT ")
        .append(value(m.right(), c.rightType()));
    if (m.left() == null || m.right() == null) {
      b.append(" (null vs value)");
    } else if (m.diff() != null && m.diff().isNaN()) {
      b.append(" (NaN)");
    } else if (m.diff() != null && m.tolerance() != null && m.tolerance() > 0) {
      b.append(" (|diff| ").append(m.diff()).append(" > ").append(m.tolerance()).append(')');
    } else if (m.diff() != null) {
      b.append(" (|diff| ").append(plain(m.diff())).append(')');
    }
    return b.toString();
  }

  private static String value(Object v, String type) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Long && type.contains("timestamp")) {
      return RowKey.instant((Long) v);
    }
    if (v instanceof String) {
      return "\"" + v + "\"";
    }
    return v.toString();
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  // ---------------------------------------------------------------------------------------------
  // JSON

  /**
   * The report as JSON (pretty-printed). Doubles are written exactly (shortest round-trip form);
   * NaN and infinities, which JSON lacks, as the strings {@code "NaN"}, {@code "Infinity"}, {@code
   * "-Infinity"}; timestamps as epoch microseconds; keys as {@code {exchange, symbol, time, text}}.
   */
  public String toJson() {
    return new GsonBuilder()
        .setPrettyPrinting()
        .disableHtmlEscaping()
        .create()
        .toJson(toJsonTree());
  }

  JsonObject toJsonTree() {
    JsonObject o = new JsonObject();
    o.addProperty("left", left);
    o.addProperty("right", right);
    o.add("tolerance", number(options.tolerance()));
    o.addProperty("maxExamples", options.maxExamples());
    o.add("tableFilter", strings(options.tables()));
    o.addProperty("identical", identical());
    o.addProperty("differences", differences());
    o.add("notCompared", strings(notCompared));
    JsonArray ts = new JsonArray();
    for (TableReport t : tables) {
      ts.add(table(t));
    }
    o.add("tables", ts);
    return o;
  }

  private static JsonObject table(TableReport t) {
    JsonObject o = new JsonObject();
    o.addProperty("table", t.table());
    o.addProperty("presence", t.presence().name());
    o.addProperty("identical", t.identical());
    o.addProperty("differences", t.differences());
    o.add("key", strings(t.key()));
    o.addProperty("partitions", t.partitions());
    o.addProperty("rowsLeft", t.rowsLeft());
    o.addProperty("rowsRight", t.rowsRight());
    o.addProperty("rowsCompared", t.rowsCompared());
    o.addProperty("missingRows", t.missingRows());
    o.addProperty("extraRows", t.extraRows());
    o.add("missingRowKeys", keys(t.missingRowKeys()));
    o.add("extraRowKeys", keys(t.extraRowKeys()));
    o.add("missingColumns", strings(t.missingColumns()));
    o.add("extraColumns", strings(t.extraColumns()));
    JsonArray cs = new JsonArray();
    for (ColumnReport c : t.columns()) {
      JsonObject co = new JsonObject();
      co.addProperty("column", c.column());
      co.addProperty("leftType", c.leftType());
      co.addProperty("rightType", c.rightType());
      co.addProperty("typeMismatch", c.typeMismatch());
      co.addProperty("compared", c.compared());
      co.addProperty("mismatches", c.mismatches());
      co.add("worst", mismatch(c.worst()));
      co.add("mismatchKeys", keys(c.mismatchKeys()));
      cs.add(co);
    }
    o.add("columns", cs);
    o.add("errors", strings(t.errors()));
    return o;
  }

  private static JsonElement mismatch(Mismatch m) {
    if (m == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    o.add("key", key(m.key()));
    o.add("left", value(m.left()));
    o.add("right", value(m.right()));
    o.add("diff", value(m.diff()));
    o.add("tolerance", value(m.tolerance()));
    return o;
  }

  private static JsonArray keys(List<RowKey> keys) {
    JsonArray a = new JsonArray();
    for (RowKey k : keys) {
      a.add(key(k));
    }
    return a;
  }

  private static JsonObject key(RowKey k) {
    JsonObject o = new JsonObject();
    o.addProperty("exchange", k.exchange());
    o.addProperty("symbol", k.symbol());
    o.addProperty("timeColumn", k.timeColumn());
    o.add("time", k.time() == null ? JsonNull.INSTANCE : new JsonPrimitive(k.time()));
    o.addProperty("text", k.toString());
    return o;
  }

  private static JsonElement value(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof Double) {
      return number((Double) v);
    }
    if (v instanceof Number) {
      return new JsonPrimitive((Number) v);
    }
    if (v instanceof Boolean) {
      return new JsonPrimitive((Boolean) v);
    }
    return new JsonPrimitive(v.toString());
  }

  private static JsonElement number(double d) {
    return Double.isFinite(d) ? new JsonPrimitive(d) : new JsonPrimitive(Double.toString(d));
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    for (String s : values) {
      a.add(s);
    }
    return a;
  }
}
