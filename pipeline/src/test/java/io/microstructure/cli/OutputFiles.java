package io.microstructure.cli;

import io.microstructure.io.ParquetFooters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;

/** Output roots as the tests look at them: copied whole, and listed file by file. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Row count of every Parquet file under a folder (staging left out), by relative path. Not
   * bytes: a footer lists a column's encodings in hash order, so equal files need not be equal
   * bytes.
   */
  static Map<String, Long> rowsPerFile(Path root) throws IOException {
    Map<String, Long> rows = new TreeMap<>();
    if (!Files.exists(root)) {
      return rows;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("/_temporary/"))
          .forEach(
              p -> {
                try {
                  rows.put(
                      root.relativize(p).toString(),
                      ParquetFooters.rowCount(FileSystems.matchNewResource(p.toString(), false)));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return rows;
  }

  /** Copies a folder tree, e.g. an earlier run's root that a test then runs into. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
