package io.microstructure.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.microstructure.pipeline.MemoryUse;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The job's heap use while a run is in progress (local runners execute in this JVM): the highest
 * heap use sampled every 50 ms on a daemon thread, which includes garbage not yet collected, and
 * the highest heap use right after a collection, which is the figure that shows whether memory
 * grows with the input.
 *
 * <p>The after-collection figure sums the heap pools of each collection's own report (the
 * collectors' notifications, and the last collection's info when read). Not the pools' {@code
 * getCollectionUsage()}: under G1 the old generation's value only changes at mixed or full
 * collections, so after young ones the sum leaves out everything promoted.
 */
final class PeakHeap implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  /** Each collector's count at the start: a collection's id is its count, so earlier ones show. */
  private final Map<String, Long> countsAtStart =
      ManagementFactory.getGarbageCollectorMXBeans().stream()
          .collect(
              Collectors.toMap(
                  GarbageCollectorMXBean::getName, GarbageCollectorMXBean::getCollectionCount));

  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener afterCollection = this::onCollection;
  private final Thread thread;
  private volatile boolean done;
  private volatile long peak;
  private long peakAfterGc = -1; // guarded by this

  PeakHeap() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(afterCollection, null, null);
        emitters.add(emitter);
      }
    }
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

  private void onCollection(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    record(info.getGcName(), info.getGcInfo());
  }

  private synchronized void record(String collector, GcInfo gc) {
    if (gc == null || gc.getId() <= countsAtStart.getOrDefault(collector, 0L)) {
      return; // this collector has not run since the start
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : gc.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    peakAfterGc = Math.max(peakAfterGc, used);
  }

  private long peakBytes() {
    return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
  }

  /** Heap peaks so far, the heap cap and the process's peak RSS. */
  synchronized MemoryUse memoryUse() {
    // Notifications arrive on another thread a little after each collection: fold in the latest.
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean info) {
        record(gc.getName(), info.getLastGcInfo());
      }
    }
    return new MemoryUse(
        peakBytes(), peakAfterGc, memory.getHeapMemoryUsage().getMax(), PeakRss.bytes());
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(afterCollection);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }
}
