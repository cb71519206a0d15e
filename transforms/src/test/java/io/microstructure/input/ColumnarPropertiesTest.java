package io.microstructure.input;

import io.microstructure.input.BookFiles.Layout;
import io.microstructure.input.BookFiles.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random books (0..25 levels per side, bad values, null levels, odd pairs) in a random layout: the
 * columnar reader and the record path agree on every snapshot and every rejection.
 */
class ColumnarPropertiesTest {

  @Property(tries = 60)
  void columnarAgreesWithTheRecordPath(
      @ForAll Layout layout, @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int rows)
      throws IOException {
    Path dir = Files.createTempDirectory("columnar-prop");
    try {
      Path f = dir.resolve("segment_20260105T000000_20260105T010000.parquet");
      List<Row> data = BookFiles.random(layout, new Random(seed), rows);
      BookFiles.write(f, layout, data, 1 << 20);
      ColumnarParity.assertParity(f, CaptureTsUnit.MILLIS);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
