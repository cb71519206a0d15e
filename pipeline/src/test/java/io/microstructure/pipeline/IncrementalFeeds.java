package io.microstructure.pipeline;

import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Feeds a generated capture's hourly segments into a raw root as capture would land them, for
 * the incremental-run tests; and the complete runs an output root records.
 */
public final class IncrementalFeeds {
  public static final List<String> CHANNELS = List.of("orderbook", "trades", "ticker");

  private IncrementalFeeds() {}

  /** Copies (or replaces) the {@code hour}th segment (0-based) of a channel of {@code from}. */
  public static void feed(Path from, Path feed, String channel, int hour) throws IOException {
    Path source;
    try (Stream<Path> files = Files.list(from.resolve("ready/ccxt/" + channel))) {
      source = files.sorted().toList().get(hour);
    }
    Path target = feed.resolve("ready/ccxt/" + channel).resolve(source.getFileName());
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every channel's segment of an hour. */
  public static void feedHour(Path from, Path feed, int hour) throws IOException {
    for (String c : CHANNELS) {
      feed(from, feed, c, hour);
    }
  }

  /** The complete runs of an output root, oldest first. */
  public static List<RunRecord> completeRuns(Path out) throws IOException {
    return new RunLog(out.toString())
        .all().stream().filter(r -> r.status == RunRecord.Status.COMPLETE).toList();
  }
}
