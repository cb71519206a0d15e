package io.microstructure.cli;

import io.microstructure.io.ParquetFooters;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.beam.sdk.io.FileSystems;

/** Rows the input holds per channel, from its files' footers: the totals progress is shown of. */
final class InputTotals {
  private InputTotals() {}

  /**
   * Sums the footers' row counts per channel. A channel with a file whose footer cannot be read is
   * left out (the run itself reports that file); summing stops when {@code stop} says so.
   */
  static Map<String, Long> rowsPerChannel(
      Map<String, List<String>> filesByChannel, BooleanSupplier stop) {
    Map<String, Long> totals = new LinkedHashMap<>();
    channels:
    for (Map.Entry<String, List<String>> channel : filesByChannel.entrySet()) {
      long rows = 0;
      for (String file : channel.getValue()) {
        if (stop.getAsBoolean()) {
          return totals;
        }
        try {
          rows += ParquetFooters.rowCount(FileSystems.matchNewResource(file, false));
        } catch (IOException | RuntimeException e) {
          continue channels;
        }
      }
      totals.put(channel.getKey(), rows);
    }
    return totals;
  }
}
