package dev.ainews.ingest.hostile;

import static dev.ainews.common.testing.KafkaTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ainews.common.Env;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.testing.FeedServer;
import dev.ainews.common.testing.MovableClock;
import dev.ainews.ingest.FeedList;
import dev.ainews.ingest.FeedPoller;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestMetrics;
import dev.ainews.ingest.IngestService;
import dev.ainews.ingest.IngestSink;
import dev.ainews.ingest.fetch.FeedFetcher;
import dev.ainews.ingest.fetch.FetchConfig;
import dev.ainews.ingest.fetch.PollPolicy;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * One ingest instance on a real broker polls a feed list where hostile feeds sit beside healthy ones: an XXE file
 * read, billion laughs, a 100 MB body, a gzip bomb, a one-byte-a-second drip, an endless redirect, a 429 storm, an
 * HTML page and a feed of 100,000 items. Each hostile feed ends in its own outcome, counted and logged; the
 * healthy feeds' new items keep landing on time; nothing crashes, nothing leaks, and the heap stays small.
 *
 * <p>Redirects into 127.0.0.1 and 169.254.169.254 run through a second instance with the SSRF guard on (the
 * first one must allow private networks to reach this test's own servers). Its resolver calls the local server
 * "public", as a real feed host would be, so the guard judges only where the redirect leads.
 *
 * <p>Runs in its own Failsafe execution with {@code -Xmx256m} (see {@code ingest/pom.xml}): a fetcher or parser
 * that held a whole 100 MB body, or the expansion of an entity bomb, would not fit beside the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileFeedsIT {

  /**
   * The heap this IT runs in (the hostile-feeds execution in ingest/pom.xml). The broker and both instances need
   * about 60 MB; parsing the 100,000-item feed takes about 110 MB more while it lasts. A fetcher that buffered
   * the 100 MB body (a 128 MB array once its buffer doubles) or the 200 MB gzip bomb could not fit beside them.
   */
  private static final long MAX_HEAP = 256L * 1024 * 1024;
  /** How soon a healthy feed's new item must land once the feed is due, hostile feeds being polled beside it. */
  private static final Duration HEALTHY_BOUND = Duration.ofSeconds(15);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final int HEALTHY_FEEDS = 5;
  private static final int HEALTHY_ITEMS = 3;
  private static final int EXPECTED_MANY = FeedPoller.MAX_ENTRIES_PER_POLL;

  /** Hostile feed id -> its path and the outcome it must be counted under. */
  private static final Map<String, String[]> HOSTILE = new TreeMap<>(Map.of(
      "xxe", new String[] {HostileServer.XXE, "parse_error"},
      "laughs", new String[] {HostileServer.BILLION_LAUGHS, "parse_error"},
      "huge", new String[] {HostileServer.HUGE_BODY, "too_large"},
      "bomb", new String[] {HostileServer.GZIP_BOMB, "too_large"},
      "drip", new String[] {HostileServer.DRIP, "timeout"},
      "loop", new String[] {HostileServer.ENDLESS_REDIRECT, "too_many_redirects"},
      "busy", new String[] {HostileServer.RATE_LIMITED, "rate_limited"},
      "page", new String[] {HostileServer.HTML_PAGE, "parse_error"},
      "many", new String[] {HostileServer.MANY_ITEMS, "ok"}));
  /** Feeds only the guarded instance polls: feed id -> path. */
  private static final Map<String, String> GUARDED = Map.of(
      "to-loopback", HostileServer.REDIRECT_TO_LOOPBACK,
      "to-metadata", HostileServer.REDIRECT_TO_METADATA);
  /** Stands in for a public address; nothing ever connects to it (the HTTP client resolves on its own). */
  private static final byte[] PUBLIC_IP = {(byte) 203, 0, 113, 10};

  private static final String SECRET = "ainews-xxe-secret-" + UUID.randomUUID();
  private static final MovableClock clock = new MovableClock(Instant.parse("2025-03-02T00:00:00Z"));
  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final SimpleMeterRegistry guardedRegistry = new SimpleMeterRegistry();
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final Map<Integer, List<String>> healthyItems = new ConcurrentHashMap<>();

  private static final List<String> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static HeapWatch heap;
  private static Path secretFile;
  private static EmbeddedKafka kafka;
  private static HostileServer hostile;
  private static FeedServer healthy;
  private static IngestService open;
  private static IngestService guarded;
  private static RawTail raw;

  @BeforeAll
  static void startBrokerServersAndIngest() throws IOException {
    heap = new HeapWatch();
    // An OutOfMemoryError in any thread (a fetch worker, the HTTP client, the broker) is what a buffered feed
    // would cause; record it here, since a dying worker thread would otherwise only print it.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
    logs.start();
    ((Logger) LoggerFactory.getLogger("dev.ainews")).addAppender(logs);
    secretFile = Files.createTempFile("ainews-secret", ".txt");
    Files.writeString(secretFile, SECRET);

    kafka = EmbeddedKafka.startTemporary();
    TopicAdmin.ensureCoreTopics(kafka.bootstrapServers(), 3);
    hostile = new HostileServer(secretFile);
    healthy = new FeedServer();

    List<FeedSubscription> subs = new ArrayList<>();
    for (int f = 0; f < HEALTHY_FEEDS; f++) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < HEALTHY_ITEMS; i++) {
        items.add("Healthy story " + i + " of feed " + f);
      }
      healthyItems.put(f, items);
      serveHealthy(f);
      // "localhost", not 127.0.0.1: the per-host limit must not make healthy feeds queue behind hostile ones,
      // as it would not when they live on different hosts.
      subs.add(new FeedSubscription("healthy-" + f, healthy.url("/healthy/" + f + ".xml")
          .replace("127.0.0.1", "localhost"), "Healthy " + f, "en", 600, true, null));
    }
    // Failing feeds every minute, so that they are polled again in step with the test's clock; the big one, whose
    // parse is the heaviest work here, at the healthy feeds' pace.
    HOSTILE.forEach((id, feed) -> subs.add(new FeedSubscription(id, hostile.url(feed[0]), id, "en",
        id.equals("many") ? 600 : 60, true, null)));
    // Disabled in the shared list: the open instance must never follow these redirects for real.
    GUARDED.forEach((id, path) -> subs.add(new FeedSubscription(id, "http://localhost:" + hostile.port() + path,
        id, "en", 600, false, null)));
    new FeedList(kafka.bootstrapServers()).put(subs);

    open = startOpenInstance();
    guarded = startGuardedInstance();
    raw = new RawTail(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopAll() throws IOException {
    if (raw != null) {
      raw.close();
    }
    for (IngestService s : new IngestService[] {open, guarded}) {
      if (s != null) {
        s.close();
      }
    }
    if (hostile != null) {
      hostile.close();
    }
    if (healthy != null) {
      healthy.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    ((Logger) LoggerFactory.getLogger("dev.ainews")).detachAppender(logs);
    if (heap != null) {
      heap.close();
    }
    Files.deleteIfExists(secretFile);
  }

  private static void serveHealthy(int feed) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Healthy " + feed + "</title><link>https://healthy" + feed + ".example.com/</link>");
    List<String> items = healthyItems.get(feed);
    for (int i = items.size() - 1; i >= 0; i--) {
      sb.append("<item><title>").append(items.get(i)).append("</title><guid>https://healthy").append(feed)
          .append(".example.com/").append(i).append("</guid><pubDate>Sat, 01 Mar 2025 0").append(i % 10)
          .append(":00:00 GMT</pubDate></item>");
    }
    healthy.put("/healthy/" + feed + ".xml", sb.append("</channel></rss>").toString(), "application/rss+xml");
  }

  /** The instance under test: private networks allowed so that it reaches the local servers. */
  private static IngestService startOpenInstance() {
    IngestConfig defaults = IngestConfig.fromEnv(new Env(Map.of()));
    FetchConfig fetch = new FetchConfig("ainews-hostile-test", Duration.ofSeconds(2), DEADLINE,
        FetchConfig.DEFAULT_MAX_BYTES, FetchConfig.DEFAULT_MAX_REDIRECTS, FetchConfig.DEFAULT_PER_HOST_CONCURRENCY,
        true);
    IngestConfig config = new IngestConfig(kafka.bootstrapServers(), "ainews-ingest-hostile", "open", false, 4,
        defaults.unhealthyAfter(), defaults.seenPerFeed(), 0, defaults.minPollInterval(), fetch);
    return run(Ingest.create(config, registry, clock), "ingest-open");
  }

  /**
   * The same service wired by hand around a fetcher with the guard on and a resolver that calls "localhost"
   * public; its consumer hands it only the two guarded feeds (enabled for it alone).
   */
  private static IngestService startGuardedInstance() {
    String id = "ainews-ingest-guarded";
    FeedFetcher fetcher = new FeedFetcher(FetchConfig.defaults().withDeadline(DEADLINE), host -> {
      try {
        return host.equals("localhost")
            ? new InetAddress[] {InetAddress.getByAddress("localhost", PUBLIC_IP)}
            : InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, Object> pc = new HashMap<>(KafkaClients.transactionalProducerConfig(kafka.bootstrapServers(), id,
        id));
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(),
        new ByteArraySerializer());
    producer.initTransactions();
    FeedPoller poller = new FeedPoller(fetcher::fetch, new FeedParser(), new Normalizer(),
        new PollPolicy(new Random(1)), clock, 1000);
    IngestService service = new IngestService(new OnlyGuardedFeeds(kafka.bootstrapServers(), id),
        new IngestSink(producer), partitions -> Map.of(), poller, Executors.newFixedThreadPool(2), 2,
        new IngestMetrics(guardedRegistry), clock).closing(fetcher);
    return run(service, "ingest-guarded");
  }

  private static IngestService run(IngestService service, String name) {
    Thread t = new Thread(service, name);
    t.setDaemon(true);
    t.start();
    return service;
  }

  /** A feed-list consumer that passes on the guarded feeds only, enabled. */
  private static final class OnlyGuardedFeeds extends KafkaConsumer<String, FeedSubscription> {
    OnlyGuardedFeeds(String bootstrap, String group) {
      super(KafkaClients.consumerConfig(bootstrap, group, group), Topics.FEEDS.keySerde().deserializer(),
          Topics.FEEDS.valueSerde().deserializer());
    }

    @Override
    public ConsumerRecords<String, FeedSubscription> poll(Duration timeout) {
      Map<TopicPartition, List<ConsumerRecord<String, FeedSubscription>>> kept = new HashMap<>();
      for (ConsumerRecord<String, FeedSubscription> r : super.poll(timeout)) {
        FeedSubscription f = r.value();
        if (f != null && GUARDED.containsKey(f.id())) {
          FeedSubscription on = new FeedSubscription(f.id(), f.url(), f.name(), f.language(),
              f.pollIntervalSeconds(), true, f.maxBytes());
          kept.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>())
              .add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), on));
        }
      }
      return new ConsumerRecords<>(kept, Map.of());
    }
  }

  /**
   * Follows ainews.raw.v1 (read_committed) without keeping the items: counts per feed, the titles of the healthy
   * feeds, and whether any record's bytes contain the secret.
   */
  private static final class RawTail implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    final Map<String, Integer> itemsByFeed = new TreeMap<>();
    final Set<String> healthyTitles = new java.util.HashSet<>();
    boolean secretSeen;

    RawTail(String bootstrap) {
      Map<String, Object> c = new HashMap<>();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(Topics.RAW.name(), WAIT)) {
        tps.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
    }

    /** Reads what has been committed so far. */
    RawTail poll() {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        secretSeen |= new String(r.value(), StandardCharsets.UTF_8).contains(SECRET);
        RawItem item = Topics.RAW.valueSerde().deserializer().deserialize(r.topic(), r.value());
        itemsByFeed.merge(item.feed(), 1, Integer::sum);
        if (item.feed().startsWith("healthy-")) {
          healthyTitles.add(item.title());
        }
      }
      return this;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static Map<String, Double> outcomes(MeterRegistry r, String feed) {
    Map<String, Double> out = new TreeMap<>();
    for (Counter c : r.find("ainews.ingest.fetches").tag("feed", feed).counters()) {
      out.merge(c.getId().getTag("outcome"), c.count(), Double::sum);
    }
    return out;
  }

  private static boolean polledOnce(MeterRegistry r, Set<String> feeds) {
    return feeds.stream().allMatch(f -> !outcomes(r, f).isEmpty());
  }

  private static List<String> warnings() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  @Order(1)
  void shouldCountEachHostileFeedUnderItsOwnOutcome() {
    waitUntil(() -> polledOnce(registry, HOSTILE.keySet()), WAIT, "every hostile feed to be polled once");
    Map<String, Map<String, Double>> actual = new TreeMap<>();
    Map<String, Map<String, Double>> expected = new TreeMap<>();
    HOSTILE.forEach((id, feed) -> {
      actual.put(id, outcomes(registry, id));
      expected.put(id, Map.of(feed[1], 1.0));
    });
    assertEquals(expected, actual);
    assertEquals(0.0, registry.get("ainews.ingest.publish.failures").counter().count(),
        "no hostile feed made a publish transaction fail");
  }

  @Test
  @Order(2)
  void shouldBlockRedirectsIntoLoopbackAndCloudMetadataWithTheGuardOn() {
    waitUntil(() -> polledOnce(guardedRegistry, GUARDED.keySet()), WAIT, "both guarded feeds to be polled once");
    assertEquals(Map.of("blocked", 1.0), outcomes(guardedRegistry, "to-loopback"));
    assertEquals(Map.of("blocked", 1.0), outcomes(guardedRegistry, "to-metadata"));
    assertTrue(warnings().stream().anyMatch(m -> m.startsWith("feed to-metadata (") && m.contains(
        "blocked http://169.254.169.254/latest/meta-data/iam/: host '169.254.169.254' resolves to 169.254.169.254"
            + " (cloud metadata endpoint)")), "the metadata redirect is logged as such");
    assertTrue(warnings().stream().anyMatch(m -> m.startsWith("feed to-loopback (") && m.contains(
        "host '127.0.0.1' resolves to 127.0.0.1 (loopback)")), "the loopback redirect is logged as such");
    assertEquals(0, hostile.hits("/admin"), "the open instance never fetched a guarded feed");
  }

  @Test
  @Order(3)
  void shouldLogWhyEachHostileFeedFailed() {
    waitUntil(() -> polledOnce(registry, HOSTILE.keySet()), WAIT, "every hostile feed to be polled once");
    Map<String, String> reasons = new TreeMap<>(Map.of(
        "xxe", "refused: the document declares a DOCTYPE with an internal subset",
        "laughs", "refused: the document declares a DOCTYPE with an internal subset",
        "huge", "body exceeds " + FetchConfig.DEFAULT_MAX_BYTES + " bytes on the wire",
        "bomb", "body exceeds " + FetchConfig.DEFAULT_MAX_BYTES + " bytes once decompressed",
        "drip", "deadline of 5000 ms passed reading the body",
        "loop", "more than 5 redirects fetching " + hostile.url(HostileServer.ENDLESS_REDIRECT),
        "busy", "HTTP 429 from " + hostile.url(HostileServer.RATE_LIMITED),
        "page", "not a feed: got an HTML page"));
    reasons.forEach((feed, reason) -> assertTrue(
        warnings().stream().anyMatch(m -> m.startsWith("feed " + feed + " (") && m.contains(" failed: ")
            && m.contains(reason)),
        "a line saying feed " + feed + " failed: ..." + reason + "...; got " + warnings()));
    assertTrue(warnings().contains("feed many (" + hostile.url(HostileServer.MANY_ITEMS) + ") lists 100000 entries;"
        + " only the first 1000 are read"), "the big feed is logged as cut");
    assertFalse(warnings().stream().anyMatch(m -> m.contains(SECRET)), "the secret is never logged");
  }

  @Test
  @Order(4)
  void shouldKeepHealthyFeedsOnTimeWhileHostileFeedsArePolledAgain() {
    waitUntil(() -> raw.poll().healthyTitles.size() == HEALTHY_FEEDS * HEALTHY_ITEMS, WAIT,
        "the healthy feeds' first items");
    waitUntil(() -> polledOnce(registry, HOSTILE.keySet()), WAIT, "every hostile feed to be polled once");
    // Hostile feeds poll every minute, healthy ones every ten: five minutes on, only the hostile ones are due.
    int drips = hostile.hits(HostileServer.DRIP);
    clock.advance(Duration.ofMinutes(5));
    waitUntil(() -> hostile.hits(HostileServer.DRIP) == drips + 1, WAIT, "the drip to be polled again");

    // While the drip holds its connection (and the rest queue for the hostile host), the healthy feeds come due.
    for (int f = 0; f < HEALTHY_FEEDS; f++) {
      healthyItems.get(f).add("Fresh story of feed " + f);
      serveHealthy(f);
    }
    long start = System.nanoTime();
    clock.advance(Duration.ofMinutes(10));
    waitUntil(() -> raw.poll().healthyTitles.size() == HEALTHY_FEEDS * (HEALTHY_ITEMS + 1), WAIT,
        "the healthy feeds' fresh items");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    LoggerFactory.getLogger(HostileFeedsIT.class).info("fresh healthy items landed {} ms after they came due",
        took.toMillis());
    assertTrue(took.compareTo(HEALTHY_BOUND) <= 0, "fresh healthy items landed after " + took.toMillis() + " ms");
    for (int f = 0; f < HEALTHY_FEEDS; f++) {
      assertTrue(raw.healthyTitles.contains("Fresh story of feed " + f));
    }
  }

  @Test
  @Order(5)
  void shouldNeverPublishTheFileAnXxeFeedPointsAtNorAnyItemOfAFailedFeed() {
    waitUntil(() -> outcomes(registry, "many").getOrDefault("ok", 0.0) >= 2, WAIT, "the big feed, polled twice");
    waitUntil(() -> raw.poll().itemsByFeed.getOrDefault("many", 0) >= EXPECTED_MANY, WAIT,
        "the big feed's items to be readable");
    Map<String, Integer> counts = raw.poll().itemsByFeed;
    assertFalse(raw.secretSeen, "the secret file's content reached " + Topics.RAW.name());
    Set<String> feeds = counts.keySet().stream().filter(f -> !f.startsWith("healthy-")).collect(Collectors.toSet());
    assertEquals(Set.of("many"), feeds, "only the big feed, of all hostile ones, has items");
    assertEquals(EXPECTED_MANY, counts.get("many"), "the big feed's first entries land once, however often it is polled");
  }

  @Test
  @Order(6)
  void shouldHonourRetryAfterOfARateLimitedFeed() {
    waitUntil(() -> hostile.hits(HostileServer.HTML_PAGE) >= 2, WAIT, "the failing HTML feed to be polled again");
    assertEquals(1, hostile.hits(HostileServer.RATE_LIMITED), "polled again before its Retry-After of 1 h");
    clock.advance(Duration.ofMinutes(50));
    waitUntil(() -> hostile.hits(HostileServer.RATE_LIMITED) == 2, WAIT, "the rate-limited feed after 1 h");
    waitUntil(() -> outcomes(registry, "busy").getOrDefault("rate_limited", 0.0) == 2.0, WAIT,
        "the second 429 to be counted");
  }

  @Test
  @Order(7)
  void shouldRunWithinTheHeapBoundWithoutRunningOutOfMemory() {
    // Under G1 the pools' peaks and even the heap in use after a young collection follow the heap's size rather
    // than the load (measured: 158, 189 and 215 MB after-GC peaks at -Xmx160m, 192m and 256m), so the bound is
    // the heap itself: the JVM ran with at most 256 MB, and nothing in it ran out of memory.
    long max = Runtime.getRuntime().maxMemory();
    LoggerFactory.getLogger(HostileFeedsIT.class).info("heap: max {} MB, peak in use after GC {} MB, pools' peaks"
        + " {} MB", max >> 20, heap.peakLiveAfterGc() >> 20, heap.peakPoolUsage() >> 20);
    assertTrue(max <= MAX_HEAP, "run with -Xmx256m (the hostile-feeds Failsafe execution) for the heap bound to"
        + " mean anything; max is " + (max >> 20) + " MB");
    assertEquals(List.of(), uncaught, "threads that died");
    assertEquals(List.of(), logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage).toList(), "errors logged");
    assertEquals(null, open.failure());
    assertEquals(null, guarded.failure());
    HOSTILE.forEach((id, feed) -> assertEquals(Set.of(feed[1]), outcomes(registry, id).keySet(),
        "every poll of " + id + " ended the same way"));
  }
}
