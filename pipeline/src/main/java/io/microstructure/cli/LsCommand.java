package io.microstructure.cli;

import io.microstructure.pipeline.RootListing;
import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code etl ls <output root>}: what a root holds and whether it is whole. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List an output root's tables: partitions, rows and time span (from the Parquet footers),",
      "the run that wrote them (from _runs/*.json), and whether the root is complete or",
      "interrupted. Local folders and s3:// roots.",
      "",
      "Example:",
      "  bin/etl ls demo/out --partitions"
    })
final class LsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUTPUT_ROOT", description = "The output root.")
  String root;

  @Option(names = "--partitions", description = "Also list each partition.")
  boolean partitions;

  @Override
  public Integer call() {
    return Cli.guard(
        () -> {
          Storage.defaultOptions(); // registers s3:// with the region defaulted
          String r = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
          RootListing listing;
          try {
            listing = RootListing.of(r);
          } catch (java.io.IOException | IllegalStateException e) {
            throw new UserError(r + ": " + e.getMessage());
          }
          if (listing.state().runs().isEmpty()) {
            throw new UserError(r + ": " + listing.state().describe());
          }
          listing.lines(r, partitions).forEach(System.out::println);
          return 0;
        });
  }
}
