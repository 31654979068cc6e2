package dev.ainews.ingest;

import static dev.ainews.common.testing.KafkaTestSupport.consumeAll;
import static dev.ainews.common.testing.KafkaTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Env;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.testing.FeedServer;
import dev.ainews.common.testing.MovableClock;
import dev.ainews.ingest.fetch.FetchConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingest against a real broker and 50 local feeds: every item lands once, only
 * new ids land after changes, restarts and a second instance add no duplicates,
 * and a surviving instance takes over the feeds of one that left.
 */
class IngestIT {

  private static final int FEEDS = 50;
  private static final int ITEMS_PER_FEED = 5;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static EmbeddedKafka kafka;
  private static FeedServer server;
  private static final MovableClock clock = new MovableClock(Instant.parse("2025-03-02T00:00:00Z"));
  private static final Map<Integer, List<String>> feedItems = new TreeMap<>();
  private final List<IngestService> running = new ArrayList<>();

  @BeforeAll
  static void startBrokerAndFeeds() {
    kafka = EmbeddedKafka.startTemporary();
    TopicAdmin.ensureCoreTopics(kafka.bootstrapServers(), 3);
    server = new FeedServer();
    List<FeedSubscription> subs = new ArrayList<>();
    for (int f = 0; f < FEEDS; f++) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < ITEMS_PER_FEED; i++) {
        items.add("Story " + i + " of feed " + f);
      }
      feedItems.put(f, items);
      serve(f);
      subs.add(new FeedSubscription("feed-" + f, server.url("/feeds/" + f + ".xml"), "Feed " + f, "en", 600, true,
          null));
    }
    new FeedList(kafka.bootstrapServers()).put(subs);
  }

  @AfterAll
  static void stopAll() {
    server.close();
    kafka.close();
  }

  @AfterEach
  void stopInstances() {
    running.forEach(IngestService::close);
  }

  private static void serve(int feed) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Feed " + feed + "</title><link>https://feed" + feed + ".example.com/</link>");
    List<String> items = feedItems.get(feed);
    for (int i = items.size() - 1; i >= 0; i--) {
      sb.append("<item><title>").append(items.get(i)).append("</title><guid>https://feed").append(feed)
          .append(".example.com/").append(i).append("</guid><link>https://feed").append(feed).append(".example.com/")
          .append(i).append("?utm_source=rss</link><description>&lt;p&gt;Body of ").append(items.get(i))
          .append("&lt;/p&gt;</description><pubDate>Sat, 01 Mar 2025 0").append(i % 10)
          .append(":00:00 GMT</pubDate></item>");
    }
    server.put("/feeds/" + feed + ".xml", sb.append("</channel></rss>").toString(), "application/rss+xml");
  }

  private IngestService start(String instance) {
    IngestConfig config = IngestConfig.fromEnv(new Env(Map.of())).withBootstrap(kafka.bootstrapServers())
        .withInstanceId(instance)
        .withFetch(FetchConfig.defaults().withAllowPrivateNetworks(true));
    config = new IngestConfig(config.bootstrapServers(), config.groupId(), instance, config.staticMembership(), 4, 5,
        1000, 0, Duration.ofMinutes(1),
        new FetchConfig("ainews-test/" + instance, config.fetch().connectTimeout(), Duration.ofSeconds(10),
            config.fetch().maxBytes(), 5, 4, true));
    IngestService service = Ingest.create(config, new SimpleMeterRegistry(), clock);
    Thread t = new Thread(service, "ingest-" + instance);
    t.start();
    running.add(service);
    return service;
  }

  private static List<RawItem> rawItems(int expected) {
    return consumeAll(kafka.bootstrapServers(), Topics.RAW, expected, WAIT).stream()
        .map(ConsumerRecord::value).toList();
  }

  private static void assertNoDuplicates(List<RawItem> items) {
    Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(RawItem::id, Collectors.counting()));
    List<String> dups = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertEquals(List.of(), dups, "item ids emitted more than once");
  }

  private static Set<String> polledFeeds() {
    return server.requests().stream().map(FeedServer.Request::path).collect(Collectors.toSet());
  }

  @Test
  void shouldIngestEveryItemOnceAndOnlyNewItemsAfterChangesRestartsAndFailover() {
    // 1. Every fixture item lands exactly once, as plain text with its canonical URL.
    IngestService a = start("a");
    List<RawItem> first = rawItems(FEEDS * ITEMS_PER_FEED);
    assertEquals(FEEDS * ITEMS_PER_FEED, first.size());
    assertNoDuplicates(first);
    RawItem sample = first.stream().filter(i -> i.title().equals("Story 3 of feed 7")).findFirst().orElseThrow();
    assertEquals("https://feed7.example.com/3", sample.url());
    assertEquals("Body of Story 3 of feed 7", sample.summary());
    assertEquals(Instant.parse("2025-03-01T03:00:00Z"), sample.publishedAt());
    assertEquals("feed-7", sample.feed());

    // 2. New items in 10 feeds and an edited title in 5 others: only the new ids land.
    for (int f = 0; f < 10; f++) {
      feedItems.get(f).add("Fresh story of feed " + f);
      serve(f);
    }
    for (int f = 10; f < 15; f++) {
      feedItems.get(f).set(0, "Story 0 of feed " + f + " (corrected)");
      serve(f);
    }
    server.clearRequests();
    clock.advance(Duration.ofMinutes(20));
    waitUntil(() -> polledFeeds().size() == FEEDS, WAIT, "all feeds to be polled again");
    List<RawItem> second = rawItems(FEEDS * ITEMS_PER_FEED + 10);
    assertEquals(FEEDS * ITEMS_PER_FEED + 10, second.size());
    assertNoDuplicates(second);

    // 3. A restarted instance restores the feed states: re-polls add nothing twice.
    a.close();
    running.remove(a);
    for (int f = 20; f < 25; f++) {
      feedItems.get(f).add("After restart, feed " + f);
      serve(f);
    }
    server.clearRequests();
    start("a");
    clock.advance(Duration.ofMinutes(20));
    waitUntil(() -> polledFeeds().size() == FEEDS, WAIT, "all feeds to be polled after the restart");
    List<RawItem> third = rawItems(FEEDS * ITEMS_PER_FEED + 15);
    assertEquals(FEEDS * ITEMS_PER_FEED + 15, third.size());
    assertNoDuplicates(third);
  }

  @Test
  void shouldShareFeedsBetweenTwoInstancesAndFailOverWhenOneLeaves() {
    IngestService b = start("b");
    IngestService c = start("c");
    waitUntil(() -> b.status().feedsOwned() + c.status().feedsOwned() == FEEDS
        && b.status().feedsOwned() > 0 && c.status().feedsOwned() > 0, WAIT, "both instances to own feeds");

    server.clearRequests();
    clock.advance(Duration.ofMinutes(20));
    waitUntil(() -> polledFeeds().size() == FEEDS, WAIT, "all feeds to be polled by the pair");
    Map<String, Set<String>> pollers = new HashMap<>();
    for (FeedServer.Request r : server.requests()) {
      pollers.computeIfAbsent(r.path(), p -> new HashSet<>()).add(r.userAgent());
    }
    pollers.forEach((feed, agents) -> assertEquals(1, agents.size(), feed + " polled by " + agents));
    Set<String> agents = pollers.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    assertEquals(Set.of("ainews-test/b", "ainews-test/c"), agents);

    // b leaves: c takes over every feed. b is a static member (its id was given), which stays in the group after
    // close unless it leaves explicitly: then c would wait out b's 45 s session, past this deadline.
    b.close();
    running.remove(b);
    waitUntil(() -> c.status().feedsOwned() == FEEDS, Duration.ofSeconds(30), "the survivor to own every feed");
    server.clearRequests();
    clock.advance(Duration.ofMinutes(20));
    waitUntil(() -> polledFeeds().size() == FEEDS, WAIT, "the survivor to poll every feed");
    assertTrue(server.requests().stream().allMatch(r -> r.userAgent().equals("ainews-test/c")));
    assertNoDuplicates(rawItems(0));
  }
}
