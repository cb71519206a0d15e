package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.input.SegmentDiscovery.Verdict;
import io.microstructure.model.Channel;
import org.junit.jupiter.api.Test;

/** The data contract's discovery rule, one kind of file at a time. */
class SegmentDiscoveryTest {
  private static final String FOLDER = "s3://bucket/raw/ready/ccxt/orderbook";

  private static Verdict of(String below) {
    return SegmentDiscovery.classify(FOLDER, FOLDER + "/" + below);
  }

  @Test
  void segmentsAreReadAtAnyDepth() {
    assertThat(of("segment_20260105T000000_20260105T010000.parquet")).isEqualTo(Verdict.SEGMENT);
    assertThat(
            of(
                "exchange=okx/symbol=BTC-USDT/year=2026/month=1/day=5/hour=0/"
                    + "segment_20260105T00_00001.parquet"))
        .isEqualTo(Verdict.SEGMENT);
  }

  @Test
  void hiddenFilesAndFoldersAreSkipped() {
    assertThat(of(".segment_20260105T000000_20260105T010000.parquet"))
        .isEqualTo(Verdict.HIDDEN_FILE);
    assertThat(of(".tmp/segment_20260105T000000_20260105T010000.parquet"))
        .isEqualTo(Verdict.HIDDEN_FOLDER);
    assertThat(of("exchange=okx/.partial/segment_1.parquet")).isEqualTo(Verdict.HIDDEN_FOLDER);
  }

  @Test
  void macOsMetadataFilesAreSkippedAsSuch() {
    assertThat(of("._segment_20260105T000000_20260105T010000.parquet"))
        .isEqualTo(Verdict.MACOS_METADATA);
  }

  @Test
  void filesNotNamedLikeSegmentsAreSkipped() {
    assertThat(of("book.parquet")).isEqualTo(Verdict.NOT_A_SEGMENT);
    assertThat(of("segment_20260105T000000_20260105T010000.parquet.crc"))
        .isEqualTo(Verdict.NOT_A_SEGMENT);
    assertThat(of("segment_20260105T000000_20260105T010000.csv")).isEqualTo(Verdict.NOT_A_SEGMENT);
    assertThat(of("_SUCCESS")).isEqualTo(Verdict.NOT_A_SEGMENT);
  }

  @Test
  void aLocalRootIsMadeAbsoluteAndTheGlobIsRecursive() {
    String folder = SegmentDiscovery.channelFolder("/data/raw/", "ccxt", Channel.TRADES);
    assertThat(folder).isEqualTo("/data/raw/ready/ccxt/trades");
    assertThat(SegmentDiscovery.glob(folder)).isEqualTo("/data/raw/ready/ccxt/trades/**");
    assertThat(SegmentDiscovery.channelFolder("s3://b/raw", "ccxt", Channel.TICKER))
        .isEqualTo("s3://b/raw/ready/ccxt/ticker");
    assertThat(SegmentDiscovery.relative(folder, folder + "/exchange=okx/segment_1.parquet"))
        .isEqualTo("exchange=okx/segment_1.parquet");
  }
}
