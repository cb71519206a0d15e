package io.microstructure.report;

import io.microstructure.model.MarketKey;
import io.microstructure.output.RunRecord;
import io.microstructure.pipeline.RootState;
import io.microstructure.pipeline.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Builds the feature report of an output root: finds its tables ({@link OutputTables}), analyses
 * each selected market of every {@code orderbook/hf} table one at a time ({@link MarketAnalysis}),
 * measures the quality of every selected table from its footers ({@link TableQuality}) and counts
 * the dead letters ({@link DeadLetters}); {@link HtmlReport} renders the result.
 */
public final class FeatureReport {
  /** The pipeline's default max_gap, for roots without a complete run record. */
  static final double DEFAULT_MAX_GAP_SECONDS = 300;

  private FeatureReport() {}

  /**
   * @throws UserError when the root holds no table, or the filter selects no partition
   */
  public static ReportData build(String outputRoot, Selection filter) throws IOException {
    // JFreeChart measures text with AWT: no display is needed, nor wanted.
    System.setProperty("java.awt.headless", "true");
    OutputTables tables = OutputTables.scan(outputRoot);
    if (tables.tables().isEmpty()) {
      throw new UserError(
          outputRoot + " holds no table (no <table>/exchange=*/symbol=*/date=*/*.parquet below it)");
    }
    RootState state = RootState.of(tables.root());
    List<RunRecord> runs = state.runs();
    double maxGap = maxGapSeconds(runs);
    long maxGapMicros = Math.round(maxGap * 1e6);

    List<MarketSection> markets = new ArrayList<>();
    for (String table : tables.tablesEndingWith("orderbook/hf")) {
      SortedMap<MarketKey, List<TableFile>> byMarket = OutputTables.byMarket(tables.files(table, filter));
      for (Map.Entry<MarketKey, List<TableFile>> e : byMarket.entrySet()) {
        markets.add(MarketAnalysis.of(table, e.getKey(), e.getValue(), maxGapMicros));
      }
    }
    List<TableQuality> quality = new ArrayList<>();
    for (String table : tables.tables().keySet()) {
      List<TableFile> files = tables.files(table, filter);
      if (!files.isEmpty()) {
        quality.add(TableQuality.of(table, files));
      }
    }
    if (quality.isEmpty()) {
      throw new UserError(
          "no partition of " + outputRoot + " matches " + filter.describe() + "; it holds " + available(tables));
    }
    // Channels whose folder the newest complete run emptied have no file, but are worth a 0.
    java.util.SortedMap<String, DeadLetters> dead = new java.util.TreeMap<>();
    for (RunRecord r : runs) {
      if (r.status == RunRecord.Status.COMPLETE && r.deadLetters != null) {
        r.deadLetters.keySet().forEach(c -> dead.put(c, new DeadLetters(c, 0, List.of())));
      }
    }
    for (Map.Entry<String, List<org.apache.beam.sdk.io.fs.ResourceId>> e : tables.rejected().entrySet()) {
      dead.put(e.getKey(), DeadLetters.read(e.getKey(), e.getValue()));
    }
    return new ReportData(
        tables.root(),
        filter,
        Instant.now(),
        state.describe(),
        maxGap,
        markets,
        quality,
        List.copyOf(dead.values()),
        runs);
  }

  /** Builds the report and writes it as one HTML file; returns its size in bytes. */
  public static long write(String outputRoot, Selection filter, Path out) throws IOException {
    ReportData data = build(outputRoot, filter);
    byte[] html = HtmlReport.render(data).getBytes(StandardCharsets.UTF_8);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, html);
    return html.length;
  }

  /** max_gap of the newest complete run (its recorded parameters), else the default. */
  static double maxGapSeconds(List<RunRecord> runs) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      RunRecord r = runs.get(i);
      if (r.status == RunRecord.Status.COMPLETE && r.parameters != null && r.parameters.containsKey("maxGapSeconds")) {
        try {
          return Double.parseDouble(r.parameters.get("maxGapSeconds"));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    return DEFAULT_MAX_GAP_SECONDS;
  }

  private static String available(OutputTables tables) {
    TreeSet<String> markets = new TreeSet<>();
    TreeSet<String> dates = new TreeSet<>();
    tables.tables().values().forEach(
        files -> files.forEach(f -> {
          markets.add(f.partition().exchange() + "/" + f.partition().symbol());
          dates.add(f.partition().date().toString());
        }));
    return "markets " + String.join(", ", markets) + " on " + (dates.size() == 1
        ? dates.first()
        : dates.first() + ".." + dates.last() + " (" + dates.size() + " days)");
  }
}
