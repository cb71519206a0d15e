package io.microstructure.report;

import io.microstructure.model.MarketKey;
import io.microstructure.output.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: CSS inline, charts as inline SVG,
 * no script and no external resource, so the file can be mailed or archived as it is.
 */
public final class HtmlReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final int REASONS_SHOWN = 15;
  private static final int GAPS_SHOWN = 10;
  private static final int RUNS_SHOWN = 20;

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f7f9}
      main{max-width:1180px;margin:0 auto;padding:12px 24px 60px}
      h1{font-size:26px;margin:18px 0 4px} h2{font-size:20px;border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:44px}
      h3{font-size:16px;margin:22px 0 6px}
      .meta{color:#57606a;margin:2px 0} code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
      nav{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;margin:14px 0}
      nav a{margin-right:14px;white-space:nowrap}
      figure{margin:8px 0;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px}
      figure svg{display:block;width:100%;height:auto}
      .hists{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px}
      .hists figure{margin:0}
      table{border-collapse:collapse;font-size:12.5px;background:#fff;margin:6px 0}
      th,td{padding:3px 8px;border:1px solid #e5e8eb;text-align:right;vertical-align:top}
      th{background:#eef1f4;font-weight:600}
      td.name,th.name{text-align:left;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      td.text{text-align:left}
      td.pairs{color:#57606a}
      .note{color:#6b4e00;background:#fff8c5;border:1px solid #eedc82;padding:4px 8px;border-radius:4px;margin:4px 0}
      .bar{display:inline-block;height:9px;background:#4678b4;vertical-align:middle;margin-right:6px}
      details{margin:8px 0} summary{cursor:pointer;font-weight:600}
      .scroll{overflow-x:auto}
      """;

  private HtmlReport() {}

  public static String render(ReportData d) {
    StringBuilder b = new StringBuilder(1 << 20);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Feature report — ").append(esc(d.root())).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body><main>\n");
    header(b, d);
    for (MarketSection m : d.markets()) {
      market(b, m);
    }
    icSummary(b, d);
    quality(b, d);
    definitions(b, d);
    b.append("</main></body></html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, ReportData d) {
    b.append("<h1>Feature report</h1>");
    b.append("<p class=\"meta\">Output root <code>").append(esc(d.root())).append("</code> — ")
        .append(esc(d.rootState())).append("</p>");
    b.append("<p class=\"meta\">Selection: ").append(esc(d.filter().describe()))
        .append(". Generated ").append(TIME.format(d.generated())).append(" UTC.</p>");
    b.append("<nav><strong>Markets:</strong> ");
    if (d.markets().isEmpty()) {
      b.append("none (no orderbook/hf partition selected)");
    }
    for (MarketSection m : d.markets()) {
      b.append("<a href=\"#").append(m.anchor()).append("\">").append(esc(name(m.market()))).append("</a>");
    }
    b.append("<br><strong>Sections:</strong> <a href=\"#ic-summary\">IC across markets</a>")
        .append("<a href=\"#quality\">Data quality</a><a href=\"#definitions\">Definitions</a></nav>\n");
  }

  private static void market(StringBuilder b, MarketSection m) {
    b.append("<section class=\"market\" id=\"").append(m.anchor()).append("\" data-exchange=\"")
        .append(esc(m.market().exchange())).append("\" data-symbol=\"").append(esc(m.market().symbol())).append("\">");
    b.append("<h2>").append(esc(m.market().exchange())).append(" · ").append(esc(m.market().symbol())).append("</h2>");
    b.append("<p class=\"meta\"><code>").append(esc(m.table())).append("</code>, ")
        .append(m.dates().size() == 1 ? "date " + m.dates().get(0) : m.dates().size() + " dates " + m.dates().get(0) + ".." + m.dates().get(m.dates().size() - 1))
        .append(": ").append(String.format(Locale.ROOT, "%,d", m.rows())).append(" snapshots");
    if (m.rows() > 0 && m.fromMicros() != 0) {
      b.append(", ").append(time(m.fromMicros())).append(" .. ").append(time(m.toMicros())).append(" UTC");
    }
    b.append("; ").append(runsLine(m.runs())).append("</p>");
    for (String note : m.notes()) {
      b.append("<p class=\"note\">").append(esc(note)).append("</p>");
    }
    if (!m.timeSeriesSvg().isEmpty()) {
      b.append("<figure class=\"timeseries\"><figcaption class=\"meta\">mid_price with the spread regime as ")
          .append("background (red: wide, green: tight, none: normal), spread_bps, cumulative OFI (Σ ofi) and TFI (Σ tfi), ")
          .append("vpin and rv_60. Lines break at capture gaps; thinned to each pixel's minimum and maximum.")
          .append("</figcaption>").append(m.timeSeriesSvg()).append("</figure>\n");
    }
    if (!m.histograms().isEmpty()) {
      b.append("<h3>Distributions</h3><div class=\"hists\">");
      for (MarketSection.Figure f : m.histograms()) {
        b.append("<figure class=\"histogram\" data-feature=\"").append(esc(f.name())).append("\">")
            .append(f.svg()).append("</figure>");
      }
      b.append("</div>\n");
    }
    icTable(b, m);
    b.append("</section>\n");
  }

  private static String runsLine(CaptureRuns r) {
    StringBuilder s = new StringBuilder();
    if (r.runStarts() >= 0) {
      s.append(r.runStarts()).append(r.runStarts() == 1 ? " run start" : " run starts");
      s.append(" (null time_delta_ms), ");
    }
    s.append(r.gaps().size()).append(r.gaps().size() == 1 ? " capture gap" : " capture gaps")
        .append(" longer than ").append(duration(r.maxGapMicros()));
    return s.toString();
  }

  private static void icTable(StringBuilder b, MarketSection m) {
    InformationCoefficients ic = m.ics();
    if (ic.horizons().isEmpty()) {
      return;
    }
    b.append("<h3>Information coefficient</h3>");
    b.append("<p class=\"meta\">Spearman rank correlation of each feature with the forward return at each")
        .append(" horizon, over the snapshots where both are non-null (pairs).</p>");
    b.append("<div class=\"scroll\"><table class=\"ic\" data-market=\"").append(esc(name(m.market())))
        .append("\"><thead><tr><th class=\"name\" rowspan=\"2\">feature</th>");
    for (String h : ic.horizons()) {
      b.append("<th colspan=\"2\">").append(esc(h)).append("</th>");
    }
    b.append("</tr><tr>");
    for (int i = 0; i < ic.horizons().size(); i++) {
      b.append("<th>IC</th><th>pairs</th>");
    }
    b.append("</tr></thead><tbody>");
    for (InformationCoefficients.Row r : ic.rows()) {
      b.append("<tr data-feature=\"").append(esc(r.feature())).append("\"><td class=\"name\">")
          .append(esc(r.feature())).append("</td>");
      for (int h = 0; h < ic.horizons().size(); h++) {
        Spearman.Result s = r.ics().get(h);
        rhoCell(b, s.rho(), ic.horizons().get(h));
        b.append("<td class=\"pairs\">").append(String.format(Locale.ROOT, "%,d", s.pairs())).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>\n");
  }

  private static void rhoCell(StringBuilder b, double rho, String horizon) {
    b.append("<td class=\"rho\" data-horizon=\"").append(esc(horizon)).append("\"");
    if (Double.isNaN(rho)) {
      b.append(" title=\"undefined: fewer than 3 pairs or a constant column\">—</td>");
      return;
    }
    b.append(" data-rho=\"").append(String.format(Locale.ROOT, "%.6f", rho)).append('"');
    double a = Math.min(1, Math.abs(rho)) * 0.65;
    String rgb = rho >= 0 ? "31,119,180" : "214,39,40";
    b.append(" style=\"background:rgba(").append(rgb).append(',')
        .append(String.format(Locale.ROOT, "%.2f", a)).append(")\">")
        .append(String.format(Locale.ROOT, "%.3f", rho)).append("</td>");
  }

  private static void icSummary(StringBuilder b, ReportData d) {
    b.append("<section id=\"ic-summary\"><h2>IC across markets</h2>");
    List<InformationCoefficients> all = d.markets().stream().map(MarketSection::ics).toList();
    Set<String> horizons = new LinkedHashSet<>();
    all.forEach(ic -> horizons.addAll(ic.horizons()));
    if (d.markets().size() < 2 || horizons.isEmpty()) {
      b.append("<p class=\"meta\">Fewer than two markets with forward returns selected: see the market's own table.</p></section>\n");
      return;
    }
    List<String> hs = new ArrayList<>(horizons);
    b.append("<p class=\"meta\">Mean over the ").append(d.markets().size())
        .append(" markets of each market's own IC (markets are not pooled: price levels differ).</p>");
    b.append("<div class=\"scroll\"><table class=\"ic-mean\"><thead><tr><th class=\"name\">feature</th>");
    hs.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (Map.Entry<String, double[]> e : InformationCoefficients.meanByFeature(all, hs).entrySet()) {
      b.append("<tr data-feature=\"").append(esc(e.getKey())).append("\"><td class=\"name\">")
          .append(esc(e.getKey())).append("</td>");
      for (int h = 0; h < hs.size(); h++) {
        rhoCell(b, e.getValue()[h], hs.get(h));
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div></section>\n");
  }

  private static void quality(StringBuilder b, ReportData d) {
    b.append("<section id=\"quality\"><h2>Data quality</h2>");
    rowsPerTable(b, d);
    deadLetters(b, d);
    duplicates(b, d);
    gaps(b, d);
    nullShares(b, d);
    runs(b, d);
    b.append("</section>\n");
  }

  private static void rowsPerTable(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"rows\">Rows per table</h3>");
    Set<MarketKey> markets = new java.util.TreeSet<>();
    d.tables().forEach(t -> markets.addAll(t.rowsByMarket().keySet()));
    b.append("<div class=\"scroll\"><table class=\"rows\"><thead><tr><th class=\"name\">table</th><th>files</th><th>rows</th>");
    for (MarketKey m : markets) {
      b.append("<th>").append(esc(m.exchange())).append("<br>").append(esc(m.symbol())).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (TableQuality t : d.tables()) {
      b.append("<tr data-table=\"").append(esc(t.table())).append("\"><td class=\"name\">").append(esc(t.table()))
          .append("</td><td>").append(t.files()).append("</td><td>").append(num(t.rows())).append("</td>");
      for (MarketKey m : markets) {
        b.append("<td>").append(t.rowsByMarket().containsKey(m) ? num(t.rows(m)) : "").append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");
  }

  private static void deadLetters(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"dead-letters\">Dead letters by reason</h3>");
    b.append("<p class=\"meta\">Rows rejected on input, from <code>_rejected/&lt;channel&gt;/</code>. They are not ")
        .append("partitioned by market: these are the whole root's, whatever the selection.</p>");
    if (d.deadLetters().isEmpty()) {
      b.append("<p>No <code>_rejected/</code> folder: no dead letters.</p>");
      return;
    }
    Map<String, Long> recorded = lastRecordedDeadLetters(d.runs());
    for (DeadLetters dl : d.deadLetters()) {
      b.append("<h4>").append(esc(dl.channel())).append(": ").append(num(dl.rows())).append(" rows");
      Long r = recorded.get(dl.channel());
      if (r != null) {
        b.append(" <span class=\"meta\">(the newest complete run recorded ").append(num(r)).append(")</span>");
      }
      b.append("</h4>");
      if (dl.rows() == 0) {
        continue;
      }
      b.append("<table class=\"dead-letters\" data-channel=\"").append(esc(dl.channel()))
          .append("\"><thead><tr><th class=\"name\">column</th><th class=\"name\">reason (N: any number)</th><th>rows</th>"
              + "<th class=\"name\">example</th></tr></thead><tbody>");
      long other = 0;
      int kinds = 0;
      for (int i = 0; i < dl.reasons().size(); i++) {
        DeadLetters.Reason r2 = dl.reasons().get(i);
        if (i >= REASONS_SHOWN) {
          other += r2.rows();
          kinds++;
          continue;
        }
        b.append("<tr><td class=\"name\">").append(r2.column() == null ? "(file)" : esc(r2.column()))
            .append("</td><td class=\"text\">").append(esc(r2.kind())).append("</td><td>").append(num(r2.rows()))
            .append("</td><td class=\"text\">").append(r2.example().equals(r2.kind()) ? "" : esc(r2.example()))
            .append("</td></tr>");
      }
      if (kinds > 0) {
        b.append("<tr><td></td><td class=\"text\">").append(kinds).append(" other kinds of reason</td><td>")
            .append(num(other)).append("</td><td></td></tr>");
      }
      b.append("</tbody></table>");
    }
  }

  private static Map<String, Long> lastRecordedDeadLetters(List<RunRecord> runs) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).status == RunRecord.Status.COMPLETE && runs.get(i).deadLetters != null) {
        return runs.get(i).deadLetters;
      }
    }
    return Map.of();
  }

  private static void gaps(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"gaps\">Capture gaps and runs</h3>");
    b.append("<p class=\"meta\">A run of a market restarts after a gap between snapshots longer than max_gap (")
        .append(duration(Math.round(d.maxGapSeconds() * 1e6)))
        .append(", from the newest complete run's parameters); the hf table marks each run's first snapshot with a null ")
        .append("<code>time_delta_ms</code>. A date selection may start inside a run.</p>");
    if (d.markets().isEmpty()) {
      b.append("<p>No orderbook/hf partition selected.</p>");
      return;
    }
    b.append("<table class=\"gaps\"><thead><tr><th class=\"name\">market</th><th>snapshots</th><th>first</th><th>last</th>")
        .append("<th>run starts</th><th>gaps</th><th>longest gap</th><th>time in gaps</th><th>longest interval</th>")
        .append("<th>crossed books</th></tr></thead><tbody>");
    for (MarketSection m : d.markets()) {
      CaptureRuns r = m.runs();
      long longest = r.gaps().stream().mapToLong(CaptureRuns.Gap::micros).max().orElse(0);
      long total = r.gaps().stream().mapToLong(CaptureRuns.Gap::micros).sum();
      b.append("<tr data-market=\"").append(esc(name(m.market()))).append("\"><td class=\"name\">")
          .append(esc(name(m.market()))).append("</td><td>").append(num(m.rows())).append("</td><td>")
          .append(m.rows() == 0 ? "" : time(m.fromMicros())).append("</td><td>")
          .append(m.rows() == 0 ? "" : time(m.toMicros())).append("</td><td>")
          .append(r.runStarts() < 0 ? "n/a" : num(r.runStarts())).append("</td><td class=\"gap-count\">")
          .append(r.gaps().size()).append("</td><td>").append(longest == 0 ? "" : duration(longest))
          .append("</td><td>").append(total == 0 ? "" : duration(total)).append("</td><td>")
          .append(duration(r.longestIntervalMicros())).append("</td><td>")
          .append(m.crossedBooks() < 0 ? "n/a" : num(m.crossedBooks())).append("</td></tr>");
    }
    b.append("</tbody></table>");
    for (MarketSection m : d.markets()) {
      List<CaptureRuns.Gap> g = m.runs().gaps();
      if (g.isEmpty()) {
        continue;
      }
      b.append("<p class=\"meta\">").append(esc(name(m.market()))).append(": ");
      for (int i = 0; i < Math.min(GAPS_SHOWN, g.size()); i++) {
        b.append(i == 0 ? "" : "; ").append(time(g.get(i).fromMicros())).append(" → ")
            .append(time(g.get(i).toMicros())).append(" (").append(duration(g.get(i).micros())).append(")");
      }
      if (g.size() > GAPS_SHOWN) {
        b.append("; and ").append(g.size() - GAPS_SHOWN).append(" more");
      }
      b.append("</p>");
    }
  }

  private static void nullShares(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"nulls\">Null share per column</h3>");
    b.append("<p class=\"meta\">From the Parquet footers' null counts over the selected partitions. Many nulls are by ")
        .append("definition (FEATURES.md): delta features at a run start, forward returns near the end, vpin until ")
        .append("enough volume buckets are complete.</p>");
    for (TableQuality t : d.tables()) {
      boolean hf = t.table().endsWith("orderbook/hf");
      long withNulls = t.nulls().stream().filter(s -> s.nulls() > 0).count();
      b.append("<details").append(hf ? " open" : "").append(" data-table=\"").append(esc(t.table()))
          .append("\"><summary>").append(esc(t.table())).append(": ").append(num(t.rows())).append(" rows, ")
          .append(withNulls).append(" of ").append(t.nulls().size()).append(" columns with nulls</summary>");
      b.append("<table class=\"nulls\"><thead><tr><th class=\"name\">column</th><th>nulls</th><th>share</th></tr></thead><tbody>");
      for (NullShares.Share s : t.nulls()) {
        b.append("<tr><td class=\"name\">").append(esc(s.column())).append("</td><td>").append(num(s.nulls()))
            .append("</td><td class=\"text\"><span class=\"bar\" style=\"width:")
            .append(Math.round(s.share() * 120)).append("px\"></span>")
            .append(String.format(Locale.ROOT, "%.2f %%", 100 * s.share())).append("</td></tr>");
      }
      b.append("</tbody></table></details>");
    }
  }

  /**
   * Duplicates the runs dropped, from their records' counters: per run, since a run counts over
   * all the markets it read (the report's selection may be narrower).
   */
  private static void duplicates(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"duplicates\">Duplicates</h3>");
    List<RunRecord> counted = new java.util.ArrayList<>();
    for (RunRecord r : d.runs()) {
      if (r.counters != null && !r.counters.isEmpty()) {
        counted.add(r);
      }
    }
    if (counted.isEmpty()) {
      b.append("<p class=\"note\">No run record holds counters (runs before they were recorded,")
          .append(" or a run killed after its commit).</p>");
      return;
    }
    b.append("<p class=\"meta\">Dropped by each run, over every market it read: snapshots equal to an")
        .append(" earlier one (same capture_ts and book) and repeated trade ids.</p>")
        .append("<table class=\"duplicates\"><thead><tr><th class=\"name\">run</th><th>snapshots read</th>")
        .append("<th>duplicate snapshots</th><th>trades read</th><th>duplicate trades</th></tr></thead><tbody>");
    for (RunRecord r : counted) {
      b.append("<tr><td class=\"name\">").append(esc(r.runId)).append("</td><td>")
          .append(num(r.counters.getOrDefault("orderbook/rows_read", 0L))).append("</td><td>")
          .append(num(r.counters.getOrDefault("orderbook/duplicate_snapshots", 0L))).append("</td><td>")
          .append(num(r.counters.getOrDefault("trades/rows_read", 0L))).append("</td><td>")
          .append(num(r.counters.getOrDefault("trades/duplicate_trades", 0L))).append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static void runs(StringBuilder b, ReportData d) {
    b.append("<h3 id=\"runs\">Run records</h3>");
    if (d.runs().isEmpty()) {
      b.append("<p>No run records (<code>_runs/</code>).</p>");
      return;
    }
    List<RunRecord> runs = d.runs();
    List<RunRecord> shown = runs.subList(Math.max(0, runs.size() - RUNS_SHOWN), runs.size());
    b.append("<p class=\"meta\">").append(runs.size()).append(" runs in <code>_runs/</code>")
        .append(runs.size() > RUNS_SHOWN ? ", the newest " + RUNS_SHOWN + " shown" : "").append(".</p>");
    b.append("<table class=\"runs\"><thead><tr><th class=\"name\">run</th><th class=\"name\">status</th><th>started</th>")
        .append("<th>ended</th><th class=\"name\">runner</th><th>rows written</th><th>dead letters</th></tr></thead><tbody>");
    for (RunRecord r : shown) {
      long rows = r.tables == null ? 0 : r.tables.values().stream().mapToLong(RunRecord.TableRows::rows).sum();
      long dead = r.deadLetters == null ? 0 : r.deadLetters.values().stream().mapToLong(Long::longValue).sum();
      b.append("<tr><td class=\"name\">").append(esc(r.runId)).append("</td><td class=\"name\">")
          .append(esc(String.valueOf(r.status).toLowerCase(Locale.ROOT)))
          .append(r.error == null ? "" : " — " + esc(r.error)).append("</td><td>").append(esc(r.started))
          .append("</td><td>").append(esc(r.ended)).append("</td><td class=\"name\">").append(esc(r.runner))
          .append("</td><td>").append(num(rows)).append("</td><td>").append(num(dead)).append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static void definitions(StringBuilder b, ReportData d) {
    b.append("<section id=\"definitions\"><h2>Definitions</h2><ul>")
        .append("<li><strong>Information coefficient (IC)</strong> of a feature at horizon H: Spearman's rank ")
        .append("correlation between the feature and <code>fwd_return_H</code> = ln(mid(t + H) / mid(t)) over one market's ")
        .append("snapshots, using only the rows where both are non-null (the pairs). Values are ranked 1..n, ties get the ")
        .append("average of their ranks, and the IC is the Pearson correlation of the ranks. It is undefined (—) with ")
        .append("fewer than 3 pairs or when either side is constant. Snapshots overlap in their forward windows, so ")
        .append("the pairs are not independent: n overstates the effective sample size.</li>")
        .append("<li><strong>Features</strong> in the IC tables: every numeric column of the table that is a quantity ")
        .append("(not a flag such as book_crossed, not a time, not a forward return), as defined in FEATURES.md.</li>")
        .append("<li><strong>Histograms</strong>: 40 equal-width bins between the 0.5 % and 99.5 % quantiles; values ")
        .append("outside are counted in the subtitle, nulls left out.</li>")
        .append("<li><strong>Markets</strong> are named by their partition folders (exchange=, symbol=, ")
        .append("percent-decoded), never by columns in the files.</li>")
        .append("</ul></section>\n");
  }

  private static String esc(String s) {
    return Html.escape(s);
  }

  /** A market as the page names it: {@code binance BTC/USDT}. */
  private static String name(MarketKey m) {
    return m.exchange() + " " + m.symbol();
  }

  private static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String time(long micros) {
    return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000));
  }

  static String duration(long micros) {
    Duration d = Duration.ofNanos(micros * 1000);
    long s = d.getSeconds();
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
