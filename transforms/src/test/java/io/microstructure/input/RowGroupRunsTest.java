package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.junit.jupiter.api.Test;

/** How a file's row groups are cut into restrictions (ReadParquetRowsFn#split). */
class RowGroupRunsTest {
  @Test
  void smallRowGroupsAreReadTogetherAndLargeOnesAlone() {
    long[] daedalus = new long[12];
    Arrays.fill(daedalus, 1_000);
    // 5 + 5 groups, then 2,000 rows left: less than half of 5,000, so they join the last run.
    assertThat(ReadParquetRowsFn.runsOfRowGroups(daedalus, new OffsetRange(0, 12), 5_000))
        .containsExactly(new OffsetRange(0, 5), new OffsetRange(5, 12));
    // 3,000 rows left (14 groups): at least half the target, a run of their own.
    long[] longer = new long[13];
    Arrays.fill(longer, 1_000);
    assertThat(ReadParquetRowsFn.runsOfRowGroups(longer, new OffsetRange(0, 13), 5_000))
        .containsExactly(new OffsetRange(0, 5), new OffsetRange(5, 10), new OffsetRange(10, 13));

    long[] mixed = {122_880, 122_880, 400, 49_700, 10};
    assertThat(ReadParquetRowsFn.runsOfRowGroups(mixed, new OffsetRange(0, 5), 50_000))
        .containsExactly(new OffsetRange(0, 1), new OffsetRange(1, 2), new OffsetRange(2, 5));
  }

  @Test
  void aFileWhoseFooterCannotBeReadKeepsItsOneOffset() {
    assertThat(ReadParquetRowsFn.runsOfRowGroups(new long[0], new OffsetRange(0, 1), 50_000))
        .containsExactly(new OffsetRange(0, 1));
  }

  /**
   * Every row group is in exactly one run, in order; every run but the last is the shortest that
   * reaches the target, and the last holds at least half the target unless it is the only run.
   */
  @Property
  void runsCoverTheRangeOnceAndAreFullButTheLast(
      @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 20_000) Long> groupRows,
      @ForAll @IntRange(min = 1, max = 30_000) int target) {
    long[] rows = groupRows.stream().mapToLong(Long::longValue).toArray();
    List<OffsetRange> runs =
        ReadParquetRowsFn.runsOfRowGroups(rows, new OffsetRange(0, rows.length), target);
    List<Long> covered = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      OffsetRange r = runs.get(i);
      assertThat(r.getTo()).isGreaterThan(r.getFrom());
      long sum = 0;
      for (long g = r.getFrom(); g < r.getTo(); g++) {
        covered.add(g);
        sum += rows[(int) g];
      }
      if (i < runs.size() - 1) {
        assertThat(sum).isGreaterThanOrEqualTo(target);
        // minimal: without its last row group the run would be short
        assertThat(sum - rows[(int) r.getTo() - 1]).isLessThan(target);
      } else if (runs.size() > 1) {
        assertThat(2 * sum).isGreaterThanOrEqualTo(target);
      }
    }
    assertThat(covered).hasSize(rows.length);
    for (int g = 0; g < rows.length; g++) {
      assertThat(covered.get(g)).isEqualTo(g);
    }
  }
}
