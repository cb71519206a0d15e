package io.microstructure.report;

import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Redaction;
import io.microstructure.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code etl report}: one self-contained HTML page on the features of an output root. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report (inline CSS and SVG charts, no external resources) on an",
      "output root: per market the time series of mid_price with the spread regime, spread_bps,",
      "cumulative OFI and TFI, vpin and rv_60; histograms of the main features; the information",
      "coefficient (Spearman rank correlation) of every numeric feature with every fwd_return_H;",
      "and data quality: rows per table, dead letters by reason, capture gaps and runs, null share",
      "per column and the run records.",
      "",
      "Examples:",
      "  bin/etl report --output-root demo/output --out demo/report.html",
      "  bin/etl report --output-root out --exchange binance --symbol BTC/USDT --date 2026-01-05..2026-01-07"
    })
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--output-root", required = true, paramLabel = "DIR", description = "The output root (folder or s3:// URI).")
  String outputRoot;

  @Option(names = "--exchange", paramLabel = "X", description = "Only this exchange (repeatable).")
  List<String> exchanges = new ArrayList<>();

  @Option(
      names = "--symbol",
      paramLabel = "S",
      description = "Only this symbol (repeatable; BTC/USDT or its folder name BTC-USDT).")
  List<String> symbols = new ArrayList<>();

  @Option(
      names = "--date",
      paramLabel = "D",
      converter = DateRangeConverter.class,
      description = "Only this UTC day YYYY-MM-DD, or days YYYY-MM-DD..YYYY-MM-DD (repeatable).")
  List<DateRange> dates = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  /** Parses {@code --date} values, so a bad one is a usage error naming the value. */
  static final class DateRangeConverter implements ITypeConverter<DateRange> {
    @Override
    public DateRange convert(String value) {
      return DateRange.parse(value);
    }
  }

  @Override
  public Integer call() {
    try {
      Storage.defaultOptions(); // registers s3:// with the region defaulted
      Selection filter = new Selection(exchanges, symbols, dates);
      long bytes = FeatureReport.write(outputRoot, filter, out);
      System.out.printf(Locale.ROOT, "Report: %s (%.1f MB)%n", out.toAbsolutePath(), bytes / 1e6);
      return 0;
    } catch (UserError e) {
      System.err.println("etl: error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("etl: error: " + Redaction.apply(String.valueOf(e.getMessage())));
      return 1;
    }
  }
}
