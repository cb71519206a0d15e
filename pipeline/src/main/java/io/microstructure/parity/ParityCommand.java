package io.microstructure.parity;

import io.microstructure.pipeline.RootState;
import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Redaction;
import io.microstructure.storage.Storage;
import io.microstructure.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code etl parity LEFT_ROOT RIGHT_ROOT}: are two output roots the same within the tolerance? */
@Command(
    name = "parity",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two output roots table by table, row by row on (exchange, symbol, capture_ts)"
          + " (bar_start for time bars, bar_index for volume bars) and column by column: doubles"
          + " within |x - y| <= tolerance * max(1, |x|, |y|), other values exactly, nulls must"
          + " coincide, NaN never matches.",
      "Prints per table and column the rows compared, mismatches and the worst one, and the"
          + " missing (LEFT only) and extra (RIGHT only) rows and columns. Folders starting with"
          + " '_' (_rejected, _temporary) are not compared.",
      "Exit code: 0 identical, 1 differences, 2 usage error, unreadable root, or a root whose"
          + " last commit was interrupted (see README, \"What an output root guarantees\").",
      "Memory: one exchange/symbol/date partition per side at a time, ~1 KB per row of the"
          + " order-book table (raise the heap with ETL_JAVA_OPTS=-Xmx4g for days of 10 Hz data).",
      "",
      "Example:",
      "  bin/etl parity out/legacy out/parquet --json parity.json",
      "Any further --flag=value is passed to Beam's filesystems (e.g. s3 settings)."
    })
public final class ParityCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LEFT_ROOT", description = "Output root (folder or URI).")
  String left;

  @Parameters(index = "1", paramLabel = "RIGHT_ROOT", description = "Output root to compare.")
  String right;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE.")
  String json;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-9",
      description = "Relative tolerance of doubles (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--max-examples",
      defaultValue = "20",
      description = "Keys listed per kind of difference (default: ${DEFAULT-VALUE}).")
  int maxExamples;

  @Option(
      names = "--table",
      paramLabel = "PREFIX",
      description =
          "Compare only tables whose path starts with PREFIX, e.g. ccxt/orderbook/hf"
              + " (repeatable).")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--allow-incomplete",
      description =
          "Compare roots whose last commit was interrupted (a _runs/ record still says"
              + " committing) instead of refusing them; a warning is printed.")
  boolean allowIncomplete;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    quietHadoopCodecLogging();
    try {
      ParityOptions options;
      try {
        options = new ParityOptions(tolerance, maxExamples, tables);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      if (!beamArgs.isEmpty()) {
        Redaction.rememberIn(beamArgs);
        try {
          Storage.optionsFromArgs(beamArgs);
        } catch (IllegalArgumentException e) {
          throw new UserError(
              "unknown option "
                  + String.join(" ", beamArgs)
                  + " (neither a parity option nor a Beam one: "
                  + e.getMessage()
                  + ")");
        }
      }
      for (String root : List.of(left, right)) {
        if (Storage.isS3(root)) {
          try {
            Storage.check(root);
          } catch (StorageException e) {
            throw new UserError(e.getMessage());
          }
        }
      }
      for (String root : List.of(left, right)) {
        RootState state = RootState.of(root);
        if (!state.complete()) {
          String what = (root.equals(left) ? "LEFT_ROOT " : "RIGHT_ROOT ") + root + " is ";
          if (!allowIncomplete) {
            throw new UserError(
                what + state.describe() + " (--allow-incomplete compares it anyway)");
          }
          err.println("etl: warning: " + what + state.describe());
        } else if (state.holder().isPresent()) {
          err.println("etl: warning: " + root + ": " + state.describe());
        }
      }
      ParityReport report = ParityCheck.compare(left, right, options);
      report.print(out);
      if (json != null) {
        write(json, report.toJson());
        out.println("JSON report: " + json);
      }
      return report.identical() ? 0 : 1;
    } catch (UserError e) {
      err.println("etl: error: " + Redaction.apply(e.getMessage()));
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("etl: error: " + Redaction.apply(rootMessage(e)));
      return 2;
    }
  }

  private static void write(String target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (target.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !target.startsWith("file:")) {
      try (OutputStream o =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(target, false), MimeTypes.TEXT))) {
        o.write(bytes);
      }
    } else {
      Path p = target.startsWith("file:") ? Path.of(java.net.URI.create(target)) : Path.of(target);
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(p, bytes);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return m.lines().findFirst().orElse(m);
  }

  private static void quietHadoopCodecLogging() {
    String key = "org.slf4j.simpleLogger.log.org.apache.hadoop.io.compress.CodecPool";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }
}
