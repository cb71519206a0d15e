package io.microstructure.output;

import io.microstructure.model.PartitionValue;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import io.microstructure.model.PartitionValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run did to an output root, kept as {@code _runs/<run-id>.json} ({@link RunLog}): its
 * inputs and parameters, and once it commits, every file it moves into the tables and the folders
 * it empties. The status says how far it got:
 *
 * <ul>
 *   <li>{@code running}: computing; nothing in the tables has changed yet.
 *   <li>{@code committing}: the list of files is final and files are being moved into the tables.
 *       A root with such a record is <b>interrupted</b> until the commit is finished (the next run
 *       rolls it forward from this record).
 *   <li>{@code complete}: every file is in place, stale files are gone.
 *   <li>{@code failed} / {@code abandoned}: the run failed, or was killed, before it committed;
 *       the tables are as the previous run left them.
 * </ul>
 *
 * Paths in the record are relative to the output root, so a root can be moved or copied whole.
 * Plain mutable data, serialized with Gson in snake_case.
 */
public final class RunRecord {
  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .create();

  /** How far a run got; see the class comment. */
  public enum Status {
    @SerializedName("running")
    RUNNING,
    @SerializedName("committing")
    COMMITTING,
    @SerializedName("complete")
    COMPLETE,
    @SerializedName("failed")
    FAILED,
    @SerializedName("abandoned")
    ABANDONED;

    /** A run in this state has changed the tables only partly. */
    public boolean interruptsTheRoot() {
      return this == COMMITTING;
    }
  }

  /** One input file as the run found it. */
  public record Input(String path, long bytes) {}

  /** One file of a partition: where it was staged, its final name, its rows. */
  public record File(String staged, String name, long rows) implements java.io.Serializable {}

  /** A partition folder the run replaces: its files after the commit, and nothing else. */
  public record Partition(String dir, List<File> files) implements java.io.Serializable {}

  /** Files and rows of one table. */
  public record TableRows(long files, long rows, Map<String, Long> markets) {}

  public String runId;
  public Status status;
  public String started;
  public String ended;
  public String host;
  public Long pid;
  public String runner;
  public Map<String, String> parameters = new LinkedHashMap<>();
  public List<Input> inputs = new ArrayList<>();

  /**
   * Every partition folder the run replaces, with the files it holds afterwards. A folder with no
   * files is emptied (dead letters of a channel the run read and found no fault in).
   */
  public List<Partition> partitions = new ArrayList<>();
  /** Files and rows per table, by table folder relative to the root; derived from partitions. */
  public Map<String, TableRows> tables = new TreeMap<>();
  /** Dead letters this run wrote, per channel. */
  public Map<String, Long> deadLetters = new TreeMap<>();

  /**
   * What a complete run counted, by {@code <channel>/<counter>} (rows read, rejected, filtered,
   * duplicate snapshots and trades dropped, ...): the job's counters, added once it has ended.
   */
  public Map<String, Long> counters = new TreeMap<>();

  public String error;
  /** The run that finished this run's commit, or marked it abandoned. */
  public String recoveredBy;

  public RunRecord() {}

  public RunRecord(String runId) {
    this.runId = runId;
    this.status = Status.RUNNING;
  }

  public String toJson() {
    return GSON.toJson(this) + "\n";
  }

  /** Parses a record; a malformed one is reported with its file. */
  public static RunRecord fromJson(String json, String file) {
    try {
      RunRecord r = GSON.fromJson(json, RunRecord.class);
      if (r == null || r.runId == null || r.status == null) {
        throw new JsonParseException("run_id or status missing");
      }
      return r;
    } catch (JsonParseException e) {
      throw new IllegalStateException(file + ": not a run record: " + e.getMessage(), e);
    }
  }

  // A partition folder: <table>/[duration=<d>s/]exchange=<ex>/symbol=<sym>/date=<d>. Bars of each
  // duration are a table of their own, as readers open them.
  private static final Pattern MARKET_PARTITION =
      Pattern.compile("^(.*?)/exchange=([^/]+)/symbol=([^/]+)/date=[^/]+$");
  private static final String REJECTED = "_rejected/";

  /**
   * {@code <exchange>/<symbol>} with the folder values unescaped, e.g. {@code binance/BTC/USDT}: an
   * exchange id holds no '/', so the first one separates them.
   */
  private static String marketName(String exchangeFolder, String symbolFolder) {
    return PartitionValue.unescape(exchangeFolder) + "/" + PartitionValue.unescape(symbolFolder);
  }

  /** Sets {@link #tables} and {@link #deadLetters} from {@link #partitions}. */
  public void summarize() {
    tables = new TreeMap<>();
    deadLetters = new TreeMap<>();
    Map<String, long[]> totals = new TreeMap<>();
    Map<String, Map<String, Long>> markets = new TreeMap<>();
    for (Partition p : partitions) {
      long rows = p.files().stream().mapToLong(File::rows).sum();
      if (p.dir().startsWith(REJECTED)) {
        deadLetters.merge(p.dir().substring(REJECTED.length()), rows, Long::sum);
        continue;
      }
      Matcher m = MARKET_PARTITION.matcher(p.dir());
      String table = m.matches() ? m.group(1) : p.dir();
      long[] t = totals.computeIfAbsent(table, k -> new long[2]);
      t[0] += p.files().size();
      t[1] += rows;
      if (m.matches()) {
        markets
            .computeIfAbsent(table, k -> new TreeMap<>())
            .merge(marketName(m.group(2), m.group(3)), rows, Long::sum);
      }
    }
    totals.forEach(
        (table, t) ->
            tables.put(table, new TableRows(t[0], t[1], markets.getOrDefault(table, Map.of()))));
  }
}
