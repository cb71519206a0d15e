package io.microstructure.cli;

import io.microstructure.convert.LegacyConverter;
import io.microstructure.input.CaptureTsUnit;
import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Storage;
import io.microstructure.transforms.ReadLegacyNdjson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code etl convert}: legacy mixed NDJSON archives to the channel-separated Parquet layout. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert legacy mixed NDJSON (plain or .ndjson.gz) into hourly channel-separated Parquet",
      "segments under <raw-root>/ready/<source>/, keeping every column (seq included).",
      "",
      "Example:",
      "  bin/etl convert --input demo/raw/legacy/ccxt --raw-root demo/converted"
    })
final class ConvertCommand implements Callable<Integer> {
  @Option(
      names = "--input",
      required = true,
      description = "A folder of *.ndjson[.gz] files, or a glob.")
  String input;

  @Option(names = "--raw-root", required = true, description = "Where the Parquet layout goes.")
  String rawRoot;

  @Option(
      names = "--source",
      defaultValue = "ccxt",
      description = "Source name (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--book-layout",
      defaultValue = "struct",
      description = "struct (list<struct<price, amount>>) or pairs (list<list<double>>).")
  String bookLayout;

  @Option(
      names = "--capture-ts-unit",
      defaultValue = "us",
      description = "Unit of capture_ts in the NDJSON: ms, us or ns (default: ${DEFAULT-VALUE}).")
  String unit;

  @Override
  public Integer call() {
    return Cli.guard(
        () -> {
          if (!bookLayout.equals("struct") && !bookLayout.equals("pairs")) {
            throw new UserError("--book-layout must be struct or pairs");
          }
          Storage.defaultOptions(); // registers s3:// etc. with the region defaulted
          long start = System.nanoTime();
          LegacyConverter.Result r;
          try {
            r =
                new LegacyConverter(
                        rawRoot, source, bookLayout.equals("pairs"), CaptureTsUnit.parse(unit))
                    .convert(ReadLegacyNdjson.filepattern(input));
          } catch (java.io.IOException e) {
            throw new UserError(e.getMessage());
          }
          System.out.printf(
              "Converted %,d lines into %d files under %s/ready/%s in %.1f s%n",
              r.linesRead, r.files.size(), rawRoot, source, (System.nanoTime() - start) / 1e9);
          r.rows.forEach((c, n) -> System.out.printf("  %-10s %,12d rows%n", c.folder(), n));
          if (r.unconverted > 0) {
            System.out.printf(
                "  %,d lines were no row of any channel (see %s/_unconverted.ndjson), e.g.%n",
                r.unconverted, rawRoot);
            r.unconvertedExamples.forEach(e -> System.out.println("    " + e));
          }
          return 0;
        });
  }
}
