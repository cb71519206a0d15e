package io.microstructure.report;

import io.microstructure.io.LocalPaths;
import io.microstructure.model.MarketKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The Parquet files of an output root, listed once through Beam's {@link FileSystems} (local and
 * {@code s3://} roots alike): the partitioned tables ({@code <table>/exchange=…/symbol=…/date=…/})
 * and the dead letters ({@code _rejected/<channel>/}). Staging ({@code _temporary}), run records
 * and hidden or {@code _}-prefixed files are not tables.
 */
public final class OutputTables {

  private final String root;
  private final SortedMap<String, List<TableFile>> tables;
  private final SortedMap<String, List<ResourceId>> rejected;

  private OutputTables(
      String root, SortedMap<String, List<TableFile>> tables, SortedMap<String, List<ResourceId>> rejected) {
    this.root = root;
    this.tables = tables;
    this.rejected = rejected;
  }

  public static OutputTables scan(String outputRoot) throws IOException {
    String root = LocalPaths.canonicalRoot(outputRoot);
    SortedMap<String, List<TableFile>> tables = new TreeMap<>();
    SortedMap<String, List<ResourceId>> rejected = new TreeMap<>();
    MatchResult m = FileSystems.match(root + "/**", EmptyMatchTreatment.ALLOW);
    List<MatchResult.Metadata> files = m.status() == MatchResult.Status.OK ? m.metadata() : List.of();
    String prefix = root + "/";
    for (MatchResult.Metadata f : files) {
      String path = f.resourceId().toString();
      if (!path.startsWith(prefix) || !path.endsWith(".parquet")) {
        continue;
      }
      String relative = path.substring(prefix.length());
      String name = relative.substring(relative.lastIndexOf('/') + 1);
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      String[] segments = relative.split("/");
      if (segments.length == 3 && segments[0].equals("_rejected")) {
        rejected.computeIfAbsent(segments[1], c -> new ArrayList<>()).add(f.resourceId());
        continue;
      }
      if (relative.startsWith("_") || relative.contains("/_") || relative.contains("/.")) {
        continue;
      }
      PartitionPath.ofRelativeFile(relative)
          .ifPresent(
              p -> tables.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(new TableFile(p, f.resourceId())));
    }
    Comparator<TableFile> byPath = Comparator.comparing(t -> t.file().toString());
    tables.values().forEach(l -> l.sort(byPath));
    rejected.values().forEach(l -> l.sort(Comparator.comparing(ResourceId::toString)));
    return new OutputTables(root, tables, rejected);
  }

  /** The root, as an absolute local path or a URI without a trailing slash. */
  public String root() {
    return root;
  }

  /** Table folder (relative to the root) to its files, sorted by path. */
  public SortedMap<String, List<TableFile>> tables() {
    return tables;
  }

  /** Dead-letter channel to its files. */
  public SortedMap<String, List<ResourceId>> rejected() {
    return rejected;
  }

  /** The files of {@code table} that {@code filter} selects. */
  public List<TableFile> files(String table, Selection filter) {
    return tables.getOrDefault(table, List.of()).stream()
        .filter(f -> filter.matches(f.partition()))
        .toList();
  }

  /** Tables whose folder ends with {@code suffix} (e.g. {@code orderbook/hf}), in name order. */
  public List<String> tablesEndingWith(String suffix) {
    return tables.keySet().stream().filter(t -> t.equals(suffix) || t.endsWith("/" + suffix)).toList();
  }

  /** The files of one table grouped by market (exchange, symbol), markets in name order. */
  public static SortedMap<MarketKey, List<TableFile>> byMarket(List<TableFile> files) {
    SortedMap<MarketKey, List<TableFile>> m = new TreeMap<>();
    for (TableFile f : files) {
      m.computeIfAbsent(f.partition().market(), k -> new ArrayList<>()).add(f);
    }
    // Days in order: a market's rows are read day after day.
    m.values().forEach(l -> l.sort(Comparator.comparing((TableFile f) -> f.partition().date())
        .thenComparing(f -> f.file().toString())));
    return m;
  }

}
