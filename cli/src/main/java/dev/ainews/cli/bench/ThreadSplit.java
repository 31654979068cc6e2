package dev.ainews.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a Streams app's threads spend their wall time during a suite: Streams'
 * own per-thread ratios (process, poll, commit, punctuate; each the share of
 * the last sample window), sampled every 500 ms and averaged, and the CPU
 * seconds each stream thread used. Answers "is it busy or waiting" without
 * a profiler: a thread at process 0.3 and commit 0.4 is bound by transaction
 * round trips, not by its own work.
 */
final class ThreadSplit implements AutoCloseable {

  private static final String[] RATIOS = {"process-ratio", "poll-ratio", "commit-ratio", "punctuate-ratio"};

  private final KafkaStreams streams;
  private final String threadPrefix;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-thread-split");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, double[]> sums = new TreeMap<>();
  private final Map<String, Integer> samples = new TreeMap<>();
  private final Map<String, Long> cpuAtStart;
  private final long processCpuAtStart = Machine.processCpuNanos();
  private final long wallAtStart = System.nanoTime();

  /** Starts sampling; {@code threadPrefix} is the client id the stream threads' names begin with. */
  ThreadSplit(KafkaStreams streams, String threadPrefix) {
    this.streams = streams;
    this.threadPrefix = threadPrefix;
    this.cpuAtStart = cpuNanos();
    sampler.scheduleAtFixedRate(this::sample, 500, 500, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    Map<String, double[]> now = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName n = e.getKey();
      if (!n.group().equals("stream-thread-metrics")) {
        continue;
      }
      for (int i = 0; i < RATIOS.length; i++) {
        if (n.name().equals(RATIOS[i]) && e.getValue().metricValue() instanceof Double d && !d.isNaN()) {
          now.computeIfAbsent(shortName(n.tags().get("thread-id")), k -> new double[RATIOS.length])[i] = d;
        }
      }
    }
    now.forEach((thread, v) -> {
      double[] sum = sums.computeIfAbsent(thread, k -> new double[RATIOS.length]);
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
      samples.merge(thread, 1, Integer::sum);
    });
  }

  /**
   * One entry per thread, {@code StreamThread-1: process 0.41 poll 0.12 commit 0.38 punctuate 0.00 cpu 12.3 s},
   * then the whole process: {@code process cpu 30.1 s in 16.0 s wall (1.88 cores)}: near the core count, the
   * run was CPU-bound (broker and stream threads together).
   */
  synchronized String report() {
    Map<String, Long> cpu = cpuNanos();
    double processCpu = (Machine.processCpuNanos() - processCpuAtStart) / 1e9;
    double wall = (System.nanoTime() - wallAtStart) / 1e9;
    StringBuilder b = new StringBuilder();
    sums.forEach((thread, sum) -> {
      int k = samples.get(thread);
      if (!b.isEmpty()) {
        b.append("; ");
      }
      b.append(thread).append(':');
      for (int i = 0; i < RATIOS.length; i++) {
        b.append(String.format(" %s %.2f", RATIOS[i].replace("-ratio", ""), sum[i] / k));
      }
      Long end = cpu.get(thread);
      if (end != null) {
        b.append(String.format(" cpu %.1f s", (end - cpuAtStart.getOrDefault(thread, 0L)) / 1e9));
      }
    });
    b.append(String.format("; process cpu %.1f s in %.1f s wall (%.2f cores)", processCpu, wall, processCpu / wall));
    return b.toString();
  }


  private Map<String, Long> cpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(threadPrefix + "-StreamThread-")) {
        out.put(shortName(info.getThreadName()), mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return out;
  }

  private static String shortName(String thread) {
    int i = thread.lastIndexOf("StreamThread-");
    return i < 0 ? thread : thread.substring(i);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
