package dev.ainews.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.testing.FeedServer;
import dev.ainews.ingest.FeedList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once ingest under crashes: an {@code ainews ingest} JVM polls 20 local
 * feeds that gain items and have titles edited while it runs, and is killed with
 * SIGKILL four times, twice the moment a transaction of it is seen open on the raw
 * topic (items sent, feed state and feed-list offsets not yet committed; a best
 * effort, since its transactions last milliseconds: the report says whether one was
 * caught and whether the kill still found it open) and twice at a random moment (often
 * between a fetch and its publish). Afterwards the raw topic,
 * read_committed, holds every item the feeds served exactly once.
 *
 * <p>Every run keeps the instance's {@code AINEWS_INSTANCE_ID} and ingest group, as
 * a restarted service does. The id names its transactional producer: the restarted
 * producer aborts its predecessor's open transaction when it starts. Given, it also
 * makes the feed-list consumer a static group member: the restart takes the dead
 * member's place and its feeds at once, where a dynamic member would wait 45 s for
 * the dead one's session to end; each run must publish within 30 s of its start.
 */
class IngestCrashIT {

  private static final int FEEDS = 20;
  private static final int KILLS = 4;
  private static final String GUID = "https://feed%d.example.com/%d";

  @TempDir
  Path dir;

  @Test
  void shouldPublishEveryServedItemOnceWhenIngestIsKilledBetweenFetchAndCommit() throws Exception {
    long seed = Long.getLong("faults.seed", 20250313L);
    Random random = new Random(seed);
    long start = System.nanoTime();
    List<String> events = new ArrayList<>();
    Map<Integer, List<String>> titles = new TreeMap<>();
    ScheduledExecutorService changer = Executors.newSingleThreadScheduledExecutor();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
        Admin admin = Faults.admin(kafka.bootstrapServers());
        FeedServer server = new FeedServer();
        Child ingest = new Child("ingest", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "AINEWS_INSTANCE_ID", "crash-ingest", "AINEWS_INGEST_GROUP", "crash-ingest",
            "AINEWS_INGEST_METRICS_PORT", "0", "AINEWS_ALLOW_PRIVATE_NETWORKS", "true",
            "AINEWS_MIN_POLL_INTERVAL", "200ms", "AINEWS_INGEST_WORKERS", "4"), dir)) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      List<FeedSubscription> subs = new ArrayList<>();
      for (int f = 0; f < FEEDS; f++) {
        titles.put(f, new ArrayList<>(List.of("Opening story 0 of feed " + f, "Opening story 1 of feed " + f)));
        serve(server, f, titles.get(f));
        subs.add(new FeedSubscription("feed-" + f, server.url("/feeds/" + f + ".xml"), "Feed " + f, "en", 1, true,
            null));
      }
      new FeedList(bootstrap).put(subs);
      // Every 50 ms a feed gains an item, and now and then another has its newest title edited (same guid: not a
      // new item). The feeds change under every kill, so each restart has new and already-published items to tell
      // apart.
      Random changes = new Random(seed + 1);
      changer.scheduleAtFixedRate(() -> {
        synchronized (titles) {
          int f = changes.nextInt(FEEDS);
          List<String> t = titles.get(f);
          t.add("Story " + t.size() + " of feed " + f);
          serve(server, f, t);
          if (changes.nextInt(4) == 0) {
            int g = changes.nextInt(FEEDS);
            List<String> u = titles.get(g);
            u.set(u.size() - 1, u.get(u.size() - 1) + " (updated)");
            serve(server, g, u);
          }
        }
      }, 50, 50, TimeUnit.MILLISECONDS);

      int run = 0;
      ingest.start();
      long started = System.nanoTime();
      for (int k = 1; k <= KILLS; k++) {
        int before = committed(bootstrap);
        // Killed only once this run has published: a kill before it polled anything proves nothing. Counted in
        // committed records, not in the last stable offset, which the restart's abort of the transaction a kill
        // left open moves too. After a kill, 30 s is short of the dead member's 45 s session: only a restart that
        // takes its place gets there.
        Faults.await(() -> committed(bootstrap) > before, Duration.ofSeconds(30),
            "run " + run + " of ingest to publish", ingest);
        events.add("run " + run + " published " + Duration.ofNanos(System.nanoTime() - started).toMillis()
            + " ms after its start");
        String point;
        if (k % 2 == 1) {
          // A transaction is open when the raw topic's end is past its last stable offset. Ingest's transactions
          // last milliseconds, so the check may miss them all: then the kill lands wherever ingest is.
          boolean open = Faults.seenWithin(
              () -> Faults.end(admin, Topics.RAW.name()) > Faults.stableEnd(admin, Topics.RAW.name()),
              Duration.ofSeconds(15), ingest);
          point = open ? "right after seeing a transaction open" : "after 15 s without catching a transaction open";
        } else {
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(1500));
          Faults.await(() -> System.nanoTime() >= until, Duration.ofSeconds(5), "a random moment", ingest);
          point = "at a random moment";
        }
        ingest.kill();
        long end = Faults.end(admin, Topics.RAW.name());
        long stable = Faults.stableEnd(admin, Topics.RAW.name());
        events.add("kill " + k + " at " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms " + point
            + ": raw end " + end + ", last stable offset " + stable
            + (end > stable ? " (the kill left the transaction open)" : " (it had committed before the kill)"));
        run++;
        ingest.start();
        started = System.nanoTime();
      }
      changer.shutdown();
      if (!changer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the feed changer did not stop");
      }

      Map<String, String> served = new TreeMap<>();
      synchronized (titles) {
        titles.forEach((f, t) -> {
          for (int i = 0; i < t.size(); i++) {
            served.put(String.format(GUID, f, i), "feed-" + f);
          }
        });
      }
      Faults.await(() -> urls(bootstrap).keySet().containsAll(served.keySet()), Duration.ofSeconds(60),
          () -> "every served item on " + Topics.RAW.name() + " (" + urls(bootstrap).size() + " of " + served.size()
              + ")", ingest);
      // A clean stop: anything published twice on the way out would show now.
      ingest.stop();

      List<ConsumerRecord<String, RawItem>> raw = Faults.readAll(bootstrap, Topics.RAW.name(),
          Topics.RAW.valueSerde().deserializer());
      Map<String, Integer> copies = new TreeMap<>();
      TreeSet<String> ids = new TreeSet<>();
      for (ConsumerRecord<String, RawItem> r : raw) {
        copies.merge(r.value().url(), 1, Integer::sum);
        ids.add(r.key());
      }
      assertEquals(served.keySet(), copies.keySet(), "item URLs on " + Topics.RAW.name());
      assertEquals(List.of(), copies.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
          "items published more than once");
      assertEquals(raw.size(), ids.size(), "distinct item ids (keys) on " + Topics.RAW.name());
      assertEquals(KILLS, ingest.kills());
      events.add(served.size() + " items served, " + raw.size() + " records, "
          + (Faults.end(admin, Topics.RAW.name()) - raw.size()) + " offsets of aborted records and markers");
    } finally {
      changer.shutdownNow();
      Faults.keepLogs(dir, "IngestCrashIT");
      System.out.printf("IngestCrashIT seed %d, %d feeds, took %d s%n  %s%n", seed, FEEDS,
          Duration.ofNanos(System.nanoTime() - start).toSeconds(), String.join("\n  ", events));
    }
  }

  /** Committed records on the raw topic. */
  private static int committed(String bootstrap) {
    return Faults.readAllBytes(bootstrap, Topics.RAW.name()).size();
  }

  /** Raw items by URL (the fixtures' guids are their URLs), read_committed. */
  private static Map<String, Integer> urls(String bootstrap) {
    Map<String, Integer> out = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : Faults.readAll(bootstrap, Topics.RAW.name(), new ByteArrayDeserializer())) {
      out.merge(Topics.RAW.valueSerde().deserializer().deserialize(Topics.RAW.name(), r.value()).url(), 1,
          Integer::sum);
    }
    return out;
  }

  /** An RSS document of the feed's items, newest first; an item's guid and link are its index in the feed. */
  private static void serve(FeedServer server, int feed, List<String> titles) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Feed " + feed + "</title><link>https://feed" + feed + ".example.com/</link>");
    for (int i = titles.size() - 1; i >= 0; i--) {
      String url = String.format(GUID, feed, i);
      sb.append("<item><title>").append(titles.get(i)).append("</title><guid>").append(url).append("</guid><link>")
          .append(url).append("</link><description>Body of ").append(titles.get(i))
          .append("</description><pubDate>Mon, 10 Mar 2025 12:00:00 GMT</pubDate></item>");
    }
    server.put("/feeds/" + feed + ".xml", sb.append("</channel></rss>").toString(), "application/rss+xml");
  }
}
