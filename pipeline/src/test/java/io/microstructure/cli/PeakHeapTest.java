package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.pipeline.MemoryUse;
import org.junit.jupiter.api.Test;

/** What the run report records about memory. */
class PeakHeapTest {
  @Test
  void heapAfterACollectionCountsWhatSurvivedIt() {
    try (PeakHeap heap = new PeakHeap()) {
      long[] live = new long[64 * 1024 * 1024 / 8]; // 64 MiB that outlives the collection
      System.gc();
      MemoryUse m = heap.memoryUse();
      assertThat(live).hasSize(8 * 1024 * 1024);
      assertThat(m.peakHeapAfterGc()).isGreaterThanOrEqualTo(64L * 1024 * 1024);
      assertThat(m.peakHeap()).isGreaterThanOrEqualTo(64L * 1024 * 1024);
      assertThat(m.maxHeap()).isPositive();
      assertThat(m.peakRss()).as("VmHWM of this process").isGreaterThanOrEqualTo(64L * 1024 * 1024);
    }
  }
}
