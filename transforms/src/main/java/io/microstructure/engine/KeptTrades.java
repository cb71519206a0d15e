package io.microstructure.engine;

import io.microstructure.model.TradeBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A market's kept trades (repeated ids dropped) reduced to what the market-long carries need:
 * capture_ts, the taker's side, price and amount, and the keys of the reconstructed order. About
 * 41 bytes a trade: this is the one part of a chunked replay that holds a market's whole span, and
 * it holds neither ids nor order books.
 */
public final class KeptTrades implements Serializable {
  private static final long serialVersionUID = 1L;

  private int size;
  private long[] ts;
  private long[] seq;
  private long[] fileKey;
  private long[] row;
  private boolean[] buy;
  private double[] price;
  private double[] amount;

  private KeptTrades(int capacity) {
    ts = new long[capacity];
    seq = new long[capacity];
    fileKey = new long[capacity];
    row = new long[capacity];
    buy = new boolean[capacity];
    price = new double[capacity];
    amount = new double[capacity];
  }

  /** The trades of a block that are not among {@code repeats}, cut by the chunk each falls in. */
  public static void byChunk(
      TradeBlock b,
      Set<ChunkContext.TradePosition> repeats,
      ChunkPlan plan,
      BiConsumer<Long, KeptTrades> out) {
    java.util.TreeMap<Long, KeptTrades> per = new java.util.TreeMap<>();
    for (int r = 0; r < b.size(); r++) {
      if (repeats.isEmpty()
          || !repeats.contains(new ChunkContext.TradePosition(b.fileKey(), b.row(r)))) {
        per.computeIfAbsent(plan.chunkOf(b.captureTs(r)), k -> new KeptTrades(16))
            .add(b.captureTs(r), b.seq(r), b.fileKey(), b.row(r), b.buy(r), b.price(r), b.amount(r));
      }
    }
    per.forEach((k, t) -> out.accept(k, t.trimmed()));
  }

  /** This with arrays of its size: what a shuffle or a spill writes. */
  KeptTrades trimmed() {
    KeptTrades t = new KeptTrades(0);
    t.size = size;
    t.ts = Arrays.copyOf(ts, size);
    t.seq = Arrays.copyOf(seq, size);
    t.fileKey = Arrays.copyOf(fileKey, size);
    t.row = Arrays.copyOf(row, size);
    t.buy = Arrays.copyOf(buy, size);
    t.price = Arrays.copyOf(price, size);
    t.amount = Arrays.copyOf(amount, size);
    return t;
  }

  /** All of these in reconstructed order. */
  public static KeptTrades sorted(Iterable<KeptTrades> group) {
    // Read once: a runner may stream a group's values only once.
    List<KeptTrades> parts = new ArrayList<>();
    int n = 0;
    for (KeptTrades p : group) {
      parts.add(p);
      n += p.size;
    }
    KeptTrades all = new KeptTrades(n);
    for (KeptTrades p : parts) {
      for (int i = 0; i < p.size; i++) {
        all.add(p.ts[i], p.seq[i], p.fileKey[i], p.row[i], p.buy[i], p.price[i], p.amount[i]);
      }
    }
    // Trades share the channel rank: their order is (capture_ts, seq, file, row).
    byte[] rank = new byte[n];
    int[] order = ReconstructedOrder.sort(n, all.ts, all.seq, rank, all.fileKey, all.row);
    // A column at a time, so that the market's trades are held about once, not twice.
    all.ts = gather(all.ts, order);
    all.seq = gather(all.seq, order);
    all.fileKey = gather(all.fileKey, order);
    all.row = gather(all.row, order);
    all.price = gather(all.price, order);
    all.amount = gather(all.amount, order);
    boolean[] buy = new boolean[n];
    for (int i = 0; i < n; i++) {
      buy[i] = all.buy[order[i]];
    }
    all.buy = buy;
    return all;
  }

  private static long[] gather(long[] column, int[] order) {
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = column[order[i]];
    }
    return out;
  }

  private static double[] gather(double[] column, int[] order) {
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = column[order[i]];
    }
    return out;
  }

  private void add(long t, long sq, long file, long r, boolean b, double p, double a) {
    if (size == ts.length) {
      int c = Math.max(16, 2 * size);
      ts = Arrays.copyOf(ts, c);
      seq = Arrays.copyOf(seq, c);
      fileKey = Arrays.copyOf(fileKey, c);
      row = Arrays.copyOf(row, c);
      buy = Arrays.copyOf(buy, c);
      price = Arrays.copyOf(price, c);
      amount = Arrays.copyOf(amount, c);
    }
    ts[size] = t;
    seq[size] = sq;
    fileKey[size] = file;
    row[size] = r;
    buy[size] = b;
    price[size] = p;
    amount[size] = a;
    size++;
  }

  public int size() {
    return size;
  }

  /** The capture_ts column (length ≥ size): never to be modified. */
  public long[] ts() {
    return ts;
  }

  public boolean[] buy() {
    return buy;
  }

  public double[] price() {
    return price;
  }

  public double[] amount() {
    return amount;
  }
}
