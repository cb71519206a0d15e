package io.microstructure.parity;

import io.microstructure.io.LocalPaths;
import io.microstructure.pipeline.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The tables under one output root, found with Beam's {@link FileSystems} (so any registered
 * filesystem works): every folder holding {@code exchange=*}/{@code symbol=*}/{@code date=*}/{@code
 * *.parquet} is a table, named by its path relative to the root. Folders whose name starts with
 * {@code _} ({@code _rejected}, {@code _temporary}) are set aside, and so are files whose name
 * starts with {@code _} or {@code .} (markers, in-progress files).
 */
final class OutputRoot {

  /** {@code LEFT} or {@code RIGHT}. */
  final String side;

  /** The root as given, normalised: absolute local path or URI, without a trailing slash. */
  final String root;

  /** table → partition ({@code exchange=…/symbol=…/date=…}) → files, sorted. */
  final SortedMap<String, SortedMap<String, List<ResourceId>>> tables = new TreeMap<>();

  /** Folders set aside, relative to the root (e.g. {@code _rejected}). */
  final SortedSet<String> notCompared = new TreeSet<>();

  private OutputRoot(String side, String root) {
    this.side = side;
    this.root = root;
  }

  /**
   * Lists the tables of a root.
   *
   * @throws UserError when the root does not exist or holds no table
   */
  static OutputRoot scan(String side, String root) throws IOException {
    OutputRoot r = new OutputRoot(side, LocalPaths.canonicalRoot(root));
    List<MatchResult.Metadata> files = match(r.root + "/**");
    for (MatchResult.Metadata m : files) {
      r.add(m.resourceId());
    }
    if (r.tables.isEmpty()) {
      MatchResult self = FileSystems.match(r.root, EmptyMatchTreatment.ALLOW);
      boolean exists =
          !files.isEmpty()
              || (self.status() == MatchResult.Status.OK && !self.metadata().isEmpty());
      throw new UserError(
          side
              + "_ROOT "
              + root
              + (exists
                  ? " holds no table (no exchange=*/symbol=*/date=*/*.parquet below it"
                      + (r.notCompared.isEmpty()
                          ? ""
                          : " except in " + String.join(", ", r.notCompared) + ", not compared")
                      + ")"
                  : " does not exist"));
    }
    return r;
  }

  private void add(ResourceId file) {
    String path = file.toString();
    String prefix = root + "/";
    int at = path.startsWith(prefix) ? 0 : path.indexOf(prefix);
    if (at < 0) {
      return;
    }
    String[] segments = path.substring(at + prefix.length()).split("/");
    int n = segments.length;
    for (int i = 0; i < n - 1; i++) {
      if (segments[i].startsWith("_")) {
        notCompared.add(String.join("/", List.of(segments).subList(0, i + 1)));
        return;
      }
    }
    String name = segments[n - 1];
    if (n < 4
        || !name.endsWith(".parquet")
        || name.startsWith("_")
        || name.startsWith(".")
        || !segments[n - 4].startsWith("exchange=")
        || !segments[n - 3].startsWith("symbol=")
        || !segments[n - 2].startsWith("date=")) {
      return;
    }
    String table = n == 4 ? "." : String.join("/", List.of(segments).subList(0, n - 4));
    String partition = segments[n - 4] + "/" + segments[n - 3] + "/" + segments[n - 2];
    tables
        .computeIfAbsent(table, t -> new TreeMap<>())
        .computeIfAbsent(partition, p -> new ArrayList<>())
        .add(file);
  }

  /** Files of one partition of a table, sorted by path; empty when the side lacks it. */
  List<ResourceId> files(String table, String partition) {
    SortedMap<String, List<ResourceId>> t = tables.get(table);
    List<ResourceId> files = t == null ? null : t.get(partition);
    if (files == null) {
      return List.of();
    }
    List<ResourceId> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
    return sorted;
  }


  static List<MatchResult.Metadata> match(String glob) throws IOException {
    MatchResult r = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return r.status() == MatchResult.Status.OK ? r.metadata() : List.of();
  }
}
