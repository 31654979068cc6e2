package dev.ainews.cli.bench;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateNames;
import dev.ainews.common.Dlq;
import dev.ainews.common.Env;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code ainews bench soak}: the real EnrichApp and AggregateApp on an embedded broker
 * under steady load for a bounded time, with a fault at a fixed period in rotation
 * (poison the raw topic, poison the enriched topic, restart enrich, restart aggregate,
 * replace an enrich stream thread), sampled every {@link #SAMPLE_EVERY}; then a drain.
 *
 * <p>It passes when, after the load, both apps catch up within {@link #DRAIN}, the DLQ
 * holds exactly the poison records, and every distinct offered id was enriched exactly
 * once (read_committed: record count and a sum of id hashes both match). Heap, RSS and lag
 * are judged {@code flat} or {@code growing} by {@link SoakTrend}; those verdicts are
 * reported, not part of the pass.
 *
 * <p>Report: {@code {"started_at", "machine", "suites": {"soak": {...}}, "targets": [...]}}.
 */
public final class Soak {

  public static final double DEFAULT_MINUTES = 10;
  public static final int DEFAULT_RATE = 500;
  public static final int DEFAULT_FAULT_EVERY_S = 60;
  /**
   * Simulated seconds per second of the load: four hours of news per second. At the default 500
   * items/s that is 3,000 items a simulated day, a news day; the longest memory of the apps, the
   * enrich dedupe's 30 days, turns over in the first 3 minutes (the story index's 96 h in 24 s, the
   * aggregate's windows and grace in under a minute), so a 10-minute run shows whether what they
   * hold levels off. At 1 the soak runs in real time and nothing it holds expires before the end.
   */
  public static final int DEFAULT_TIME_SCALE = 14_400;
  static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  static final Duration DRAIN = Duration.ofMinutes(2);

  static final String RAW = "soak.raw";
  static final String ENRICHED = "soak.enriched";
  static final String DLQ = "soak.dlq";
  static final String ENRICH_ID = "soak-enrich";
  static final String AGGREGATE_ID = "soak-aggregate";
  /** Keys of poison records start with this, so the enriched count can leave them out. */
  static final String POISON = "soak-poison-";

  /**
   * The faults, injected in this order, round and round: the quick data faults first, so a
   * short run still poisons both topics before a restart (which stalls for a session timeout).
   */
  enum Fault {
    POISON_RAW("poison-raw"), POISON_ENRICHED("poison-enriched"), RESTART_ENRICH("restart-enrich"),
    RESTART_AGGREGATE("restart-aggregate"), REPLACE_ENRICH_THREAD("replace-enrich-thread");

    final String label;

    Fault(String label) {
      this.label = label;
    }
  }

  /**
   * @param minutes         length of the load phase (fractions allowed)
   * @param rate            offered load, items/s
   * @param faultEverySeconds period of the faults; the first comes one period into the load
   * @param timeScale       simulated seconds of publish time per second of load
   */
  public record Options(double minutes, int rate, int faultEverySeconds, int timeScale) {
    public Options {
      // The messages name the options of `ainews bench soak`, which reports them as usage errors.
      if (!(minutes > 0) || minutes > 24 * 60) {
        throw new IllegalArgumentException("--minutes must be in (0, 1440]: " + minutes);
      }
      if (rate < 1 || faultEverySeconds < 1) {
        throw new IllegalArgumentException("--rate and --fault-every must be positive");
      }
      if (timeScale < 1 || timeScale > MAX_TIME_SCALE) {
        throw new IllegalArgumentException("--time-scale must be in [1, " + MAX_TIME_SCALE + "]: " + timeScale);
      }
      if (minutes * 60 * timeScale > MAX_SIMULATED.toSeconds()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "--minutes %s at --time-scale %d would cover"
            + " %.0f days of publish time; at most %d", minutes, timeScale, minutes * timeScale / 1440,
            MAX_SIMULATED.toDays()));
      }
    }
  }

  /** A simulated week per second: beyond that the 1 h windows hold a handful of items each. */
  public static final int MAX_TIME_SCALE = 7 * 24 * 3600;
  /** The clock ends at the wall time, so it starts this far back at most: well after 1970. */
  static final Duration MAX_SIMULATED = Duration.ofDays(20 * 365);

  private final Path dir;
  private final Options options;
  private final Progress progress;

  public Soak(Path dir, Options options, PrintStream err) {
    this.dir = dir;
    this.options = options;
    this.progress = new Progress(err);
  }

  public Map<String, Object> run() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("started_at", Instant.now().toString());
    report.put("machine", Machine.describe());
    progress.note("starting the embedded broker (data and log under " + dir + ")");
    Env env = Env.system();
    Tagger tagger = Tagger.fromEnv(env);
    Map<String, Object> soak;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).start();
        BenchKafka.Watch watch = new BenchKafka.Watch(kafka.bootstrapServers())) {
      kafka.detachShutdownHook();
      soak = new Session(kafka.bootstrapServers(), watch, tagger, env).run();
    }
    report.put("suites", Map.of("soak", soak));
    report.put("targets", targets(soak));
    return report;
  }

  /** Removes the broker's data and the Streams state; the log stays. */
  public void deleteData() {
    BenchRun.deleteData(dir, progress);
  }

  /** Whether the soak passed: lag drained, DLQ == poisons, every item enriched exactly once. */
  @SuppressWarnings("unchecked")
  public static boolean passed(Map<String, Object> report) {
    Map<String, Object> soak = (Map<String, Object>) ((Map<String, Object>) report.get("suites")).get("soak");
    return Boolean.TRUE.equals(soak.get("passed"));
  }

  /** One soak: apps, load, faults, samples, drain. Used once. */
  private final class Session {
    private final String bootstrap;
    private final BenchKafka.Watch watch;
    private final Tagger tagger;
    private final EnrichConfig enrichConfig;
    private final AggregateConfig aggregateConfig;
    private final EnrichTopology.Names enrichNames = new EnrichTopology.Names(RAW, ENRICHED, DLQ);
    private final AggregateNames aggregateNames = new AggregateNames(ENRICHED, DLQ, "soak");
    private final Corpus corpus = Corpus.standard();
    private final List<Map<String, Object>> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> faults = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong offeredDistinct = new AtomicLong();
    private final AtomicLong offeredChecksum = new AtomicLong();
    /** Publish times (epoch ms) of the first and the last item offered. */
    private volatile long firstPublished = -1;
    private volatile long lastPublished = -1;
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong poisons = new AtomicLong();
    private final Map<String, AtomicLong> poisonsByTopic = new ConcurrentHashMap<>();
    private final Reader reader;
    private volatile EnrichApp enrich;
    private volatile AggregateApp aggregate;
    private volatile String phase = "start";
    private volatile boolean loadOver;
    /** The load producer, shared with the fault thread for poison records (a KafkaProducer is thread-safe). */
    private volatile KafkaProducer<String, byte[]> producer;
    private long t0;
    /** Publish time (epoch ms) at t0: the load ends at the wall time it ends, see {@link #publishTime}. */
    private long simStart;

    Session(String bootstrap, BenchKafka.Watch watch, Tagger tagger, Env env) {
      this.bootstrap = bootstrap;
      this.watch = watch;
      this.tagger = tagger;
      Path state = dir.resolve("streams");
      this.enrichConfig = EnrichConfig.fromEnv(env).with(bootstrap, ENRICH_ID, state.resolve(ENRICH_ID));
      this.aggregateConfig = AggregateConfig.fromEnv(env).withBootstrap(bootstrap)
          .withStateDir(state.resolve(AGGREGATE_ID)).withApplicationId(AGGREGATE_ID);
      this.reader = new Reader(bootstrap);
    }

    Map<String, Object> run() {
      BenchKafka.createTopics(watch.admin(), RAW, ENRICHED, DLQ);
      long seconds = Math.round(options.minutes() * 60);
      int n = (int) Math.min(Integer.MAX_VALUE, (long) options.rate() * seconds);
      progress.note(String.format(Locale.ROOT, "soak: %.1f min at %d items/s offered, a fault every %d s",
          options.minutes(), options.rate(), options.faultEverySeconds()));
      Thread sampler = daemon("soak-sampler", this::sampleLoop);
      Thread injector = daemon("soak-faults", this::faultLoop);
      Map<String, Object> r = new LinkedHashMap<>();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap,
          "soak-load"), new StringSerializer(), new ByteArraySerializer())) {
        enrich = newEnrich();
        aggregate = newAggregate();
        enrich.start();
        aggregate.start();
        BenchKafka.awaitRunning(enrich::state, "the enrich app");
        BenchKafka.awaitRunning(aggregate::state, "the aggregate app");
        reader.start();
        t0 = System.nanoTime();
        simStart = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(seconds) * (options.timeScale() - 1L);
        phase = "load";
        sampler.start();
        this.producer = producer;
        injector.start();
        long sent = offer(producer, n, seconds);
        long loadNanos = System.nanoTime() - t0;
        loadOver = true;
        phase = "drain";
        progress.note("soak: load over (" + sent + " items offered); draining");
        // A restart in progress finishes first: the drain starts with both apps up.
        join(injector, Duration.ofMinutes(3));
        producer.flush();
        double drainSeconds = drain();
        phase = "end";
        sampleNow();
        sampler.interrupt();
        join(sampler, Duration.ofSeconds(30));
        r.putAll(figures(loadNanos, drainSeconds));
      } finally {
        loadOver = true;
        injector.interrupt();
        sampler.interrupt();
        reader.stop();
        closeApps();
      }
      return r;
    }

    /**
     * Sends items at the offered rate until the load time is up. Publish time = record
     * timestamp = {@link #publishTime}, a clock running {@code timeScale} times as fast as the
     * wall clock. The corpus's exact repeats (2 %) keep an earlier id, which the enrich dedupe
     * must drop.
     */
    private long offer(KafkaProducer<String, byte[]> p, int n, long seconds) {
      var serializer = Topics.RAW.valueSerde().serializer();
      long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
      long i = 0;
      for (; i < n; i++) {
        long due = t0 + i * 1_000_000_000L / options.rate();
        if (due >= end) {
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        int k = (int) i;
        RawItem base = corpus.item(k, n);
        Instant now = Instant.ofEpochMilli(publishTime());
        if (i == 0) {
          firstPublished = now.toEpochMilli();
        }
        lastPublished = now.toEpochMilli();
        RawItem item = new RawItem(base.id(), base.feed(), base.source(), base.url(), base.title(), base.summary(),
            base.content(), base.author(), base.language(), now, now);
        if (!corpus.isRepeat(k)) {
          offeredDistinct.incrementAndGet();
          offeredChecksum.addAndGet(idHash(item.id()));
        }
        offered.incrementAndGet();
        p.send(new ProducerRecord<>(RAW, null, now.toEpochMilli(), item.id(), serializer.serialize(RAW, item)),
            (meta, e) -> {
              if (e != null) {
                sendErrors.incrementAndGet();
              }
            });
        if (i > 0 && i % ((long) options.rate() * 30) == 0) {
          progress.note("soak: offered " + i + " / " + n + ", enriched " + reader.enriched.get());
        }
      }
      return i;
    }

    private void faultLoop() {
      long period = TimeUnit.SECONDS.toNanos(options.faultEverySeconds());
      Fault[] rotation = Fault.values();
      for (int k = 0; !loadOver; k++) {
        long due = t0 + (k + 1) * period;
        while (!loadOver && System.nanoTime() < due) {
          LockSupport.parkNanos(Math.min(due - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
          if (Thread.interrupted()) {
            return;
          }
        }
        if (loadOver) {
          return;
        }
        Fault f = rotation[k % rotation.length];
        double at = secondsSinceStart();
        progress.note("soak: fault " + (k + 1) + ": " + f.label);
        long s = System.nanoTime();
        String detail;
        boolean ok = true;
        try {
          detail = inject(f);
        } catch (RuntimeException e) {
          ok = false;
          detail = e.toString();
          progress.note("soak: fault " + f.label + " failed: " + detail);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at_s", round1(at));
        row.put("fault", f.label);
        row.put("took_s", round1((System.nanoTime() - s) / 1e9));
        row.put("ok", ok);
        row.put("detail", detail);
        faults.add(row);
      }
    }

    private String inject(Fault f) {
      switch (f) {
        case RESTART_ENRICH -> {
          enrich.close();
          EnrichApp e = newEnrich();
          enrich = e;
          e.start();
          BenchKafka.awaitRunning(e::state, "the restarted enrich app");
          return "closed, started a new instance on the same state dir, RUNNING again";
        }
        case RESTART_AGGREGATE -> {
          aggregate.close();
          AggregateApp a = newAggregate();
          aggregate = a;
          a.start();
          BenchKafka.awaitRunning(a::state, "the restarted aggregate app");
          return "closed, started a new instance on the same state dir, RUNNING again";
        }
        case POISON_RAW -> {
          // Not JSON; a tombstone (hence Arrays.asList, which takes a null); a valid item under a key that is not its id: each a different enrich.read failure.
          RawItem valid = corpus.item(0, 1);
          return poison(RAW, List.of("garbage", "tombstone", "wrong-key"), Arrays.asList(
              "this is not JSON {".getBytes(StandardCharsets.UTF_8), null,
              Topics.RAW.valueSerde().serializer().serialize(RAW, valid)));
        }
        case POISON_ENRICHED -> {
          return poison(ENRICHED, List.of("garbage", "tombstone", "truncated"), Arrays.asList(
              "\u0000\u0001 binary".getBytes(StandardCharsets.UTF_8), null,
              "{\"id\":\"abc\",\"title\":".getBytes(StandardCharsets.UTF_8)));
        }
        case REPLACE_ENRICH_THREAD -> {
          KafkaStreams s = enrich.streams();
          Optional<String> removed = s.removeStreamThread(Duration.ofSeconds(60));
          Optional<String> added = s.addStreamThread();
          if (removed.isEmpty() || added.isEmpty()) {
            throw new IllegalStateException("could not replace a stream thread (removed " + removed + ", added "
                + added + ", state " + s.state() + ")");
          }
          BenchKafka.awaitRunning(s::state, "the enrich app after replacing a thread");
          return "removed " + removed.get() + ", added " + added.get();
        }
        default -> throw new IllegalArgumentException("unknown fault " + f);
      }
    }

    private String poison(String topic, List<String> kinds, List<byte[]> values) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        String key = POISON + topic + "-" + poisons.get() + "-" + kinds.get(i);
        acks.add(producer.send(new ProducerRecord<>(topic, null, publishTime(), key, values.get(i))));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        try {
          ack.get(60, TimeUnit.SECONDS);
          poisons.incrementAndGet();
          poisonsByTopic.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          progress.note("soak: a poison record to " + topic + " was not acknowledged: " + e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing poison records", e);
        }
      }
      return kinds.size() + " records to " + topic + " (" + String.join(", ", kinds) + ")";
    }

    private void sampleLoop() {
      long every = SAMPLE_EVERY.toNanos();
      for (long k = 1; ; k++) {
        long due = t0 + k * every;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (Thread.interrupted()) {
          return;
        }
        sampleNow();
      }
    }

    /**
     * One sample. System.gc() first, on purpose: heap used right after a full
     * collection is the live set, whose trend is what a leak shows in; heap used at a
     * random moment mostly measures how much garbage young collections left behind.
     */
    private synchronized void sampleNow() {
      long g = System.nanoTime();
      System.gc();
      long gcNanos = System.nanoTime() - g;
      MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      long rss = Machine.rssBytes();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("t_s", round1(secondsSinceStart()));
      s.put("phase", phase);
      s.put("heap_mib", round1(usage.getUsed() / 1048576.0));
      s.put("rss_mib", round1(rss / 1048576.0));
      // RSS beyond the heap the JVM has committed: RocksDB, direct buffers, metaspace, thread stacks.
      // A native leak shows here; RSS itself also follows how much heap G1 chose to keep committed.
      s.put("native_mib", round1(Math.max(0, rss - usage.getCommitted()) / 1048576.0));
      s.put("enrich_lag", lag(ENRICH_ID, RAW));
      s.put("aggregate_lag", lag(AGGREGATE_ID, ENRICHED));
      s.put("offered", offered.get());
      s.put("enriched", reader.enriched.get());
      s.put("dlq", reader.dlq.get());
      s.put("gc_ms", TimeUnit.NANOSECONDS.toMillis(gcNanos));
      s.put("enrich_state", String.valueOf(enrich.state()));
      s.put("aggregate_state", String.valueOf(aggregate.state()));
      samples.add(s);
    }

    private long lag(String group, String input) {
      try {
        return watch.offsetLag(group, List.of(input));
      } catch (ExecutionException e) {
        progress.note("soak: cannot read the lag of " + group + ": " + e.getCause());
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    /**
     * Waits until both groups have committed all of their inputs (commit markers
     * resolved by Watch) and the reader has seen every expected record; returns the
     * seconds it took, or -1 when {@link #DRAIN} ran out first.
     */
    private double drain() {
      long start = System.nanoTime();
      long deadline = start + DRAIN.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          boolean apps = watch.caughtUp(ENRICH_ID, List.of(new BenchKafka.Input(RAW, false)))
              && watch.caughtUp(AGGREGATE_ID, List.of(new BenchKafka.Input(ENRICHED, true)));
          if (apps && reader.enriched.get() == offeredDistinct.get() && reader.dlq.get() == poisons.get()) {
            return (System.nanoTime() - start) / 1e9;
          }
        } catch (ExecutionException e) {
          progress.note("soak: cannot watch the groups: " + e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
      }
      return -1;
    }

    private Map<String, Object> figures(long loadNanos, double drainSeconds) {
      Map<String, Object> r = new LinkedHashMap<>();
      double loadSeconds = loadNanos / 1e9;
      r.put("minutes", options.minutes());
      r.put("offered_rate_items_per_s", options.rate());
      r.put("achieved_rate_items_per_s", round1(offered.get() / loadSeconds));
      r.put("fault_every_s", options.faultEverySeconds());
      r.put("time_scale", options.timeScale());
      r.put("published_from", firstPublished < 0 ? null : Instant.ofEpochMilli(firstPublished).toString());
      r.put("published_to", lastPublished < 0 ? null : Instant.ofEpochMilli(lastPublished).toString());
      r.put("sample_every_s", SAMPLE_EVERY.toSeconds());
      r.put("system_gc_before_each_sample", true);
      r.put("items_offered", offered.get());
      r.put("items_offered_distinct", offeredDistinct.get());
      r.put("items_enriched", reader.enriched.get());
      boolean once = reader.enriched.get() == offeredDistinct.get() && reader.checksum.get() == offeredChecksum.get();
      r.put("enriched_exactly_once", once);
      r.put("send_errors", sendErrors.get());
      r.put("faults_injected", faults.size());
      r.put("faults_failed", faults.stream().filter(f -> !Boolean.TRUE.equals(f.get("ok"))).count());
      r.put("poison_records", poisons.get());
      r.put("poison_records_by_topic", new TreeMap<>(counts(poisonsByTopic)));
      r.put("dlq_records", reader.dlq.get());
      r.put("dlq_records_by_stage", new TreeMap<>(counts(reader.dlqByStage)));
      boolean dlqOk = reader.dlq.get() == poisons.get();
      r.put("dlq_matches_poison", dlqOk);
      boolean drained = drainSeconds >= 0;
      r.put("drained", drained);
      r.put("drain_s", drained ? round1(drainSeconds) : -1);
      r.put("drain_limit_s", DRAIN.toSeconds());
      Map<String, Object> last;
      synchronized (samples) {
        last = samples.get(samples.size() - 1);
      }
      r.put("enrich_lag_end", last.get("enrich_lag"));
      r.put("aggregate_lag_end", last.get("aggregate_lag"));
      r.put("trends", trends());
      r.put("passed", drained && dlqOk && once);
      r.put("faults", new ArrayList<>(faults));
      r.put("samples", new ArrayList<>(samples));
      return r;
    }

    /** Heap, RSS and lag over the load phase: the drain's falling lag would flatter the verdict. */
    private Map<String, Object> trends() {
      List<Map<String, Object>> load;
      synchronized (samples) {
        load = samples.stream().filter(s -> "load".equals(s.get("phase"))).toList();
      }
      double[] minutes = load.stream().mapToDouble(s -> num(s, "t_s") / 60).toArray();
      double lagSlope = 0.02 * options.rate() * 60;
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("heap_after_gc", new SoakTrend("MiB", 2, 16).judge(minutes, series(load, "heap_mib")));
      t.put("rss", new SoakTrend("MiB", 4, 32).judge(minutes, series(load, "rss_mib")));
      t.put("native", new SoakTrend("MiB", 4, 32).judge(minutes, series(load, "native_mib")));
      t.put("enrich_lag", new SoakTrend("offsets", lagSlope, options.rate()).judge(minutes,
          series(load, "enrich_lag")));
      t.put("aggregate_lag", new SoakTrend("offsets", lagSlope, options.rate()).judge(minutes,
          series(load, "aggregate_lag")));
      return t;
    }

    private EnrichApp newEnrich() {
      return new EnrichApp(enrichConfig, tagger, enrichNames, new SimpleMeterRegistry());
    }

    private AggregateApp newAggregate() {
      return new AggregateApp(aggregateConfig, aggregateNames, new SimpleMeterRegistry());
    }

    private void closeApps() {
      EnrichApp e = enrich;
      AggregateApp a = aggregate;
      if (e != null) {
        e.close();
      }
      if (a != null) {
        a.close();
      }
    }

    /**
     * The simulated clock: {@code timeScale} ms of publish time per ms of load, ending at the
     * wall time the load ends. It runs in the past rather than the future because a broker
     * rejects record timestamps more than {@code log.message.timestamp.after.max.ms} (1 h by
     * default) ahead of its clock.
     */
    private long publishTime() {
      // Never past the wall clock, even when the load runs behind its schedule.
      return Math.min(System.currentTimeMillis(),
          simStart + (System.nanoTime() - t0) / 1_000_000L * options.timeScale());
    }

    private double secondsSinceStart() {
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /**
   * Counts, read_committed from the beginning: enriched records (poison keys left out)
   * with a sum of their id hashes, and DLQ records by stage. A sum, not a set of ids, so
   * the soak's own memory stays flat however long it runs.
   */
  private static final class Reader {
    final AtomicLong enriched = new AtomicLong();
    final AtomicLong checksum = new AtomicLong();
    final AtomicLong dlq = new AtomicLong();
    final Map<String, AtomicLong> dlqByStage = new ConcurrentHashMap<>();
    private final String bootstrap;
    private volatile boolean stop;
    private Thread thread;

    Reader(String bootstrap) {
      this.bootstrap = bootstrap;
    }

    void start() {
      thread = daemon("soak-reader", this::read);
      thread.start();
    }

    void stop() {
      stop = true;
      if (thread != null) {
        join(thread, Duration.ofSeconds(10));
      }
    }

    private void read() {
      Map<String, Object> c = new java.util.HashMap<>(KafkaClients.consumerConfig(bootstrap, null, "soak-reader"));
      c.remove(ConsumerConfig.GROUP_ID_CONFIG);
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
          new ByteArrayDeserializer())) {
        List<TopicPartition> tps = new ArrayList<>();
        for (String t : List.of(ENRICHED, DLQ)) {
          consumer.partitionsFor(t, Duration.ofSeconds(10))
              .forEach(p -> tps.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        while (!stop) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.topic().equals(DLQ)) {
              dlq.incrementAndGet();
              String stage = Dlq.header(r.headers(), Dlq.STAGE);
              dlqByStage.computeIfAbsent(stage == null ? "?" : stage, s -> new AtomicLong()).incrementAndGet();
            } else if (r.key() == null || !r.key().startsWith(POISON)) {
              enriched.incrementAndGet();
              checksum.addAndGet(r.key() == null ? 0 : idHash(r.key()));
            }
          }
        }
      }
    }
  }

  /** The first 64 bits of a hex id (ids are SHA-256 hex); any other key hashes with String.hashCode. */
  static long idHash(String id) {
    if (id.length() >= 16) {
      try {
        return Long.parseUnsignedLong(id.substring(0, 16), 16);
      } catch (NumberFormatException e) {
        // not hex: fall through
      }
    }
    return id.hashCode();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> targets(Map<String, Object> soak) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(target("soak: lag drained after the load", "both apps caught up within " + DRAIN.toSeconds() + " s",
        soak.get("drain_s"), Boolean.TRUE.equals(soak.get("drained"))));
    out.add(target("soak: DLQ records == poison records", "== " + soak.get("poison_records"),
        soak.get("dlq_records"), Boolean.TRUE.equals(soak.get("dlq_matches_poison"))));
    out.add(target("soak: every distinct offered id enriched once", "== " + soak.get("items_offered_distinct"),
        soak.get("items_enriched"), Boolean.TRUE.equals(soak.get("enriched_exactly_once"))));
    Map<String, Object> trends = (Map<String, Object>) soak.get("trends");
    trends.forEach((name, v) -> {
      Map<String, Object> t = (Map<String, Object>) v;
      out.add(target("soak: " + name + " flat", "not growing (" + t.get("unit") + "/min, see rule)",
          t.getOrDefault("slope_second_half_per_min", "n/a"), !"growing".equals(t.get("verdict"))));
    });
    return out;
  }

  private static Map<String, Object> target(String what, String goal, Object measured, boolean met) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", what);
    t.put("goal", goal);
    t.put("measured", measured);
    t.put("met", met);
    return t;
  }

  /** How much publish time the load covered: "10 min", "10.0 days". */
  private static String simulated(Map<String, Object> s) {
    double minutes = ((Number) s.get("minutes")).doubleValue() * ((Number) s.get("time_scale")).doubleValue();
    if (minutes < 120) {
      return String.format(Locale.ROOT, "%.0f min", minutes);
    }
    return minutes < 48 * 60 ? String.format(Locale.ROOT, "%.1f h", minutes / 60)
        : String.format(Locale.ROOT, "%.1f days", minutes / 1440);
  }

  /** The report for people: the figures, the verdicts, the faults, one line per sample. */
  @SuppressWarnings("unchecked")
  public static String text(Map<String, Object> report) {
    Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) report.get("suites")).get("soak");
    StringBuilder b = new StringBuilder();
    b.append("ainews bench soak, ").append(report.get("started_at")).append('\n');
    b.append("machine:");
    ((Map<String, Object>) report.get("machine")).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    b.append("\n\n");
    b.append(String.format(Locale.ROOT, "load      %s min at %s items/s offered (achieved %s), a fault every %s s,"
            + " a sample every %s s (System.gc() before each)%n", s.get("minutes"), s.get("offered_rate_items_per_s"),
        s.get("achieved_rate_items_per_s"), s.get("fault_every_s"), s.get("sample_every_s")));
    b.append(String.format(Locale.ROOT, "clock     publish time runs %sx the wall clock (%s of news, %s to %s)%n",
        s.get("time_scale"), simulated(s), s.get("published_from"), s.get("published_to")));
    b.append(String.format(Locale.ROOT, "items     offered %,d (%,d distinct ids; the rest are repeats the dedupe"
            + " drops), enriched %,d: %s%n", lng(s, "items_offered"), lng(s, "items_offered_distinct"),
        lng(s, "items_enriched"), Boolean.TRUE.equals(s.get("enriched_exactly_once")) ? "exactly once"
            : "NOT exactly once"));
    b.append(String.format(Locale.ROOT, "DLQ       %d records %s for %d poison records %s: %s%n", lng(s, "dlq_records"),
        s.get("dlq_records_by_stage"), lng(s, "poison_records"), s.get("poison_records_by_topic"),
        Boolean.TRUE.equals(s.get("dlq_matches_poison")) ? "match" : "MISMATCH"));
    b.append(String.format(Locale.ROOT, "drain     %s (limit %s s); lag at the end: enrich %s, aggregate %s%n",
        Boolean.TRUE.equals(s.get("drained")) ? "caught up in " + s.get("drain_s") + " s" : "NOT caught up",
        s.get("drain_limit_s"), s.get("enrich_lag_end"), s.get("aggregate_lag_end")));
    b.append(String.format(Locale.ROOT, "faults    %s injected, %s failed%n", s.get("faults_injected"),
        s.get("faults_failed")));
    for (Map<String, Object> f : (List<Map<String, Object>>) s.get("faults")) {
      b.append(String.format(Locale.ROOT, "  %7.1fs %-22s %-4s %5.1f s  %s%n", num(f, "at_s"),
          f.get("fault"), Boolean.TRUE.equals(f.get("ok")) ? "ok" : "FAIL", num(f, "took_s"), f.get("detail")));
    }
    b.append("trends (load phase)\n");
    ((Map<String, Object>) s.get("trends")).forEach((name, v) -> {
      Map<String, Object> t = (Map<String, Object>) v;
      b.append(String.format(Locale.ROOT, "  %-14s %-9s slope %s %s/min, median first quarter %s, last quarter %s%n",
          name, t.get("verdict"), t.getOrDefault("slope_second_half_per_min", "n/a"), t.get("unit"),
          t.getOrDefault("median_first_quarter", "n/a"), t.getOrDefault("median_last_quarter", "n/a")));
      b.append("                 ").append(t.get("rule")).append('\n');
    });
    b.append(String.format(Locale.ROOT, "samples%n  %7s %-5s %9s %9s %10s %10s %10s %10s %10s %5s %6s%n", "t_s",
        "phase", "heap_mib", "rss_mib", "native_mib", "enrich_lag", "aggr_lag", "offered", "enriched", "dlq", "gc_ms"));
    for (Map<String, Object> row : (List<Map<String, Object>>) s.get("samples")) {
      b.append(String.format(Locale.ROOT, "  %7.1f %-5s %9.1f %9.1f %10.1f %10d %10d %10d %10d %5d %6d%n",
          num(row, "t_s"), row.get("phase"), num(row, "heap_mib"), num(row, "rss_mib"), num(row, "native_mib"),
          lng(row, "enrich_lag"),
          lng(row, "aggregate_lag"), lng(row, "offered"), lng(row, "enriched"), lng(row, "dlq"), lng(row, "gc_ms")));
    }
    b.append(Boolean.TRUE.equals(s.get("passed")) ? "\nPASSED: lag drained, DLQ == poison, enriched exactly once\n"
        : "\nFAILED: see drain, DLQ and items above\n");
    return b.toString();
  }

  private static double[] series(List<Map<String, Object>> rows, String key) {
    return rows.stream().mapToDouble(r -> num(r, key)).toArray();
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static long lng(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  private static Map<String, Long> counts(Map<String, AtomicLong> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static void join(Thread t, Duration timeout) {
    try {
      t.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
