package dev.ainews.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on, and the memory probes of the pipeline suite. */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory_mib", totalMemoryMib());
    m.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("cpu", cpuModel());
    return m;
  }

  private static long totalMemoryMib() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024);
    }
    return -1;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the other fields still describe the machine
    }
    return "unknown";
  }

  /** Forgets the heap pools' peaks and, on Linux, the process's peak RSS, so a suite's peaks are its own. */
  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    try {
      // "5" resets VmHWM to the current RSS (Linux >= 4.0).
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // then VmHWM is the peak since the JVM started; the report says so via rss_peak_reset
    }
  }

  /** Whether {@link #resetPeaks()} could reset the peak RSS here. */
  static boolean canResetRss() {
    return Files.isWritable(Path.of("/proc/self/clear_refs"));
  }

  /** Sum of the heap pools' peak usage since the last reset: an upper bound of the peak heap in use. */
  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** VmHWM of /proc/self/status in bytes, -1 where there is none. */
  static long peakRssBytes() {
    return status("VmHWM:");
  }

  static long rssBytes() {
    return status("VmRSS:");
  }

  private static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Waits, at most {@code max}, until the JIT compilers spent less than {@code quietShare} of one core compiling
   * over the last second. After the warm-up, thousands of compilations are still queued (on two cores the
   * compiler threads run behind); a suite timed before they finish pays for them: 3 of 8 s of the process's CPU
   * in one profiled enrich run. Returns the seconds waited, or -1 if the JVM does not report compile time.
   */
  static double awaitJitQuiet(double quietShare, java.time.Duration max) {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    long t0 = System.nanoTime();
    long deadline = t0 + max.toNanos();
    long before = jit.getTotalCompilationTime();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = jit.getTotalCompilationTime();
      if (now - before < quietShare * 1000) {
        break;
      }
      before = now;
    }
    return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
  }
}
