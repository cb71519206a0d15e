package io.microstructure.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values back out of a rendered report, by the data attributes it gives its tables. */
final class ReportHtml {
  private final String html;

  ReportHtml(String html) {
    this.html = html;
  }

  String html() {
    return html;
  }

  /** One cell of a market's IC table: {rho, pairs}; empty when the row or horizon is absent. */
  Optional<double[]> ic(String market, String feature, String horizon) {
    String table = between("<table class=\"ic\" data-market=\"" + market + "\">", "</table>");
    if (table == null) {
      return Optional.empty();
    }
    int row = table.indexOf("<tr data-feature=\"" + feature + "\">");
    if (row < 0) {
      return Optional.empty();
    }
    String tr = table.substring(row, table.indexOf("</tr>", row));
    Matcher m =
        Pattern.compile(
                "<td class=\"rho\" data-horizon=\"" + Pattern.quote(horizon)
                    + "\" data-rho=\"([-0-9.]+)\"[^>]*>[^<]*</td><td class=\"pairs\">([0-9,]+)</td>")
            .matcher(tr);
    return m.find()
        ? Optional.of(new double[] {Double.parseDouble(m.group(1)), Long.parseLong(m.group(2).replace(",", ""))})
        : Optional.empty();
  }

  /** Rows of a table in the data-quality section. */
  long tableRows(String table) {
    Matcher m = Pattern.compile(
            "<tr data-table=\"" + Pattern.quote(table) + "\"><td class=\"name\">[^<]*</td><td>\\d+</td><td>([0-9,]+)</td>")
        .matcher(html);
    if (!m.find()) {
      throw new AssertionError("no rows line for " + table);
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** Nulls of a column in a table's null-share list. */
  long nulls(String table, String column) {
    String details = between("<details open data-table=\"" + table + "\">", "</details>");
    if (details == null) {
      details = between("<details data-table=\"" + table + "\">", "</details>");
    }
    Matcher m = Pattern.compile("<tr><td class=\"name\">" + Pattern.quote(column) + "</td><td>([0-9,]+)</td>")
        .matcher(details);
    if (!m.find()) {
      throw new AssertionError("no null count of " + column + " in " + table);
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** Cells of a market's line in the capture-gaps table, as text. */
  String gapLine(String market) {
    String row = between("<tr data-market=\"" + market + "\">", "</tr>");
    if (row == null) {
      throw new AssertionError("no gap line for " + market);
    }
    return row.replaceAll("<[^>]+>", "|");
  }

  int gapCount(String market) {
    Matcher m = Pattern.compile("<td class=\"gap-count\">(\\d+)</td>")
        .matcher(between("<tr data-market=\"" + market + "\">", "</tr>"));
    if (!m.find()) {
      throw new AssertionError("no gap count for " + market);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Dead letters of a channel as the heading of its list says. */
  long deadLetters(String channel) {
    Matcher m = Pattern.compile("<h4>" + Pattern.quote(channel) + ": ([0-9,]+) rows").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no dead letters of " + channel);
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** Rows of one (column, kind of reason) line of a channel's dead letters; -1 when not listed. */
  long deadLetterRows(String channel, String column, String kind) {
    String table = between("<table class=\"dead-letters\" data-channel=\"" + channel + "\">", "</table>");
    if (table == null) {
      return -1;
    }
    Matcher m = Pattern.compile(
            "<tr><td class=\"name\">" + Pattern.quote(Html.escape(column)) + "</td><td class=\"text\">"
                + Pattern.quote(Html.escape(kind)) + "</td><td>([0-9,]+)</td>")
        .matcher(table);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
  }

  private String between(String start, String end) {
    int a = html.indexOf(start);
    if (a < 0) {
      return null;
    }
    int e = html.indexOf(end, a);
    return html.substring(a, e < 0 ? html.length() : e);
  }
}
