package io.microstructure.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Paths that may be local ({@code /x}, {@code file:///x}) or on an object store ({@code s3://}):
 * what differs between the two for the output root's bookkeeping.
 */
public final class LocalPaths {
  private LocalPaths() {}

  /** The local path of {@code path}, or null when it lies on another filesystem. */
  public static Path of(String path) {
    if (path.startsWith("file:")) {
      return Path.of(URI.create(path));
    }
    if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return null;
    }
    return Path.of(path);
  }

  /**
   * A root as given, made canonical: an absolute local path, or the URI of another filesystem as
   * it is, without a trailing slash ({@code file:///x/} and {@code x/} become {@code /…/x}).
   */
  public static String canonicalRoot(String root) {
    Path local = of(root);
    String r = local == null ? root : local.toAbsolutePath().normalize().toString();
    while (r.endsWith("/") && r.length() > 1 && !r.endsWith("://")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  /**
   * Deletes a folder and everything below it. Object stores have no folders: there every object
   * under the prefix goes.
   */
  public static void deleteTree(String dir) throws IOException {
    Path local = of(dir);
    if (local != null) {
      if (!Files.exists(local)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(local)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
      return;
    }
    MatchResult m = FileSystems.match(SegmentFiles.stripSlash(dir) + "/**", EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK) {
      return;
    }
    List<ResourceId> objects = new ArrayList<>();
    for (MatchResult.Metadata f : m.metadata()) {
      objects.add(f.resourceId());
    }
    FileSystems.delete(objects, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** Names of the entries directly in a folder (files and subfolders), empty when it is missing. */
  public static List<String> children(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    Path local = of(dir);
    if (local != null) {
      if (Files.isDirectory(local)) {
        try (Stream<Path> s = Files.list(local)) {
          s.forEach(p -> names.add(p.getFileName().toString()));
        }
      }
      return names;
    }
    String prefix = SegmentFiles.stripSlash(dir) + "/";
    MatchResult m = FileSystems.match(prefix + "**", EmptyMatchTreatment.ALLOW);
    if (m.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata f : m.metadata()) {
        String rest = f.resourceId().toString().substring(prefix.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
