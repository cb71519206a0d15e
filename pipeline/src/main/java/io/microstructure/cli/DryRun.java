package io.microstructure.cli;

import io.microstructure.config.EtlConfig;
import io.microstructure.input.FooterCheck;
import io.microstructure.model.Channel;
import io.microstructure.model.MarketFilter;
import io.microstructure.model.MarketKey;
import io.microstructure.output.OutputLayout;
import io.microstructure.pipeline.InputInventory;
import io.microstructure.pipeline.MicrostructureOptions;
import io.microstructure.pipeline.UserError;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code run --dry-run}: what a run would read and write, without running anything. */
final class DryRun {
  private DryRun() {}

  static void print(
      PrintStream out,
      EtlConfig config,
      MicrostructureOptions options,
      InputInventory inventory,
      MarketFilter filter,
      Set<Channel> outputs,
      boolean vectorized) {
    out.println("Dry run: nothing is read beyond file listings, footers and the exchange/symbol columns.");
    out.println("Config: " + (config.file == null ? "(embedded default)" : config.file));
    out.println(
        "Mode: "
            + options.getMode()
            + "; channels: "
            + options.getChannels()
            + "; runner: "
            + options.getRunner().getSimpleName());
    out.println();
    if (config.legacyInput != null) {
      out.println("Legacy NDJSON input " + config.legacyInput);
      files(out, "legacy", inventory.legacyFiles());
    } else {
      String folder = config.inputRoot + "/ready/" + config.source + "/";
      out.println("Input " + folder);
      for (Map.Entry<Channel, List<InputInventory.InputFile>> e : inventory.files().entrySet()) {
        files(out, e.getKey().folder(), e.getValue());
      }
      SkippedFiles.print(out, folder, inventory.skipped());
    }
    long[] span = inventory.span();
    if (span[1] > 0) {
      out.println(
          "Time span: " + Instant.ofEpochSecond(span[0]) + " .. " + Instant.ofEpochSecond(span[1]));
    }
    Map<MarketKey, TreeSet<String>> kept = inventory.markets(filter);
    out.printf(
        "Markets: %d found%s%n",
        inventory.markets().size(),
        filter.keepsEverything()
            ? ""
            : ", " + kept.size() + " kept by the filters (" + filter + ")");
    for (MarketKey k : inventory.markets().keySet()) {
      out.printf("  %-36s %s%n", k, kept.containsKey(k) ? "" : "(filtered out)");
    }
    out.println();
    String root = config.outputRoot == null ? "<output root>" : config.outputRoot;
    OutputLayout layout = new OutputLayout(root, config.source);
    List<String> tables = new ArrayList<>();
    if (outputs.contains(Channel.ORDERBOOK) || vectorized) {
      tables.add(layout.orderbookHf());
      if (!vectorized) {
        for (long d : options.getBarDurations()) {
          tables.add(layout.orderbookBars(d));
        }
      }
    }
    if (!vectorized && outputs.contains(Channel.TRADES)) {
      tables.add(layout.channelTable(Channel.TRADES, "hf"));
      tables.add(layout.channelTable(Channel.TRADES, "volume_bars"));
    }
    if (!vectorized && outputs.contains(Channel.TICKER)) {
      tables.add(layout.channelTable(Channel.TICKER, "hf"));
    }
    long partitions = kept.values().stream().mapToLong(Set::size).sum();
    out.printf(
        "Would write %d tables x %d partitions (market x date) each, replacing them:%n",
        tables.size(), partitions);
    for (String t : tables) {
      out.println("  " + t);
    }
    for (Map.Entry<MarketKey, TreeSet<String>> e : kept.entrySet()) {
      for (String date : e.getValue()) {
        out.printf(
            "    %s/date=%s%n",
            OutputLayout.marketPartition(e.getKey().exchange(), e.getKey().symbol()), date);
      }
    }
    out.println("  and dead letters under " + layout.rejected() + "/");
  }

  /**
   * The schema check of every input file's footer: each bad file with its problems (all of them,
   * not only the first), then the float32 warnings.
   *
   * @throws UserError (exit 2) when a file is bad
   */
  static void printFooterCheck(
      PrintStream out, InputInventory inventory, List<FooterCheck.Finding> findings) {
    if (inventory.files().isEmpty()) {
      return;
    }
    int files = inventory.files().values().stream().mapToInt(List::size).sum();
    Map<String, List<String>> bad = new java.util.LinkedHashMap<>();
    for (FooterCheck.Finding f : findings) {
      if (f.error()) {
        bad.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f.problem());
      }
    }
    out.println();
    out.printf(
        "Schema check (footers: types, required columns, capture_ts unit): %d file%s, %s%n",
        files, files == 1 ? "" : "s", bad.isEmpty() ? "all good" : bad.size() + " bad:");
    bad.forEach((path, problems) -> out.println("  " + path + ": " + String.join("; ", problems)));
    List<String> float32 = FooterCheck.float32Files(findings);
    if (!float32.isEmpty()) {
      out.printf("Warning: %d file%s with float32 prices or amounts:%n", float32.size(),
          float32.size() == 1 ? "" : "s");
      float32.forEach(l -> out.println("  " + l));
    }
    if (!bad.isEmpty()) {
      throw new UserError(
          bad.size() + " of " + files + " input files fail the schema check: " + bad.keySet());
    }
  }

  private static void files(PrintStream out, String channel, List<InputInventory.InputFile> files) {
    long bytes = files.stream().mapToLong(InputInventory.InputFile::bytes).sum();
    out.printf("  %-10s %4d files, %,.1f MB%n", channel, files.size(), bytes / 1e6);
    for (InputInventory.InputFile f : files) {
      // Below the channel folder: files in Hive-style subfolders keep their folders.
      int at = f.path().indexOf("/" + channel + "/");
      String shown = at < 0 ? f.path() : f.path().substring(at + channel.length() + 2);
      out.printf("      %-60s %,12d bytes%n", shown, f.bytes());
    }
  }
}
