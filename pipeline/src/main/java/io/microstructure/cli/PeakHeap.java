package io.microstructure.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The highest heap use seen while a run is in progress, sampled every 50 ms on a daemon thread
 * (local runners execute in this JVM, so this is the job's peak heap).
 */
final class PeakHeap implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean done;
  private volatile long peak;

  PeakHeap() {
    thread = new Thread(this::loop, "etl-peak-heap");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!done) {
      peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakBytes() {
    return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
  }
}
