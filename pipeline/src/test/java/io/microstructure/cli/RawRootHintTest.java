package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawRootHintTest {
  @Test
  void aFolderInsideARawRootNamesTheRoot() {
    assertThat(RawRootHint.of("data/raw/ready/ccxt", "ccxt"))
        .contains("; that is the ccxt source folder inside a raw root: give --raw-root data/raw");
    assertThat(RawRootHint.of("data/raw/ready/ccxt/orderbook/", "ccxt"))
        .contains(
            "; that is the orderbook channel folder inside a raw root: give --raw-root data/raw");
    assertThat(RawRootHint.of("s3://bucket/raw/ready", "ccxt"))
        .contains("; that is the ready/ folder inside a raw root: give --raw-root s3://bucket/raw");
    assertThat(RawRootHint.of("s3://bucket/ready", "ccxt"))
        .contains("; that is the ready/ folder inside a raw root: give --raw-root s3://bucket");
    assertThat(RawRootHint.of("ready/ccxt", "ccxt"))
        .contains("; that is the ccxt source folder inside a raw root: give --raw-root .");
  }

  @Test
  void otherFoldersGetNoHint() {
    assertThat(RawRootHint.of("data/raw", "ccxt")).isEmpty();
    assertThat(RawRootHint.of("data/raw/ready/other", "ccxt")).isEmpty();
    assertThat(RawRootHint.of("s3://ready", "ccxt")).isEmpty();
  }
}
