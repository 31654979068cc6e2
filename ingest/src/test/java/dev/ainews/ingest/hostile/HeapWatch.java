package dev.ainews.ingest.hostile;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of this JVM while a test runs: the pools' peak usage as the JVM reports it, and the peak of
 * what was still in use right after a collection. The first includes garbage the collector had not yet needed to
 * reclaim, so it tracks the heap size more than the load; the second is what the code actually kept reachable at
 * once, which is what a fully buffered 100 MB body would blow up.
 */
final class HeapWatch implements AutoCloseable {

  private final AtomicLong peakLiveAfterGc = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final Set<String> heapPools;
  private final NotificationListener listener = this::onNotification;

  HeapWatch() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onNotification(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    long u = used;
    peakLiveAfterGc.accumulateAndGet(u, Math::max);
  }

  /** The most heap still in use right after any collection since this watch started. */
  long peakLiveAfterGc() {
    return peakLiveAfterGc.get();
  }

  /** The sum of each heap pool's peak usage since this watch started (pools peak at different times). */
  long peakPoolUsage() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // Already gone: nothing to undo.
      }
    }
  }
}
