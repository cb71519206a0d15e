package io.microstructure.pipeline;

/**
 * Memory a run used, in bytes; -1 where unknown.
 *
 * @param peakHeap highest heap use sampled during the run (includes uncollected garbage)
 * @param peakHeapAfterGc highest heap use right after a collection; -1 when none ran
 * @param maxHeap the heap cap in force (-Xmx, or the JVM's default)
 * @param peakRss the process's peak resident set size (VmHWM)
 */
public record MemoryUse(long peakHeap, long peakHeapAfterGc, long maxHeap, long peakRss) {}
