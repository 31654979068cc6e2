package dev.ainews.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ainews.common.Env;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.ingest.FeedList;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One poll cycle over many local feeds that all answer 304. A local HTTP server
 * on 127.0.0.1 serves each feed (a small RSS document) with an ETag; ingest
 * (allowPrivateNetworks, on a clock the bench moves) fetches them all once
 * (200s), then the clock jumps two hours, every feed is due, and the second
 * cycle, where every conditional GET answers 304, is measured: from the jump
 * until ingest has published the last feed's state.
 */
final class PollBench {

  private final String bootstrap;
  private final Progress progress;

  PollBench(String bootstrap, Progress progress) {
    this.bootstrap = bootstrap;
    this.progress = progress;
  }

  /** A clock the bench moves forward. */
  static final class JumpClock extends Clock {
    private final AtomicLong offsetMs = new AtomicLong();

    void jump(Duration d) {
      offsetMs.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
      return Instant.now().plusMillis(offsetMs.get());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  Map<String, Object> run(int feeds) throws IOException {
    TopicAdmin.ensureCoreTopics(bootstrap, BenchKafka.PARTITIONS);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger notModified = new AtomicInteger();
    ExecutorService serverThreads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "bench-feed-server");
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(serverThreads);
    server.createContext("/feed/", ex -> serve(ex, ok, notModified));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/";
      List<FeedSubscription> subs = new ArrayList<>();
      for (int i = 0; i < feeds; i++) {
        subs.add(new FeedSubscription("bench-" + i, base + i + ".xml", "Bench feed " + i, "en", 3600, true, null));
      }
      new FeedList(bootstrap).put(subs);
      IngestConfig ic = IngestConfig.fromEnv(Env.system()).withBootstrap(bootstrap).withInstanceId("bench")
          .withMinPollInterval(Duration.ofSeconds(1));
      // All bench feeds live on one host; real feeds are spread over many, so the per-host
      // politeness limit would measure the bench's layout, not the poll cycle.
      ic = ic.withFetch(ic.fetch().withAllowPrivateNetworks(true).withPerHostConcurrency(ic.workers()));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      JumpClock clock = new JumpClock();
      IngestService ingest = Ingest.create(ic, registry, clock);
      Thread loop = new Thread(ingest, "bench-ingest-loop");
      loop.start();
      try {
        progress.note("poll: first cycle over " + feeds + " feeds (200s)");
        long c1 = System.nanoTime();
        awaitFetches(registry, "ok", feeds);
        double first = (System.nanoTime() - c1) / 1e9;
        progress.note(String.format("poll: first cycle took %.1f s; second cycle (304s)", first));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = threadCpu(threads);
        long cpu0 = Machine.processCpuNanos();
        long t0 = System.nanoTime();
        clock.jump(Duration.ofHours(2));
        awaitFetches(registry, "not_modified", feeds);
        long wall = System.nanoTime() - t0;
        long cpu = Machine.processCpuNanos() - cpu0;
        Map<Long, Long> after = threadCpu(threads);
        long ingestCpu = 0;
        long serverCpu = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          long d = after.getOrDefault(t.getId(), 0L) - before.getOrDefault(t.getId(), 0L);
          String name = t.getName();
          if (name.startsWith("ainews-") || name.startsWith("HttpClient-") || name.equals("bench-ingest-loop")
              || name.startsWith("kafka-producer-network-thread | ainews-ingest")) {
            ingestCpu += d;
          } else if (name.startsWith("bench-feed-server") || name.startsWith("HTTP-Dispatcher")) {
            serverCpu += d;
          }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("feeds", feeds);
        r.put("workers", ic.workers());
        r.put("first_cycle_s", StreamsSuites.round(first));
        r.put("wall_s", StreamsSuites.round(wall / 1e9));
        r.put("fetches_per_s", Math.round(feeds / (wall / 1e9)));
        r.put("process_cpu_s", StreamsSuites.round(cpu / 1e9));
        r.put("ingest_threads_cpu_s", StreamsSuites.round(ingestCpu / 1e9));
        r.put("feed_server_cpu_s", StreamsSuites.round(serverCpu / 1e9));
        r.put("cpu_ms_per_fetch", StreamsSuites.round(ingestCpu / 1e6 / feeds));
        r.put("answered_200", ok.get());
        r.put("answered_304", notModified.get());
        return r;
      } finally {
        ingest.close();
        try {
          loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
    Map<Long, Long> out = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t >= 0) {
        out.put(id, t);
      }
    }
    return out;
  }

  /** Waits until ingest has published {@code count} fetch results with this outcome. */
  private static void awaitFetches(SimpleMeterRegistry registry, String outcome, int count) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      double n = registry.find("ainews.ingest.fetches").tag("outcome", outcome).counters().stream()
          .mapToDouble(Counter::count).sum();
      if (n >= count) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    throw new IllegalStateException("ingest did not publish " + count + " '" + outcome + "' fetches in 10 minutes");
  }

  private static void serve(HttpExchange ex, AtomicInteger ok, AtomicInteger notModified) throws IOException {
    String path = ex.getRequestURI().getPath();
    String n = path.substring(path.lastIndexOf('/') + 1).replace(".xml", "");
    String etag = "\"v1-" + n + "\"";
    try (ex) {
      ex.getResponseHeaders().set("ETag", etag);
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        ex.sendResponseHeaders(304, -1);
        return;
      }
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
          + "<title>Bench feed " + n + "</title><link>https://feed" + n + ".example.com/</link>"
          + "<description>bench</description>");
      for (int k = 0; k < 3; k++) {
        xml.append("<item><title>OpenAI and DeepSeek news ").append(n).append('-').append(k)
            .append("</title><link>https://feed").append(n).append(".example.com/").append(k)
            .append("</link><guid>bench-").append(n).append('-').append(k)
            .append("</guid><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate><description>An AI model was released"
                + " today with new reasoning abilities.</description></item>");
      }
      xml.append("</channel></rss>");
      byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
      ok.incrementAndGet();
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
