package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTsDetectionTest {
  // 2026-01-05T00:00:00Z: 2026-01-01 is 20,454 days after 1970-01-01 (56 years, 14 of them leap),
  // 20,454 * 86,400 = 1,767,225,600 s; plus 4 days = 1,767,571,200 s.
  static final long SECONDS = 1_767_571_200L;
  static final Instant T = Instant.parse("2026-01-05T00:00:00Z");

  @TempDir Path dir;

  @Test
  void theMagnitudeNamesTheUnit() {
    assertThat(Instant.ofEpochSecond(SECONDS)).isEqualTo(T);
    assertThat(CaptureTsDetection.unitOf(SECONDS * 1_000)).contains(CaptureTsUnit.MILLIS);
    assertThat(CaptureTsDetection.unitOf(SECONDS * 1_000_000)).contains(CaptureTsUnit.MICROS);
    assertThat(CaptureTsDetection.unitOf(SECONDS * 1_000_000_000)).contains(CaptureTsUnit.NANOS);
    assertThat(CaptureTsDetection.unitOf(SECONDS)).isEmpty(); // seconds are no unit we read
    assertThat(CaptureTsDetection.unitOf(0)).isEmpty();
  }

  @Test
  void theRangesEndAt1990And2200() {
    // 1990-01-01: 7,305 days (20 years, 5 leap) * 86,400 = 631,152,000 s.
    // 2200-01-01: 84,006 days (230 years, 56 leap: 1972..2196 less 2100) = 7,258,118,400 s.
    assertThat(CaptureTsDetection.unitOf(631_152_000_000L)).contains(CaptureTsUnit.MILLIS);
    assertThat(CaptureTsDetection.unitOf(631_151_999_999L)).isEmpty();
    assertThat(CaptureTsDetection.unitOf(7_258_118_399_999L)).contains(CaptureTsUnit.MILLIS);
    assertThat(CaptureTsDetection.unitOf(7_258_118_400_000L)).isEmpty();
    assertThat(CaptureTsDetection.unitOf(631_152_000_000_000L)).contains(CaptureTsUnit.MICROS);
    assertThat(CaptureTsDetection.unitOf(7_258_118_399_999_999_999L))
        .contains(CaptureTsUnit.NANOS);
  }

  @Test
  void oneEndOutsideEveryRangeLeavesTheOtherToDecide() {
    assertThat(CaptureTsDetection.detect(0, SECONDS * 1_000)).isEqualTo(CaptureTsUnit.MILLIS);
    assertThat(CaptureTsDetection.detect(SECONDS * 1_000_000, Long.MAX_VALUE))
        .isEqualTo(CaptureTsUnit.MICROS);
    assertThatThrownBy(() -> CaptureTsDetection.detect(SECONDS * 1_000, SECONDS * 1_000_000))
        .hasMessageContaining("mix units");
    assertThatThrownBy(() -> CaptureTsDetection.detect(SECONDS, SECONDS + 3600))
        .hasMessageContaining("are no epoch milliseconds, microseconds or nanoseconds");
  }

  @Test
  void segmentNamesGiveTheirTime() {
    assertThat(
            CaptureTsDetection.nameTime(
                "/r/ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"))
        .contains(T);
    assertThat(
            CaptureTsDetection.nameTime(
                "s3://b/ready/ccxt/trades/exchange=binance/symbol=BTC-USDT/year=2026/month=1/day=5"
                    + "/hour=3/segment_20260105T03_00002.parquet"))
        .contains(Instant.parse("2026-01-05T03:00:00Z"));
    assertThat(CaptureTsDetection.nameTime("/r/ready/ccxt/trades/part-0.parquet")).isEmpty();
  }

  @Test
  void duckDbPlainInt64FilesAreDetectedInEachUnit() throws IOException {
    String name = "segment_20260105T000000_20260105T010000.parquet";
    assertThat(unitOf(write("ms", "1767571201250::BIGINT", name), null))
        .isEqualTo(CaptureTsUnit.MILLIS);
    assertThat(unitOf(write("us", "1767571201250000::BIGINT", name), null))
        .isEqualTo(CaptureTsUnit.MICROS);
    assertThat(unitOf(write("ns", "1767571201250000000::BIGINT", name), null))
        .isEqualTo(CaptureTsUnit.NANOS);
    // The configured unit overrides detection; a timestamp logical type overrides both.
    assertThat(unitOf(write("ms2", "1767571201250::BIGINT", name), CaptureTsUnit.MICROS))
        .isEqualTo(CaptureTsUnit.MICROS);
    assertThat(
            unitOf(
                write("typed", "TIMESTAMP_MS '2026-01-05 00:00:01.250'", name),
                CaptureTsUnit.NANOS))
        .isEqualTo(CaptureTsUnit.MILLIS);
  }

  @Test
  void aFileNameMoreThanADayFromTheValuesFailsNamingFileUnitAndTimes() throws IOException {
    // Milliseconds of 2026-01-05 in a file named for 2026-03-01.
    Path f = write("late", "1767571201250::BIGINT", "segment_20260301T000000_20260301T010000.parquet");
    assertThatThrownBy(() -> unitOf(f, null))
        .isInstanceOf(MissingColumnException.class)
        .hasMessage(
            f
                + ": column 'capture_ts' is a plain int64 detected as ms"
                + " (2026-01-05T00:00:01.250Z .. 2026-01-05T00:00:01.250Z), more than a day from"
                + " the file name's time 2026-03-01T00:00:00Z; set --captureTsUnit=ms|us|ns if"
                + " the unit is right");
    // Within a day: accepted. A name without a time: nothing to check.
    assertThat(unitOf(write("near", "1767571201250::BIGINT", "segment_20260105T23_00000.parquet"), null))
        .isEqualTo(CaptureTsUnit.MILLIS);
    assertThat(unitOf(write("plain", "1767571201250::BIGINT", "data.parquet"), null))
        .isEqualTo(CaptureTsUnit.MILLIS);
    // Seconds fit no unit.
    Path s = write("secs", "1767571201::BIGINT", "data.parquet");
    assertThatThrownBy(() -> unitOf(s, null))
        .hasMessageContaining("column 'capture_ts' is a plain int64 whose unit cannot be detected");
  }

  private Path write(String sub, String ts, String name) {
    Path f = dir.resolve(sub).resolve(name);
    try (DuckDb db = new DuckDb()) {
      db.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, " + ts + " AS capture_ts", f);
    }
    return f;
  }

  private static CaptureTsUnit unitOf(Path f, CaptureTsUnit configured) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(f.toString()),
                new org.apache.hadoop.conf.Configuration()))) {
      ParquetMetadata footer = r.getFooter();
      return CaptureTsDetection.resolve(f.toString(), footer, configured);
    }
  }
}
