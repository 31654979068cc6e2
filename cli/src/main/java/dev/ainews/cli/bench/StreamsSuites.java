package dev.ainews.cli.bench;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateMetrics;
import dev.ainews.aggregate.AggregateNames;
import dev.ainews.cli.ReplayEnds;
import dev.ainews.cli.ReplaySettings;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Env;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.tag.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Streams suites: each app beside a pass-through of the same shape and
 * settings, on the same input, in the same run. Throughput = input items /
 * (time the app caught up - time start() was called), start-up included for
 * both; the start-up alone (until RUNNING) is reported beside it. The app runs first and the
 * pass-through second, on a warmer JVM, so a ratio errs low rather than high.
 */
final class StreamsSuites {

  private final String bootstrap;
  private final Path stateRoot;
  private final Tagger tagger;
  private final Env env;
  private final Progress progress;
  private final BenchKafka.Watch watch;
  private final Corpus corpus = Corpus.standard();

  private String rawTopic;
  private int rawItems;
  private String enrichedTopic;
  private boolean enrichedTransactional;
  private long enrichedItems;

  StreamsSuites(String bootstrap, Path stateRoot, Tagger tagger, Env env, Progress progress, BenchKafka.Watch watch) {
    this.bootstrap = bootstrap;
    this.stateRoot = stateRoot;
    this.tagger = tagger;
    this.env = env;
    this.progress = progress;
    this.watch = watch;
  }

  private EnrichConfig enrichConfig(String appId) {
    return EnrichConfig.fromEnv(env).with(bootstrap, appId, stateRoot.resolve(appId));
  }

  private AggregateConfig aggregateConfig(String appId) {
    return AggregateConfig.fromEnv(env).withBootstrap(bootstrap).withStateDir(stateRoot.resolve(appId))
        .withApplicationId(appId);
  }

  /** The raw topic with {@code n} corpus items, loaded once per size. */
  private String raw(int n) {
    if (rawTopic != null && rawItems == n) {
      return rawTopic;
    }
    String topic = "bench.raw." + n;
    BenchKafka.createTopics(watch.admin(), topic);
    long t0 = System.nanoTime();
    BenchKafka.load(bootstrap, topic, n, i -> corpus.item(i, n), progress);
    progress.note(String.format("loaded %,d raw items into %s in %.1f s", n, topic, (System.nanoTime() - t0) / 1e9));
    rawTopic = topic;
    rawItems = n;
    return topic;
  }

  /**
   * Runs the enrich and aggregate apps and both pass-through shapes once over
   * {@code n} items of their own, untimed. On two cores the JIT compiler takes a
   * core for most of the first minute (thousands of methods of the broker, the
   * clients, Streams and the apps); without this, whichever runs first pays for it
   * and the later pass-through does not, which measures warm-up rather than
   * throughput. Returns the seconds it took.
   */
  double warmUp(int n) {
    long t0 = System.nanoTime();
    String raw = "bench.raw.warmup";
    String enriched = "bench.enriched.warmup";
    BenchKafka.createTopics(watch.admin(), raw, enriched, "bench.dlq.warmup", "bench.pass.warmup",
        "bench.pass.warmup2");
    progress.note("warm-up: " + n + " items through enrich, aggregate and the pass-throughs (untimed)");
    BenchKafka.load(bootstrap, raw, n, i -> corpus.item(i, n), progress);
    EnrichConfig ec = enrichConfig("bench-warmup-enrich");
    try (EnrichApp enrich = new EnrichApp(ec, tagger, new EnrichTopology.Names(raw, enriched, "bench.dlq.warmup"),
        new SimpleMeterRegistry())) {
      enrich.start();
      watch.awaitCaughtUp(ec.applicationId(), List.of(new BenchKafka.Input(raw, false)), () -> failed(enrich.state()));
    }
    AggregateConfig ac = aggregateConfig("bench-warmup-aggregate");
    try (AggregateApp aggregate = new AggregateApp(ac, new AggregateNames(enriched, "bench.dlq.warmup",
        "bench-warmup"), new SimpleMeterRegistry())) {
      aggregate.start();
      watch.awaitCaughtUp(ac.applicationId(), List.of(new BenchKafka.Input(enriched, true)),
          () -> aggregate.failure() == null ? failed(aggregate.state()) : aggregate.failure().toString());
    }
    passThrough(raw, false, "bench.pass.warmup", BenchKafka.enrichShape(enrichConfig("bench-warmup-pass1")));
    passThrough(enriched, true, "bench.pass.warmup2",
        BenchKafka.aggregateShape(aggregateConfig("bench-warmup-pass2")));
    return round((System.nanoTime() - t0) / 1e9);
  }

  Map<String, Object> enrich(int n) {
    String raw = raw(n);
    String out = "bench.enriched.enrich";
    BenchKafka.createTopics(watch.admin(), out, "bench.dlq.enrich", "bench.pass.enrich");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items", n);
    progress.note("enrich: running the enrich app over " + n + " raw items");
    EnrichConfig config = enrichConfig("bench-enrich");
    Timing app;
    try (EnrichApp enrich = new EnrichApp(config, tagger,
        new EnrichTopology.Names(raw, out, "bench.dlq.enrich"), new SimpleMeterRegistry());
        ThreadSplit split = new ThreadSplit(enrich.streams(), config.applicationId())) {
      long start = System.nanoTime();
      long cpu0 = Machine.processCpuNanos();
      enrich.start();
      long running = BenchKafka.awaitRunning(enrich::state, "the enrich app");
      long done = watch.awaitCaughtUp(config.applicationId(), List.of(new BenchKafka.Input(raw, false)),
          () -> failed(enrich.state()));
      app = new Timing(start, running, done, Machine.processCpuNanos() - cpu0);
      r.put("thread_split", split.report());
    }
    progress.note("enrich: running the pass-through");
    Timing pass = passThrough(raw, false, "bench.pass.enrich",
        BenchKafka.enrichShape(enrichConfig("bench-enrich-pass")));
    put(r, n, app, pass);
    r.put("threads", config.threads());
    r.put("commit_interval_ms", config.commitIntervalMs());
    double perCore = inProcessItemsPerSecond(Math.min(n, 20_000));
    r.put("work_items_per_s_per_core", Math.round(perCore));
    r.put("work_ceiling_ratio", round(perCore * Runtime.getRuntime().availableProcessors()
        / (double) (long) r.get("passthrough_items_per_s")));
    enrichedTopic = out;
    enrichedTransactional = true;
    enrichedItems = n - repeats(n);
    return r;
  }

  Map<String, Object> aggregate(int n) {
    String in = enriched(n);
    BenchKafka.createTopics(watch.admin(), "bench.pass.aggregate");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items", enrichedItems);
    progress.note("aggregate: running the aggregate app over " + enrichedItems + " enriched items");
    AggregateConfig config = aggregateConfig("bench-aggregate");
    Timing app;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (AggregateApp aggregate = new AggregateApp(config,
        new AggregateNames(in, "bench.dlq.aggregate", "bench-aggregate"), meters)) {
      long start = System.nanoTime();
      long cpu0 = Machine.processCpuNanos();
      aggregate.start();
      long running = BenchKafka.awaitRunning(aggregate::state, "the aggregate app");
      long done = watch.awaitCaughtUp(config.applicationId(), List.of(new BenchKafka.Input(in, enrichedTransactional)),
          () -> aggregate.failure() == null ? failed(aggregate.state()) : aggregate.failure().toString());
      app = new Timing(start, running, done, Machine.processCpuNanos() - cpu0);
    }
    progress.note("aggregate: running the pass-through");
    Timing pass = passThrough(in, enrichedTransactional, "bench.pass.aggregate",
        BenchKafka.aggregateShape(aggregateConfig("bench-aggregate-pass")));
    put(r, enrichedItems, app, pass);
    r.put("threads", config.threads());
    r.put("commit_interval_ms", config.commitInterval().toMillis());
    r.put("late_hits", lateHits(meters));
    return r;
  }

  /**
   * Hits that reached their windows after the grace: the aggregate skipped counting them, so a suite with many did
   * less work than its items suggest (the live grace is 6 h and 2 d; the corpus spans 30 days, read as a backlog).
   */
  private static long lateHits(SimpleMeterRegistry aggregateMeters) {
    return AggregateMetrics.lateHits(aggregateMeters).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Enriched items for the aggregate suite: the enrich suite's output when it ran,
   * else the raw corpus tagged here with the same tagger (not timed).
   */
  private String enriched(int n) {
    if (enrichedTopic != null) {
      return enrichedTopic;
    }
    String topic = "bench.enriched.tagged";
    BenchKafka.createTopics(watch.admin(), topic);
    progress.note("aggregate: tagging " + n + " raw items for the aggregate's input");
    var serializer = Topics.ENRICHED.valueSerde().serializer();
    long count = 0;
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
        dev.ainews.common.kafka.KafkaClients.producerConfig(bootstrap, "bench-load-enriched"), new StringSerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        if (corpus.isRepeat(i)) {
          continue;
        }
        RawItem item = corpus.item(i, n);
        Tags t = tagger.tag(item.title(), item.summary(), item.content(), item.language());
        EnrichedItem e = EnrichedItem.of(item, t.companies(), t.countries(), t.themes(), t.evidence(), item.id(),
            tagger.taxonomyVersion());
        p.send(new ProducerRecord<>(topic, null, item.publishedAt().toEpochMilli(), item.id(),
            serializer.serialize(topic, e)));
        count++;
      }
    }
    enrichedTopic = topic;
    enrichedTransactional = false;
    enrichedItems = count;
    return topic;
  }

  /**
   * The enrich app's work per item without Kafka, on one thread: read the raw
   * JSON, tag, write the enriched JSON, fingerprint the headline. Times the
   * second of two passes (the first warms the JIT). Cores times this is what the
   * stream could reach if Kafka cost nothing: an upper bound for its throughput.
   */
  private double inProcessItemsPerSecond(int n) {
    var raw = Topics.RAW.valueSerde();
    var enriched = Topics.ENRICHED.valueSerde();
    byte[][] input = new byte[n][];
    for (int i = 0; i < n; i++) {
      input[i] = raw.serializer().serialize("x", corpus.item(i, n));
    }
    long sink = 0;
    long t0 = 0;
    for (int pass = 0; pass < 2; pass++) {
      t0 = System.nanoTime();
      for (byte[] bytes : input) {
        RawItem item = raw.deserializer().deserialize("x", bytes);
        Tags t = tagger.tag(item.title(), item.summary(), item.content(), item.language());
        EnrichedItem e = EnrichedItem.of(item, t.companies(), t.countries(), t.themes(), t.evidence(), item.id(),
            tagger.taxonomyVersion());
        sink += enriched.serializer().serialize("x", e).length + dev.ainews.enrich.story.SimHash.of(item.title(),
            item.summary());
      }
    }
    double perSecond = n / ((System.nanoTime() - t0) / 1e9);
    progress.note(String.format("enrich: the work alone, no Kafka: %,.0f items/s on one thread (%d)", perSecond,
        sink & 1));
    return perSecond;
  }

  /** The share of corpus items the real taxonomy tags with a company, a theme, a country (a sample of 2,000). */
  Map<String, Object> corpusShape() {
    int n = 2000;
    int companies = 0;
    int themes = 0;
    int countries = 0;
    int zh = 0;
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      RawItem item = corpus.item(i, n);
      Tags t = tagger.tag(item.title(), item.summary(), item.content(), item.language());
      companies += t.companies().isEmpty() ? 0 : 1;
      themes += t.themes().isEmpty() ? 0 : 1;
      countries += t.countries().isEmpty() ? 0 : 1;
      zh += "zh".equals(item.language()) ? 1 : 0;
      bytes += Topics.RAW.valueSerde().serializer().serialize("x", item).length;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mean_json_bytes", bytes / n);
    r.put("share_zh", round(zh / (double) n));
    r.put("share_with_company", round(companies / (double) n));
    r.put("share_with_theme", round(themes / (double) n));
    r.put("share_with_country", round(countries / (double) n));
    r.put("share_exact_repeats", Corpus.EXACT_REPEAT_PERCENT / 100.0);
    r.put("share_syndicated_copies", Corpus.SYNDICATED_PERCENT / 100.0);
    r.put("taxonomy_version", tagger.taxonomyVersion());
    return r;
  }

  Map<String, Object> pipeline(int n, int rate, int seconds) {
    String raw = raw(n);
    String mid = "bench.enriched.pipe";
    BenchKafka.createTopics(watch.admin(), mid, "bench.dlq.pipe", "bench.pass-pipe.mid", "bench.pass-pipe.out");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items", n);
    progress.note("pipeline: running enrich + aggregate over " + n + " raw items");
    Machine.resetPeaks();
    EnrichConfig ec = enrichConfig("bench-pipe-enrich");
    AggregateConfig ac = aggregateConfig("bench-pipe-aggregate");
    Timing app;
    long peakHeap;
    long peakRss;
    SimpleMeterRegistry aggregateMeters = new SimpleMeterRegistry();
    try (EnrichApp enrich = new EnrichApp(ec, tagger, new EnrichTopology.Names(raw, mid, "bench.dlq.pipe"),
        new SimpleMeterRegistry());
        AggregateApp aggregate = new AggregateApp(ac, new AggregateNames(mid, "bench.dlq.pipe", "bench-pipe"),
            aggregateMeters)) {
      app = runTogether(enrich, ec.applicationId(), raw, aggregate, ac.applicationId(), mid).timing();
      peakHeap = Machine.peakHeapBytes();
      peakRss = Machine.peakRssBytes();
    }
    progress.note("pipeline: running the pass-through chain");
    Timing pass;
    Properties p1 = BenchKafka.enrichShape(enrichConfig("bench-pipe-pass1"));
    Properties p2 = BenchKafka.aggregateShape(aggregateConfig("bench-pipe-pass2"));
    try (KafkaStreams s1 = BenchKafka.passThrough(raw, "bench.pass-pipe.mid", p1);
        KafkaStreams s2 = BenchKafka.passThrough("bench.pass-pipe.mid", "bench.pass-pipe.out", p2)) {
      long start = System.nanoTime();
      long cpu0 = Machine.processCpuNanos();
      s1.start();
      s2.start();
      long running = Math.max(BenchKafka.awaitRunning(s1::state, "pass-through 1"),
          BenchKafka.awaitRunning(s2::state, "pass-through 2"));
      watch.awaitCaughtUp("bench-pipe-pass1", List.of(new BenchKafka.Input(raw, false)), () -> failed(s1.state()));
      long done = watch.awaitCaughtUp("bench-pipe-pass2", List.of(new BenchKafka.Input("bench.pass-pipe.mid", true)),
          () -> failed(s2.state()));
      pass = new Timing(start, running, done, Machine.processCpuNanos() - cpu0);
    }
    put(r, n, app, pass);
    r.put("late_hits", lateHits(aggregateMeters));
    r.put("peak_heap_mib", peakHeap / (1024 * 1024));
    r.put("peak_rss_mib", peakRss / (1024 * 1024));
    r.put("rss_peak_is_this_suites", Machine.canResetRss());
    progress.note("pipeline: end-to-end latency at " + rate + " items/s for " + seconds + " s");
    r.putAll(new Latency(bootstrap, watch, progress).measure(enrichConfig("bench-lat-enrich"),
        aggregateConfig("bench-lat-aggregate"), tagger, corpus, rate, seconds));
    return r;
  }

  /** What {@code ainews replay} runs: the live EnrichApp and AggregateApp into suffixed topics, with its settings. */
  Map<String, Object> replay(int n) {
    String raw = raw(n);
    String name = "bench";
    String enriched = Topics.ENRICHED.withSuffix(name).name();
    String dlq = Topics.DLQ.withSuffix(name).name();
    BenchKafka.createTopics(watch.admin(), enriched, dlq);
    String enrichId = "ainews-replay-" + name + "-enrich";
    String aggregateId = "ainews-replay-" + name + "-aggregate";
    // What a default `ainews replay` runs: its grace and commit interval.
    Duration grace = ReplaySettings.GRACE;
    Duration commit = ReplaySettings.COMMIT_INTERVAL;
    Path state = stateRoot.resolve("replay");
    AggregateConfig ac = ReplaySettings.aggregateConfig(AggregateConfig.fromEnv(env), bootstrap,
        aggregateId, state, BenchKafka.PARTITIONS, grace, commit);
    EnrichConfig ec = ReplaySettings.enrichConfig(EnrichConfig.fromEnv(env), bootstrap, enrichId, state,
        commit);
    Instant from = corpus.item(0, n).publishedAt().minus(Duration.ofDays(1));
    EnrichTopology.Names names = new EnrichTopology.Names(raw, enriched, dlq).between(from,
        from.plus(Corpus.SPAN).plus(Duration.ofDays(3)));
    progress.note("replay: re-enriching and re-aggregating " + n + " raw items");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items", n);
    SimpleMeterRegistry aggregateMeters = new SimpleMeterRegistry();
    try (EnrichApp enrich = new EnrichApp(ec, tagger, names, new SimpleMeterRegistry());
        AggregateApp aggregate = new AggregateApp(ac, new AggregateNames(enriched, dlq, name), aggregateMeters)) {
      Together t = runReplay(enrich, enrichId, raw, aggregate, aggregateId, enriched, names.to());
      r.put("items_per_s", Math.round(t.timing().itemsPerSecond(n)));
      r.put("cpu_us_per_item", Math.round(t.timing().cpu() / 1e3 / n));
      r.put("seconds", round((t.timing().done() - t.timing().start()) / 1e9));
      r.put("enrich_caught_up_s", round((t.enrichDone() - t.timing().start()) / 1e9));
      r.put("startup_s", round(t.timing().startupSeconds()));
      r.put("commit_interval_ms", commit.toMillis());
      // Hits that reached their window after the grace: counted here, not in the trends (see `ainews replay`).
      r.put("late_hits", lateHits(aggregateMeters));
      r.put("aggregate_items_read", Math.round(aggregateMeters.find("ainews.aggregate.items").counters().stream()
          .mapToDouble(c -> c.count()).sum()));
    }
    return r;
  }

  /** The timing of enrich and aggregate run together, and when enrich alone had caught up (System.nanoTime()). */
  record Together(Timing timing, long enrichDone) {}

  /**
   * Starts both apps and waits until enrich has consumed {@code raw} and the aggregate everything enrich wrote to
   * {@code enriched}: what the pipeline suite and a replay time.
   */
  /**
   * As {@link #runTogether}, watched as {@code ainews replay} watches its apps: {@link ReplayEnds} writes the end
   * markers once a partition is all in, and tells when both apps are done.
   */
  private Together runReplay(EnrichApp enrich, String enrichId, String raw, AggregateApp aggregate,
      String aggregateId, String enriched, Instant to) {
    Started started = start(enrich, aggregate);
    long enrichDone = 0;
    long deadline = System.nanoTime() + BenchKafka.CATCH_UP_TIMEOUT.toNanos();
    try (ReplayEnds ends = new ReplayEnds(watch.admin(), bootstrap, watch.ends(List.of(raw)), enriched, enrichId,
        aggregateId, to)) {
      while (!ends.finished()) {
        String f = aggregate.failure() != null ? aggregate.failure().toString() : failed(enrich.state());
        if (f == null) {
          f = failed(aggregate.state());
        }
        if (f != null) {
          throw new IllegalStateException("the replay failed: " + f);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the replay did not finish within "
              + BenchKafka.CATCH_UP_TIMEOUT.toMinutes() + " min");
        }
        ends.look();
        if (enrichDone == 0 && ends.enriched()) {
          enrichDone = System.nanoTime();
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot watch the replay: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching the replay", e);
    }
    return new Together(started.until(System.nanoTime()), enrichDone);
  }

  /** When both apps were started, the process CPU then, and when both were RUNNING. */
  private record Started(long start, long cpu0, long running) {
    Timing until(long done) {
      return new Timing(start, running, done, Machine.processCpuNanos() - cpu0);
    }
  }

  private static Started start(EnrichApp enrich, AggregateApp aggregate) {
    long start = System.nanoTime();
    long cpu0 = Machine.processCpuNanos();
    enrich.start();
    aggregate.start();
    return new Started(start, cpu0, Math.max(BenchKafka.awaitRunning(enrich::state, "the enrich app"),
        BenchKafka.awaitRunning(aggregate::state, "the aggregate app")));
  }

  private Together runTogether(EnrichApp enrich, String enrichId, String raw, AggregateApp aggregate,
      String aggregateId, String enriched) {
    Started started = start(enrich, aggregate);
    long enrichDone = watch.awaitCaughtUp(enrichId, List.of(new BenchKafka.Input(raw, false)),
        () -> failed(enrich.state()));
    long done = watch.awaitCaughtUp(aggregateId, List.of(new BenchKafka.Input(enriched, true)),
        () -> aggregate.failure() == null ? failed(aggregate.state()) : aggregate.failure().toString());
    return new Together(started.until(done), enrichDone);
  }

  private Timing passThrough(String in, boolean transactional, String out, Properties settings) {
    String group = (String) settings.get(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG);
    try (KafkaStreams s = BenchKafka.passThrough(in, out, settings);
        ThreadSplit split = new ThreadSplit(s, group)) {
      long start = System.nanoTime();
      long cpu0 = Machine.processCpuNanos();
      s.start();
      long running = BenchKafka.awaitRunning(s::state, "the pass-through");
      long done = watch.awaitCaughtUp(group, List.of(new BenchKafka.Input(in, transactional)),
          () -> failed(s.state()));
      progress.note("pass-through " + group + ": " + split.report());
      return new Timing(start, running, done, Machine.processCpuNanos() - cpu0);
    }
  }

  /**
   * start: start() called; running: RUNNING; done: caught up (all System.nanoTime()); cpu: CPU time of the whole
   * process meanwhile (broker, clients, GC, JIT included): per item, what each item costs the machine.
   */
  record Timing(long start, long running, long done, long cpu) {
    double itemsPerSecond(long items) {
      // From start(): a fast app may process much of its input before the client as a whole
      // reports RUNNING, so "from RUNNING" overstates it.
      return items / ((done - start) / 1e9);
    }

    double startupSeconds() {
      return (running - start) / 1e9;
    }
  }

  private static void put(Map<String, Object> r, long items, Timing app, Timing pass) {
    double a = app.itemsPerSecond(items);
    double p = pass.itemsPerSecond(items);
    r.put("items_per_s", Math.round(a));
    r.put("passthrough_items_per_s", Math.round(p));
    r.put("ratio", round(a / p));
    r.put("startup_s", round(app.startupSeconds()));
    r.put("passthrough_startup_s", round(pass.startupSeconds()));
    r.put("cpu_us_per_item", Math.round(app.cpu / 1e3 / items));
    r.put("passthrough_cpu_us_per_item", Math.round(pass.cpu / 1e3 / items));
  }

  private long repeats(int n) {
    long k = 0;
    for (int i = 0; i < n; i++) {
      k += corpus.isRepeat(i) ? 1 : 0;
    }
    return k;
  }

  private static String failed(KafkaStreams.State s) {
    return s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR ? "state " + s : null;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
