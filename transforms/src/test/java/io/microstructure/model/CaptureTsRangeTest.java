package io.microstructure.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

/** The capture times a run accepts: both ends included, the upper one fixed from a wall clock. */
class CaptureTsRangeTest {
  // 2009-01-01T00:00:00Z = 1,230,768,000 s after the epoch.
  private static final long MIN = 1_230_768_000_000_000L;
  // The wall clock 2026-01-05T12:34:56.789Z plus 24 hours, taken to the second:
  // 2026-01-06T12:34:56Z = 1,767,225,600 (2026-01-01) + 5 days (432,000) + 45,296 s.
  private static final long MAX = 1_767_702_896_000_000L;

  private final CaptureTsRange range =
      CaptureTsRange.upTo(
          CaptureTsRange.DEFAULT_MIN, Instant.parse("2026-01-05T12:34:56.789Z"), 24);

  @Test
  void theBoundsAreTheMinimumAndTheWallClockPlusTheHoursAhead() {
    assertThat(range.minMicros()).isEqualTo(MIN);
    assertThat(range.maxMicros()).isEqualTo(MAX);
    assertThat(CaptureTsRange.DEFAULT_MIN_TEXT).isEqualTo("2009-01-01T00:00:00Z");
    assertThat(CaptureTsRange.DEFAULT_MAX_AHEAD_HOURS).isEqualTo(24);
  }

  @Test
  void bothEndsAreIncluded() {
    assertThat(range.problem(MIN)).isNull();
    assertThat(range.problem(MAX)).isNull();
    assertThat(range.problem(1_767_571_200_000_000L)).isNull(); // 2026-01-05T00:00Z
  }

  @Test
  void outsideIsAProblemNamingTheTimeAndTheBound() {
    assertThat(range.problem(MIN - 1))
        .isEqualTo("capture_ts 2008-12-31T23:59:59.999999Z before 2009-01-01T00:00:00Z");
    assertThat(range.problem(MAX + 1))
        .isEqualTo(
            "capture_ts 2026-01-06T12:34:56.000001Z more than 24 h after the run's wall clock");
    assertThat(range.problem(0))
        .isEqualTo("capture_ts 1970-01-01T00:00:00Z before 2009-01-01T00:00:00Z");
    assertThat(range.problem(-1))
        .isEqualTo("capture_ts 1969-12-31T23:59:59.999999Z before 2009-01-01T00:00:00Z");
  }

  @Test
  void anExplicitUpperEndIsNamedByItsInstant() {
    CaptureTsRange explicit = CaptureTsRange.ofMicros(MIN, MAX);
    assertThat(explicit.problem(MAX + 1))
        .isEqualTo("capture_ts 2026-01-06T12:34:56.000001Z after 2026-01-06T12:34:56Z");
  }

  @Test
  void theReasonIsTheSameWhateverTheWallClock() {
    // A re-run a minute later gives the same dead letter for the same row.
    long y2100 = 4_102_444_800_000_000L;
    CaptureTsRange later =
        CaptureTsRange.upTo(
            CaptureTsRange.DEFAULT_MIN, Instant.parse("2026-01-05T12:35:56.789Z"), 24);
    assertThat(later.problem(y2100)).isEqualTo(range.problem(y2100));
    assertThat(later).isNotEqualTo(range);
  }

  @Test
  void saturatedValuesAreOutsideToo() {
    assertThat(range.problem(Long.MIN_VALUE)).contains(" before 2009-01-01T00:00:00Z");
    assertThat(range.problem(Long.MAX_VALUE))
        .endsWith(" more than 24 h after the run's wall clock");
  }

  @Test
  void aSerializedCopyHasTheSameBounds() {
    // What a worker gets: the bound as computed at construction, not a new wall clock.
    CaptureTsRange copy = SerializableUtils.clone(range);
    assertThat(copy).isEqualTo(range);
    assertThat(copy.maxMicros()).isEqualTo(MAX);
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(
            () ->
                CaptureTsRange.upTo(
                    CaptureTsRange.DEFAULT_MIN, Instant.parse("2026-01-05T00:00:00Z"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hours ahead must be >= 0, got -1");
    assertThatThrownBy(
            () ->
                CaptureTsRange.upTo(
                    Instant.parse("2030-01-01T00:00:00Z"),
                    Instant.parse("2026-01-05T00:00:00Z"),
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capture_ts range is empty: 2030-01-01T00:00:00Z > 2026-01-05T00:00:00Z");
  }
}
