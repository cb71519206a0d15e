package io.microstructure.engine;

import io.microstructure.model.TradeBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The ids of some of a market's trades with their places in the reconstructed order: what finding
 * the repeated ids needs, a small part of a trade. The contract keeps the first trade of an id in
 * reconstructed order and drops the others, wherever they are in the market. A market's ids are
 * spread over {@link #groups} groups by hash, so that a group holds on average at most {@link
 * #IDS_PER_GROUP} of them, and each group is searched on its own ({@link
 * #repeats}).
 */
public final class TradeIds implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Ids a group holds on average: about 40 MB of them while its repeats are found. */
  static final long IDS_PER_GROUP = 1 << 18;

  private final long fileKey;
  private final List<String> ids = new ArrayList<>();
  private long[] ts = new long[8];
  private long[] seq = new long[8];
  private long[] row = new long[8];

  private TradeIds(long fileKey) {
    this.fileKey = fileKey;
  }

  /** How many groups a market of this many trades spreads its ids over. */
  public static int groups(long trades) {
    return (int) Math.max(1, Math.min(1 << 20, (trades + IDS_PER_GROUP - 1) / IDS_PER_GROUP));
  }

  /** The group of an id among {@code groups}. */
  static int groupOf(String id, int groups) {
    return Math.floorMod(id.hashCode() * 0x9E3779B9, groups);
  }

  /** The block's trades that have an id, by group. */
  public static void byGroup(TradeBlock b, int groups, BiConsumer<Integer, TradeIds> out) {
    Map<Integer, TradeIds> per = new HashMap<>();
    for (int r = 0; r < b.size(); r++) {
      String id = b.id(r);
      if (id != null) {
        per.computeIfAbsent(groupOf(id, groups), g -> new TradeIds(b.fileKey()))
            .add(id, b.captureTs(r), b.seq(r), b.row(r));
      }
    }
    per.forEach(out);
  }

  private void add(String id, long t, long s, long r) {
    int n = ids.size();
    if (n == ts.length) {
      ts = java.util.Arrays.copyOf(ts, 2 * n);
      seq = java.util.Arrays.copyOf(seq, 2 * n);
      row = java.util.Arrays.copyOf(row, 2 * n);
    }
    ids.add(id);
    ts[n] = t;
    seq[n] = s;
    row[n] = r;
  }

  /** Receives a trade that repeats an earlier id: its capture_ts and place. */
  public interface Repeat {
    void repeat(long captureTs, ChunkContext.TradePosition at);
  }

  /**
   * Every trade of one group whose id a trade earlier in reconstructed order (capture_ts, seq,
   * file, row) has too.
   */
  public static void repeats(Iterable<TradeIds> group, Repeat out) {
    // Per id, the first trade so far and the others.
    Map<String, long[]> first = new HashMap<>();
    List<long[]> others = new ArrayList<>();
    for (TradeIds g : group) {
      for (int i = 0; i < g.ids.size(); i++) {
        long[] t = {g.ts[i], g.seq[i], g.fileKey, g.row[i]};
        long[] f = first.putIfAbsent(g.ids.get(i), t);
        if (f != null) {
          if (before(t, f)) {
            first.put(g.ids.get(i), t);
            others.add(f);
          } else {
            others.add(t);
          }
        }
      }
    }
    for (long[] t : others) {
      out.repeat(t[0], new ChunkContext.TradePosition(t[2], t[3]));
    }
  }

  /** Whether trade a, as (capture_ts, seq, file, row), comes before trade b. */
  private static boolean before(long[] a, long[] b) {
    return ReconstructedOrder.compareInChannel(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]) < 0;
  }
}
