package io.microstructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where incremental runs resume, and the points each one records its carries at. */
class ResumeTest {
  private static final long HOUR = 3_600_000_000L;
  private static final long MINUTE = 60_000_000L;
  private static final long[] BARS = {60, 300, 900, 3600};

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli() * 1000;
  }

  @Test
  void pointsAlignToWholeChunksAndWholeBarsOfEveryDuration() {
    assertThat(Resume.alignment(HOUR, BARS)).isEqualTo(HOUR);
    assertThat(Resume.alignment(15 * MINUTE, BARS)).isEqualTo(HOUR); // the 1h bar
    assertThat(Resume.alignment(40 * MINUTE, new long[] {3600})).isEqualTo(2 * HOUR);
    assertThat(Resume.alignment(2 * HOUR, new long[] {60})).isEqualTo(2 * HOUR);
    // 7 min and 15 min bars: every 105 min, which no day is a whole number of.
    long odd = Resume.alignment(7 * MINUTE, new long[] {900});
    assertThat(odd).isEqualTo(105 * MINUTE);
    assertThatThrownBy(() -> Resume.fromScratch(odd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divide a day");
    assertThatThrownBy(() -> Resume.at(at("2026-01-05T21:30:00Z"), HOUR, java.util.Map.of()))
        .hasMessageContaining("not aligned");
  }

  @Test
  void theNextRunResumesTheLongestHorizonBeforeTheLastSnapshotAlignedDown() {
    Resume first = Resume.fromScratch(HOUR);
    long lookAhead = 15 * MINUTE;
    // 21:59:59 less 15 min is 21:44:59, whose hour starts at 21:00.
    assertThat(first.next(at("2026-01-05T21:59:59Z"), lookAhead)).isEqualTo(at("2026-01-05T21:00:00Z"));
    // 22:15 exactly less 15 min is 22:00, a point itself.
    assertThat(first.next(at("2026-01-05T22:15:00Z"), lookAhead)).isEqualTo(at("2026-01-05T22:00:00Z"));
    // A run never moves the point back before its own start: rows before it were complete.
    Resume later = Resume.at(at("2026-01-05T22:00:00Z"), HOUR, java.util.Map.of());
    assertThat(later.next(at("2026-01-05T22:10:00Z"), lookAhead)).isEqualTo(at("2026-01-05T22:00:00Z"));
    // Without a snapshot there is nothing to resume after.
    assertThat(later.next(Long.MIN_VALUE, lookAhead)).isEqualTo(at("2026-01-05T22:00:00Z"));
  }

  @Test
  void aRunRecordsMidnightsTheLastDaysHoursAndTheNextPoint() {
    long lookAhead = 15 * MINUTE;
    // A first run over three days from 2026-01-05 21:00 to 2026-01-08 20:59:59.
    Resume first = Resume.fromScratch(HOUR);
    List<Long> points =
        List.copyOf(
            first.recordedPoints(
                at("2026-01-05T21:00:00Z"), at("2026-01-08T20:59:59Z"), lookAhead));
    long next = at("2026-01-08T20:00:00Z");
    assertThat(points).startsWith(at("2026-01-06T00:00:00Z"), at("2026-01-07T00:00:00Z"));
    // Then every hour of the day before the next point, up to it.
    assertThat(points.subList(2, points.size()))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(0, 24)
                .mapToObj(h -> next - (24 - h) * HOUR)
                .toList());
    // An hourly run records the hours after its start only.
    Resume hourly = Resume.at(at("2026-01-08T20:00:00Z"), HOUR, java.util.Map.of());
    assertThat(hourly.recordedPoints(0, at("2026-01-08T21:59:59Z"), lookAhead))
        .containsExactly(at("2026-01-08T21:00:00Z"));
    assertThat(Resume.pointAtOrBefore(new java.util.TreeSet<>(points), 7, at("2026-01-06T00:30:00Z")))
        .isEqualTo(at("2026-01-06T00:00:00Z"));
    assertThat(Resume.pointAtOrBefore(new java.util.TreeSet<>(points), 7, 0)).isEqualTo(7);
  }
}
