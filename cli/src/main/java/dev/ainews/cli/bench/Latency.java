package dev.ainews.cli.bench;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateNames;
import dev.ainews.aggregate.TrendWindow;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency of enrich + aggregate at an offered load. Every item names
 * DeepSeek and is published "now" (publish time = record timestamp = wall time
 * of sending). An item is visible when (a) its enriched record can be read
 * (read_committed) and (b) a company|deepseek trend update of its hour window
 * counts at least as many items as were sent into that window up to and
 * including it. Latency = the later of (a) and (b) minus the send time.
 */
final class Latency {

  private static final Duration DRAIN = Duration.ofSeconds(30);
  /**
   * Sent at the offered rate before the measured items and left out of the percentiles (reported on their own),
   * as load benchmarks do: the first seconds of fresh apps on fresh topics (first transactions, first batches to
   * new partitions, compilation of their paths) are start-up, not the steady latency a board sees.
   */
  static final int WARMUP_SECONDS = 5;

  private final String bootstrap;
  private final BenchKafka.Watch watch;
  private final Progress progress;

  Latency(String bootstrap, BenchKafka.Watch watch, Progress progress) {
    this.bootstrap = bootstrap;
    this.watch = watch;
    this.progress = progress;
  }

  Map<String, Object> measure(EnrichConfig ec, AggregateConfig ac, Tagger tagger, Corpus corpus, int rate,
      int seconds) {
    String raw = "bench.raw.latency";
    String enriched = "bench.enriched.latency";
    String dlq = "bench.dlq.latency";
    BenchKafka.createTopics(watch.admin(), raw, enriched, dlq);
    AggregateNames names = new AggregateNames(enriched, dlq, "bench-latency");
    String trends = names.trends("company", TrendWindow.HOUR).name();
    int warm = rate * WARMUP_SECONDS;
    int n = warm + rate * seconds;
    long[] sent = new long[n];
    long[] enrichedAt = new long[n];
    long[] countedAt = new long[n];
    Map<String, Integer> index = new ConcurrentHashMap<>();
    Map<Long, List<Integer>> byWindow = new HashMap<>();
    Map<Long, Integer> countedUpTo = new HashMap<>();
    Object lock = new Object();
    AtomicBoolean stop = new AtomicBoolean();

    try (EnrichApp enrich = new EnrichApp(ec, tagger, new EnrichTopology.Names(raw, enriched, dlq),
        new SimpleMeterRegistry());
        AggregateApp aggregate = new AggregateApp(ac, names, new SimpleMeterRegistry())) {
      enrich.start();
      aggregate.start();
      BenchKafka.awaitRunning(enrich::state, "the enrich app");
      BenchKafka.awaitRunning(aggregate::state, "the aggregate app");
      CountDownLatch readerReady = new CountDownLatch(1);
      Thread reader = new Thread(() -> read(enriched, trends, index, enrichedAt, countedAt, byWindow, countedUpTo,
          lock, stop, readerReady), "bench-latency-reader");
      reader.setDaemon(true);
      reader.start();
      // The reader stamps visibility: sending before it has its partitions and has polled once would bill its own
      // start-up (topic metadata, first fetch) to the first items, as a 2.5 s p99 in the first 5 s once did.
      try {
        if (!readerReady.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the latency reader did not start within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the latency reader started", e);
      }
      var serializer = Topics.RAW.valueSerde().serializer();
      try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap,
          "bench-latency"), new StringSerializer(), new ByteArraySerializer())) {
        long t0 = System.nanoTime();
        long hour = TrendWindow.HOUR.size().toMillis();
        for (int i = 0; i < n; i++) {
          long due = t0 + (long) i * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          RawItem base = corpus.item(i, n);
          Instant now = Instant.now();
          RawItem item = new RawItem(Corpus.id("latency-" + i), base.feed(), base.source(), base.url(),
              "DeepSeek: " + base.title(), base.summary(), base.content(), base.author(), base.language(), now, now);
          long window = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), hour);
          synchronized (lock) {
            byWindow.computeIfAbsent(window, w -> new ArrayList<>()).add(i);
          }
          index.put(item.id(), i);
          sent[i] = System.nanoTime();
          p.send(new ProducerRecord<>(raw, null, now.toEpochMilli(), item.id(), serializer.serialize(raw, item)));
          if (i > 0 && i % (rate * 10) == 0) {
            progress.note("latency: sent " + i + " / " + n);
          }
        }
      }
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (System.nanoTime() < deadline && !allSeen(enrichedAt, countedAt, lock)) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      stop.set(true);
      try {
        reader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Each item's end-to-end latency, -1 if it never became visible; then the measured items' percentiles, and
    // the p99 of each 5 s of sending, warm-up first (a start-up transient and a steady tail look alike in one figure).
    long[] latency = new long[n];
    long[] enrichOnly = new long[n - warm];
    int seen = 0;
    synchronized (lock) {
      for (int i = 0; i < n; i++) {
        boolean visible = enrichedAt[i] != 0 && countedAt[i] != 0;
        latency[i] = visible ? Math.max(enrichedAt[i], countedAt[i]) - sent[i] : -1;
        if (visible && i >= warm) {
          enrichOnly[seen++] = enrichedAt[i] - sent[i];
        }
      }
    }
    List<Long> p99BySlice = new ArrayList<>();
    for (int from = 0; from < n; from += rate * 5) {
      p99BySlice.add(ms(visibleSorted(latency, from, Math.min(n, from + rate * 5)), 0.99));
    }
    long[] t = visibleSorted(latency, warm, n);
    long[] e = Arrays.copyOf(enrichOnly, seen);
    Arrays.sort(e);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("latency_offered_items_per_s", rate);
    r.put("latency_seconds", seconds);
    r.put("latency_warmup_seconds", WARMUP_SECONDS);
    r.put("latency_items", n - warm);
    r.put("latency_items_not_visible", n - warm - seen);
    r.put("e2e_p50_ms", ms(t, 0.50));
    r.put("e2e_p99_ms", ms(t, 0.99));
    r.put("e2e_max_ms", seen == 0 ? -1 : t[seen - 1] / 1_000_000);
    r.put("e2e_p99_ms_per_5s_warmup_first", p99BySlice);
    r.put("enriched_p50_ms", ms(e, 0.50));
    r.put("enriched_p99_ms", ms(e, 0.99));
    r.put("enrich_commit_interval_ms", ec.commitIntervalMs());
    r.put("aggregate_commit_interval_ms", ac.commitInterval().toMillis());
    return r;
  }

  /** The latencies of items [from, to) that became visible, sorted. */
  private static long[] visibleSorted(long[] latency, int from, int to) {
    return Arrays.stream(latency, from, to).filter(l -> l >= 0).sorted().toArray();
  }

  private static long ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1_000_000;
  }

  private static boolean allSeen(long[] enrichedAt, long[] countedAt, Object lock) {
    synchronized (lock) {
      for (int i = 0; i < enrichedAt.length; i++) {
        if (enrichedAt[i] == 0 || countedAt[i] == 0) {
          return false;
        }
      }
    }
    return true;
  }

  private void read(String enriched, String trends, Map<String, Integer> index, long[] enrichedAt, long[] countedAt,
      Map<Long, List<Integer>> byWindow, Map<Long, Integer> countedUpTo, Object lock, AtomicBoolean stop,
      CountDownLatch ready) {
    Map<String, Object> c = new HashMap<>(KafkaClients.consumerConfig(bootstrap, null, "bench-latency-reader"));
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (String t : List.of(enriched, trends)) {
        consumer.partitionsFor(t, Duration.ofSeconds(10)).forEach(pi -> tps.add(new TopicPartition(t, pi.partition())));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      for (TopicPartition tp : tps) {
        consumer.position(tp); // blocks until the partition's start offset is known
      }
      ready.countDown();
      while (!stop.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          if (r.topic().equals(enriched)) {
            Integer i = index.get(r.key());
            if (i != null) {
              synchronized (lock) {
                if (enrichedAt[i] == 0) {
                  enrichedAt[i] = now;
                }
              }
            }
          } else if (r.value() != null) {
            TrendCount tc = trend(r.value());
            if (tc != null && "deepseek".equals(tc.value())) {
              long w = tc.windowStart().toEpochMilli();
              synchronized (lock) {
                List<Integer> items = byWindow.getOrDefault(w, List.of());
                int from = countedUpTo.getOrDefault(w, 0);
                int upTo = (int) Math.min(tc.items(), items.size());
                for (int k = from; k < upTo; k++) {
                  countedAt[items.get(k)] = now;
                }
                countedUpTo.put(w, Math.max(from, upTo));
              }
            }
          }
        }
      }
    }
  }

  private static TrendCount trend(byte[] value) {
    try {
      return Json.MAPPER.readValue(value, TrendCount.class);
    } catch (IOException e) {
      return null;
    }
  }
}
