package io.microstructure.parity;

import io.microstructure.pipeline.UserError;
import io.microstructure.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Compares two output roots table by table, key by key and column by column, with the spec's
 * tolerance: doubles agree when |x − y| ≤ 1e-9 · max(1, |x|, |y|); a NaN never agrees (the pipeline
 * must not write one); integers, timestamps, booleans and strings must be equal; nulls must
 * coincide.
 *
 * <p>Tables are the folders holding {@code exchange=*}/{@code symbol=*}/{@code date=*}/{@code
 * *.parquet} under each root, named by their path relative to it ({@code ccxt/orderbook/hf}, {@code
 * ccxt/orderbook/bars/duration=60s} …). Folders starting with {@code _} ({@code _rejected}, {@code
 * _temporary}) are not compared: dead letters cite different files and rows on each path. Rows are
 * paired on (exchange, symbol, row time) with the row time {@code bar_index} when the table has
 * one, else {@code capture_ts}, else {@code bar_start}; see {@link TableComparison} for the pairing
 * of rows sharing a key and the memory bound (one partition per side at a time).
 *
 * <p>Everything is read through Beam's {@link FileSystems}, so the roots may be on any registered
 * filesystem; when a root's scheme is not registered yet, default pipeline options are installed
 * (which registers every filesystem on the classpath).
 */
public final class ParityCheck {
  private ParityCheck() {}

  /** Compares with the default options (tolerance 1e-9, 20 examples, every table). */
  public static ParityReport compare(String leftRoot, String rightRoot) throws IOException {
    return compare(leftRoot, rightRoot, ParityOptions.defaults());
  }

  /**
   * Compares two output roots.
   *
   * @throws UserError when a root does not exist or holds no table, or when no table matches {@link
   *     ParityOptions#tables()}
   * @throws IOException when a root cannot be listed
   */
  public static ParityReport compare(String leftRoot, String rightRoot, ParityOptions options)
      throws IOException {
    ensureFileSystems(leftRoot, rightRoot);
    OutputRoot left = OutputRoot.scan("LEFT", leftRoot);
    OutputRoot right = OutputRoot.scan("RIGHT", rightRoot);
    SortedSet<String> names = new TreeSet<>();
    for (String t : left.tables.keySet()) {
      if (options.selects(t)) {
        names.add(t);
      }
    }
    for (String t : right.tables.keySet()) {
      if (options.selects(t)) {
        names.add(t);
      }
    }
    if (names.isEmpty()) {
      throw new UserError(
          "no table starts with "
              + String.join(" or ", options.tables())
              + " (tables: "
              + String.join(", ", union(left.tables.keySet(), right.tables.keySet()))
              + ")");
    }
    SortedSet<String> notCompared = union(left.notCompared, right.notCompared);
    List<TableReport> tables = new ArrayList<>();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "parity-reader");
              t.setDaemon(true);
              return t;
            });
    try {
      for (String name : names) {
        boolean inLeft = left.tables.containsKey(name);
        boolean inRight = right.tables.containsKey(name);
        if (inLeft && inRight) {
          tables.add(new TableComparison(name, left, right, options, executor).run());
        } else {
          tables.add(TableComparison.oneSided(name, inLeft ? left : right, inLeft));
        }
      }
    } finally {
      executor.shutdownNow();
    }
    return new ParityReport(left.root, right.root, options, new ArrayList<>(notCompared), tables);
  }

  private static SortedSet<String> union(Set<String> a, Set<String> b) {
    SortedSet<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  /** Installs default pipeline options when a root's filesystem is not registered yet. */
  private static void ensureFileSystems(String... roots) {
    for (String root : roots) {
      try {
        FileSystems.matchNewResource(root, true);
      } catch (IllegalArgumentException e) {
        Storage.defaultOptions(); // registers every filesystem, the AWS region defaulted
        return;
      }
    }
  }
}
