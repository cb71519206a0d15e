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

  /**
   * One input file as the run found it; an incremental run records the segments it reads with
   * their modification time (epoch ms; null when not recorded).
   */
  public record Input(String path, long bytes, Long modified) implements java.io.Serializable {
    public Input(String path, long bytes) {
      this(path, bytes, null);
    }
  }

  /**
   * What an incremental run did (README, "Incremental runs"): where it resumed, from which run's
   * state, the carries it recorded ({@code _state/carries/<run-id>.json}), and the segments it
   * found new, changed, removed or already processed.
   */
  public static final class Incremental implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** {@link FileKeys#stamp} of the resume point; the beginning for a first run. */
    public String resumedFrom;
    /** The complete run whose state this one continued; null for a first run. */
    public String basedOn;
    /** The carries file, relative to the root. */
    public String carries;
    /** The resume points whose carries it recorded ({@link FileKeys#stamp}), in time order. */
    public List<String> points = new ArrayList<>();
    public List<String> newSegments = new ArrayList<>();
    public List<String> changedSegments = new ArrayList<>();
    public List<String> removedSegments = new ArrayList<>();
    /** Segments processed by earlier runs and unchanged. */
    public long skippedSegments;
    /** Of those, the ones read again as warm-up. */
    public long warmUpSegments;
  }

  /** One file of a partition: where it was staged, its final name, its rows. */
  public record File(String staged, String name, long rows) implements java.io.Serializable {}

  /**
   * A partition folder the run replaces: its files after the commit, and nothing else; or, for
   * an incremental run ({@code replacesFrom} set, a {@link FileKeys} stamp), nothing else keyed
   * from that resume point on: its earlier files stay.
   */
  public record Partition(String dir, List<File> files, String replacesFrom)
      implements java.io.Serializable {
    public Partition(String dir, List<File> files) {
      this(dir, files, null);
    }
  }

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
  /** Set for an incremental run; see {@link Incremental}. */
  public Incremental incremental;

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
  private static final String STATE = "_state/";

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
      if (p.dir().startsWith(STATE)) {
        continue; // the run's carries, not a table
      }
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
