package io.microstructure.pipeline;

import io.microstructure.io.ParquetFooters;
import io.microstructure.output.FileKeys;
import io.microstructure.output.RunLog;
import io.microstructure.output.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What an output root holds, for {@code etl ls}: from the run records ({@code _runs/*.json}) the
 * partitions of each table and the run that last wrote each (a later complete run replaces an
 * earlier one's partition), and from the Parquet footers of their files the rows and the time span
 * (min/max statistics of capture_ts, or bar_start for bars). Works on any Beam filesystem.
 */
public final class RootListing {
  /** One partition: its folder below the table, files, rows, span (µs; 0 when unknown), run. */
  public record Partition(
      String dir, int files, long rows, long fromMicros, long toMicros, String run, String problem) {}

  /** One table: its folder below the root and its partitions. */
  public record Table(String name, List<Partition> partitions) {
    public long rows() {
      return partitions.stream().mapToLong(Partition::rows).sum();
    }

    public long fromMicros() {
      return partitions.stream()
          .filter(p -> p.toMicros() != 0)
          .mapToLong(Partition::fromMicros)
          .min()
          .orElse(0);
    }

    public long toMicros() {
      return partitions.stream().mapToLong(Partition::toMicros).max().orElse(0);
    }

    public TreeSet<String> runs() {
      TreeSet<String> runs = new TreeSet<>();
      partitions.forEach(p -> runs.add(p.run()));
      return runs;
    }
  }

  private final RootState state;
  private final List<Table> tables;
  private final Map<String, Long> deadLetters;

  private RootListing(RootState state, List<Table> tables, Map<String, Long> deadLetters) {
    this.state = state;
    this.tables = tables;
    this.deadLetters = deadLetters;
  }

  public RootState state() {
    return state;
  }

  public List<Table> tables() {
    return tables;
  }

  /** Dead-letter rows per channel, as the runs that wrote them counted. */
  public Map<String, Long> deadLetters() {
    return deadLetters;
  }

  public static RootListing of(String outputRoot) throws IOException {
    RootState state = RootState.of(outputRoot);
    RunLog log = new RunLog(outputRoot);
    // Oldest first: a later complete run's partition replaces an earlier one's, or, for an
    // incremental run, the files keyed from its resume point on (FileKeys).
    Map<String, RunRecord.Partition> partitions = new TreeMap<>();
    Map<String, String> writer = new TreeMap<>();
    for (RunRecord r : state.runs()) {
      if (r.status != RunRecord.Status.COMPLETE) {
        continue;
      }
      for (RunRecord.Partition p : r.partitions) {
        if (p.dir().startsWith("_state/")) {
          continue; // an incremental run's carries, not a table
        }
        RunRecord.Partition before = partitions.get(p.dir());
        partitions.put(p.dir(), before == null ? p : after(before, p));
        writer.put(p.dir(), r.runId);
      }
    }
    Map<String, List<Partition>> byTable = new TreeMap<>();
    Map<String, Long> dead = new TreeMap<>();
    for (Map.Entry<String, RunRecord.Partition> e : partitions.entrySet()) {
      String dir = e.getKey();
      RunRecord.Partition p = e.getValue();
      if (dir.startsWith("_rejected/")) {
        long rows = p.files().stream().mapToLong(RunRecord.File::rows).sum();
        dead.merge(dir.substring("_rejected/".length()), rows, Long::sum);
        continue;
      }
      if (p.files().isEmpty()) {
        continue; // emptied: its rows were recomputed and none came out
      }
      int at = dir.indexOf("/exchange=");
      String table = at < 0 ? dir : dir.substring(0, at);
      String below = at < 0 ? "" : dir.substring(at + 1);
      byTable
          .computeIfAbsent(table, k -> new ArrayList<>())
          .add(partition(log, dir, below, p, writer.get(dir)));
    }
    List<Table> tables = new ArrayList<>();
    byTable.forEach((name, ps) -> tables.add(new Table(name, ps)));
    return new RootListing(state, tables, dead);
  }

  /** A folder's files once a later run's partition is committed over an earlier one's. */
  private static RunRecord.Partition after(RunRecord.Partition before, RunRecord.Partition p) {
    if (p.replacesFrom() == null) {
      return p;
    }
    Map<String, RunRecord.File> files = new TreeMap<>();
    for (RunRecord.File f : before.files()) {
      if (!FileKeys.keyedFrom(f.name(), p.replacesFrom())) {
        files.put(f.name(), f);
      }
    }
    p.files().forEach(f -> files.put(f.name(), f));
    return new RunRecord.Partition(p.dir(), List.copyOf(files.values()), p.replacesFrom());
  }

  private static Partition partition(
      RunLog log, String dir, String below, RunRecord.Partition p, String run) {
    long rows = 0;
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    List<String> problems = new ArrayList<>();
    for (RunRecord.File f : p.files()) {
      String path = log.absolute(dir + "/" + f.name());
      ParquetMetadata footer;
      try {
        footer = ParquetFooters.footer(FileSystems.matchNewResource(path, false));
      } catch (IOException | RuntimeException e) {
        problems.add(f.name() + " unreadable (" + e.getMessage() + ")");
        continue;
      }
      long n = 0;
      for (BlockMetaData b : footer.getBlocks()) {
        n += b.getRowCount();
        for (ColumnChunkMetaData c : b.getColumns()) {
          String column = c.getPath().toDotString();
          if (column.equals("capture_ts") || column.equals("bar_start")) {
            Statistics<?> s = c.getStatistics();
            if (s != null && s.hasNonNullValue()) {
              from = Math.min(from, ((Number) s.genericGetMin()).longValue());
              to = Math.max(to, ((Number) s.genericGetMax()).longValue());
            }
          }
        }
      }
      if (n != f.rows()) {
        problems.add(f.name() + " holds " + n + " rows, its run recorded " + f.rows());
      }
      rows += n;
    }
    if (from > to) {
      from = 0;
      to = 0;
    }
    return new Partition(
        below,
        p.files().size(),
        rows,
        from,
        to,
        run,
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  /** The listing as {@code etl ls} prints it. */
  public List<String> lines(String outputRoot, boolean partitions) {
    List<String> out = new ArrayList<>();
    out.add("Output root " + outputRoot + ": " + state.describe());
    if (tables.isEmpty()) {
      out.add("No tables written by a complete run.");
    }
    for (Table t : tables) {
      out.add(
          String.format(
              "%s: %d partition%s, %,d rows, %s, run %s",
              t.name(),
              t.partitions().size(),
              t.partitions().size() == 1 ? "" : "s",
              t.rows(),
              span(t.fromMicros(), t.toMicros()),
              String.join(", ", t.runs())));
      if (partitions) {
        for (Partition p : t.partitions()) {
          out.add(
              String.format(
                  "  %s: %d file%s, %,d rows, %s, run %s%s",
                  p.dir(),
                  p.files(),
                  p.files() == 1 ? "" : "s",
                  p.rows(),
                  span(p.fromMicros(), p.toMicros()),
                  p.run(),
                  p.problem() == null ? "" : " [" + p.problem() + "]"));
        }
      }
    }
    if (!deadLetters.isEmpty()) {
      List<String> dl = new ArrayList<>();
      deadLetters.forEach((c, n) -> dl.add(c + " " + String.format("%,d", n)));
      out.add("Dead letters (_rejected/): " + String.join(", ", dl));
    }
    return out;
  }

  static String span(long fromMicros, long toMicros) {
    if (fromMicros == 0 && toMicros == 0) {
      return "no time span";
    }
    return micros(fromMicros) + " .. " + micros(toMicros);
  }

  private static Instant micros(long us) {
    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000);
  }
}
