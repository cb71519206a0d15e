package io.microstructure.generate;

import io.microstructure.storage.Redaction;
import io.microstructure.storage.Storage;
import io.microstructure.storage.StorageException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code etl generate}: writes a deterministic sample market in the raw input layout. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a deterministic sample market (order books, trades, tickers of CCXT-like capture)",
      "as hourly Parquet segments under <out>/ready/<source>/, the same rows as legacy NDJSON",
      "under <out>/legacy/<source>/, and <out>/manifest.json with the true counts of every",
      "edge case (invalid rows, duplicates, crossed/one-sided books, capture gaps).",
      "Any further --flag=value is passed to Beam's filesystems, e.g. --awsRegion, --endpoint."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output root: a directory or a Beam filesystem URI (s3://bucket/prefix).")
  String out;

  @Option(names = "--hours", paramLabel = "N", description = "Hours of data (default: 1).")
  Integer hours;

  @Option(
      names = "--duration",
      paramLabel = "ISO_DURATION",
      description = "Length of data as an ISO-8601 duration, e.g. PT10M (instead of --hours).")
  Duration duration;

  @Option(
      names = "--row-group-rows",
      paramLabel = "N",
      description =
          "Rows per Parquet row group, as capture tools that flush often write them (daedalus:"
              + " 1000); default: row groups of about 64 MB.")
  Integer rowGroupRows;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "ISO_INSTANT",
      defaultValue = "2026-01-05T00:00:00Z",
      description = "First instant of data, UTC (default: ${DEFAULT-VALUE}).")
  Instant start;

  @Option(
      names = "--exchanges",
      split = ",",
      paramLabel = "a,b",
      description = "CCXT exchange ids (default: binance,okx).")
  List<String> exchanges;

  @Option(
      names = "--symbols",
      split = ",",
      paramLabel = "X,Y",
      description =
          "CCXT unified symbols, each on every exchange "
              + "(default: BTC/USDT,ETH/USDT,SOL/USDT,1000PEPE/USDT:USDT).")
  List<String> symbols;

  @Option(
      names = "--snapshot-hz",
      paramLabel = "HZ",
      defaultValue = "10",
      description = "Order-book snapshots per second per key (default: ${DEFAULT-VALUE}).")
  double snapshotHz;

  @Option(
      names = "--levels",
      paramLabel = "N",
      defaultValue = "20",
      description = "Book levels per side (default: ${DEFAULT-VALUE}).")
  int levels;

  @Option(
      names = "--book-layout",
      paramLabel = "struct|pairs",
      defaultValue = "struct",
      converter = LayoutConverter.class,
      description =
          "bids/asks as list<struct<price,amount>> (struct) or list<list<double>> "
              + "(pairs) (default: ${DEFAULT-VALUE}).")
  BookLayout bookLayout;

  @Option(
      names = "--legacy-lists",
      description = "Write the legacy 2-level Parquet LIST encoding instead of the standard one.")
  boolean legacyLists;

  @Option(names = "--no-seq", description = "Write seq as null everywhere.")
  boolean noSeq;

  @Option(names = "--no-ndjson", description = "Skip the legacy NDJSON files.")
  boolean noNdjson;

  @Option(names = "--clean", description = "No edge cases (every edge-case rate 0).")
  boolean clean;

  @Option(
      names = "--edge-rate",
      paramLabel = "P",
      description = "Set every edge-case rate to P (default: 0.001).")
  Double edgeRate;

  @Option(
      names = "--gaps-per-hour",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Capture gaps (>300 s, one key each) per hour of data (default: " + "${DEFAULT-VALUE}).")
  int gapsPerHour;

  @Option(
      names = "--trade-rate-scale",
      paramLabel = "X",
      defaultValue = "1",
      description = "Multiply every symbol's trade rate by X (default: ${DEFAULT-VALUE}).")
  double tradeRateScale;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      defaultValue = "ccxt",
      description =
          "Source name: the directory under ready/ and legacy/ (default: " + "${DEFAULT-VALUE}).")
  String source;

  /** Accepts struct/pairs in any case. */
  static final class LayoutConverter implements CommandLine.ITypeConverter<BookLayout> {
    @Override
    public BookLayout convert(String value) {
      try {
        return BookLayout.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "expected struct or pairs, got '" + value + "'");
      }
    }
  }

  /** The config these options describe. */
  GeneratorConfig toConfig() {
    if (hours != null && duration != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--hours and --duration are mutually exclusive");
    }
    try {
      GeneratorConfig.Builder b =
          GeneratorConfig.builder()
              .seed(seed)
              .start(start)
              .snapshotHz(snapshotHz)
              .bookLevels(levels)
              .bookLayout(bookLayout)
              .legacyLists(legacyLists)
              .withSeq(!noSeq)
              .writeNdjson(!noNdjson)
              .gapsPerHour(gapsPerHour)
              .tradeRateScale(tradeRateScale)
              .source(source);
      if (hours != null) {
        b.hours(hours);
      }
      if (rowGroupRows != null) {
        b.rowGroupRows(rowGroupRows);
      }
      if (duration != null) {
        b.duration(duration);
      }
      if (exchanges != null) {
        b.exchanges(exchanges.stream().map(String::trim).toList());
      }
      if (symbols != null) {
        b.symbols(symbols.stream().map(String::trim).toList());
      }
      if (edgeRate != null) {
        b.edgeCaseRate(edgeRate);
      }
      b.cleanOnly(clean);
      return b.build();
    } catch (IllegalArgumentException e) {
      // A value picocli parsed but the generator cannot use (--hours 0): a usage mistake.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Beam filesystem flags (S3: --awsRegion, --endpoint, --awsCredentialsProvider ...). */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  private PipelineOptions pipelineOptions;

  /**
   * Options to register Beam's filesystems with before writing (e.g. S3 endpoint, region and
   * credentials): for the parent {@code etl} command. Without them, a URI output (s3://, gs://)
   * registers the filesystems with default options, and a local path registers nothing.
   */
  public GenerateCommand withPipelineOptions(PipelineOptions options) {
    this.pipelineOptions = options;
    return this;
  }

  @Override
  public Integer call() throws Exception {
    GeneratorConfig cfg = toConfig();
    quietHadoopCodecLogging();
    PipelineOptions options = pipelineOptions;
    if (options != null) {
      FileSystems.setDefaultPipelineOptions(options);
    } else if (!beamArgs.isEmpty()) {
      Redaction.rememberIn(beamArgs);
      try {
        options = Storage.optionsFromArgs(beamArgs);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown option "
                + String.join(" ", beamArgs)
                + " (neither a generate option nor a Beam one: "
                + e.getMessage()
                + ")");
      }
    } else if (out.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !out.startsWith("file://")) {
      options = Storage.defaultOptions(); // registers s3:// etc. with the region defaulted
    }
    if (Storage.isS3(out)) {
      try {
        Storage.check(options, out);
      } catch (StorageException e) {
        spec.commandLine().getErr().println("etl: error: " + Redaction.apply(e.getMessage()));
        spec.commandLine().getErr().flush();
        return 2;
      }
    }
    long t0 = System.nanoTime();
    GenerationManifest m = SampleMarketGenerator.generate(cfg, out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "generated %s .. %s (seed %d) into %s in %.1f s%n",
        cfg.start(),
        cfg.end(),
        cfg.seed(),
        out,
        seconds);
    w.printf(
        Locale.ROOT,
        "  files: %d parquet, %d ndjson, manifest.json%n",
        m.files().stream().filter(f -> !f.channel().equals("legacy")).count(),
        m.files("legacy").size());
    w.printf(
        Locale.ROOT, "  keys: %d (%s x %s)%n", m.keys().size(), cfg.exchanges(), cfg.symbols());
    var ob = m.orderbook();
    var tr = m.trades();
    var tk = m.ticker();
    w.printf(
        Locale.ROOT,
        "  orderbook: %,d rows (%,d invalid, %,d duplicate snapshots, "
            + "%,d crossed/locked, %,d one-sided)%n",
        ob.rows(),
        ob.invalidRows(),
        ob.duplicateSnapshots(),
        ob.crossedOrLockedBooks(),
        ob.oneSidedBooks());
    w.printf(
        Locale.ROOT,
        "  trades:    %,d rows (%,d invalid, %,d repeated ids, "
            + "%,d at a snapshot's capture_ts)%n",
        tr.rows(),
        tr.invalidRows(),
        tr.duplicateTradeIds(),
        tr.sameCaptureTsAsSnapshot());
    w.printf(
        Locale.ROOT,
        "  ticker:    %,d rows (%,d invalid, %,d at a snapshot's " + "capture_ts)%n",
        tk.rows(),
        tk.invalidRows(),
        tk.sameCaptureTsAsSnapshot());
    w.printf(
        Locale.ROOT,
        "  capture gaps > %.0f s: %d%n",
        m.gapThresholdSeconds(),
        m.captureGaps().size());
    w.flush();
    return 0;
  }

  /** Hadoop logs every Snappy compressor it creates at INFO (with slf4j-simple): 3 per hour. */
  private static void quietHadoopCodecLogging() {
    String key = "org.slf4j.simpleLogger.log.org.apache.hadoop.io.compress.CodecPool";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }
}
