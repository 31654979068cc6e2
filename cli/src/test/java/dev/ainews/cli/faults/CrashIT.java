package dev.ainews.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.trends.TrendCount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes: enrich and aggregate run as separate JVMs over
 * 10,000 items and are each killed with SIGKILL three times at random points of
 * their progress, then restarted on the same state directory. Afterwards the
 * enriched topic holds every item once and every daily company count is the one
 * computed here from the fixtures.
 *
 * <p>The children run as static group members ({@code AINEWS_STREAMS_INSTANCE_ID}):
 * a restarted child takes its predecessor's place in the group at once instead of
 * waiting 45 s for the dead member's session to time out, which paced the rounds
 * when they were dynamic members.
 */
class CrashIT {

  private static final int ITEMS = 10_000;
  private static final int KILLS = 3;
  /** One wave before the start and one per kill round: the killed apps always have work in front of them. */
  /** A round is a restart, a state restore and some progress: seconds when the children are static members. */
  private static final Duration ROUND = Duration.ofSeconds(90);
  private static final String ENRICH = "ainews-enrich";
  private static final String AGGREGATE = "ainews-aggregate";
  private static final String LATE = "ainews_aggregate_late_total";

  @TempDir
  Path dir;

  @Test
  void shouldNeitherLoseNorDoubleAnItemOrACountWhenEnrichAndAggregateAreKilledHard() throws Exception {
    long seed = Long.getLong("faults.seed", 20250310L);
    Random random = new Random(seed);
    List<RawItem> items = Faults.items("crash", 0, ITEMS, random);
    // Syndicated copies: a fifth more items, each an earlier story under another id and feed up to 3 h later,
    // so that distinct stories differ from items and the aggregate's story gate has something to remember
    // across the kills. Shuffled in: a copy may also arrive before its original.
    List<RawItem> syndicated = new ArrayList<>();
    Instant spanEnd = Faults.DAY0.plus(Faults.SPAN).minusMillis(1);
    for (int i = 0; i < ITEMS / 5; i++) {
      RawItem o = items.get(random.nextInt(items.size()));
      Instant t = o.publishedAt().plusSeconds(random.nextInt(3 * 3600));
      t = t.isAfter(spanEnd) ? spanEnd : t;
      syndicated.add(new RawItem(Faults.id("crash-copy-" + i), "wire", "Wire", "https://wire.example.com/" + i,
          o.title(), o.summary(), o.content(), o.author(), o.language(), t, t.plusSeconds(60)));
    }
    items.addAll(syndicated);
    java.util.Collections.shuffle(items, random);
    int wave = items.size() / (KILLS + 1);
    Map<String, Long> expected = Faults.expectedCompanyDays(items);
    long start = System.nanoTime();
    List<String> events = new ArrayList<>();
    int httpPort = Faults.freePort();
    int enrichPort = Faults.freePort();
    String metrics = "http://127.0.0.1:" + httpPort + "/metrics";
    // Per-process counters: summed over the runs, read just before each kill and at the end.
    double[] late = new double[2];
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
        Admin admin = Faults.admin(kafka.bootstrapServers());
        KafkaProducer<String, byte[]> producer = Faults.producer(kafka.bootstrapServers());
        Child enrich = new Child("enrich", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "AINEWS_STATE_DIR", dir.resolve("enrich-state").toString(), "AINEWS_ENRICH_METRICS_PORT",
            String.valueOf(enrichPort), "AINEWS_HTTP_HOST", "127.0.0.1", "AINEWS_ENRICH_THREADS", "1",
            "AINEWS_STREAMS_INSTANCE_ID", "crash-enrich"), dir);
        Child aggregate = new Child("aggregate", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "AINEWS_STATE_DIR", dir.resolve("aggregate-state").toString(), "AINEWS_HTTP_PORT",
            String.valueOf(httpPort), "AINEWS_HTTP_HOST", "127.0.0.1", "AINEWS_STREAMS_INSTANCE_ID",
            "crash-aggregate",
            // -Dcrash.cache=0: no record cache, so the changelog holds every update and the diagnostics see each hit.
            "AINEWS_AGGREGATE_CACHE_BYTES", System.getProperty("crash.cache", "10485760")), dir)) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      Faults.awaitLeaders(admin, Topics.RAW.name());
      Faults.produce(producer, items.subList(0, wave));
      enrich.start();
      aggregate.start();

      for (int k = 1; k <= KILLS; k++) {
        int end = k == KILLS ? items.size() : (k + 1) * wave;
        Faults.produce(producer, items.subList(k * wave, end));
        long written = end;
        // Both are killed at the same moment, at a random point of enrich's progress through what is written
        // (raw offsets are record counts: the fixture producer is not transactional); aggregate is wherever it
        // is then, usually part-way through its repartition topic.
        long enrichDone = Math.max(0, Faults.committed(admin, ENRICH, Topics.RAW.name()));
        long enrichAt = enrichDone + 1 + random.nextInt((int) Math.max(1, (written - enrichDone) * 3 / 4));
        long waitFrom = System.nanoTime();
        Faults.await(() -> Faults.committed(admin, ENRICH, Topics.RAW.name()) >= enrichAt, ROUND,
            "enrich to commit raw offset " + enrichAt, enrich, aggregate);
        long waited = Duration.ofNanos(System.nanoTime() - waitFrom).toMillis();
        long enrichKilled = Faults.committed(admin, ENRICH, Topics.RAW.name());
        long aggregateKilled = Faults.committed(admin, AGGREGATE, Topics.ENRICHED.name());
        long enrichedEnd = Faults.stableEnd(admin, Topics.ENRICHED.name());
        addLate(late, Faults.get(metrics));
        enrich.kill();
        aggregate.kill();
        events.add("kill " + k + " at " + seconds(start) + " s (" + waited + " ms after the round began): enrich had"
            + " committed raw offsets " + enrichKilled + " of " + written + ", aggregate enriched offsets "
            + aggregateKilled + " of stable end " + enrichedEnd);
        enrich.start();
        aggregate.start();
      }

      // Settled: every committed input record of both apps, on their source and their repartition topics,
      // processed and committed, enrich's first (so all its output is there for aggregate to read). Only then
      // are the counts final; comparing them earlier could not tell lost counts from counts not made yet.
      long settleFrom = System.nanoTime();
      long[] last = new long[2];
      Faults.await(() -> (last[0] = Faults.pending(bootstrap, admin, ENRICH, Topics.RAW.name())) == 0
              && (last[1] = Faults.pending(bootstrap, admin, AGGREGATE, Topics.ENRICHED.name())) == 0,
          Duration.ofSeconds(150), () -> "both apps to process every input record (pending: enrich " + last[0]
              + ", aggregate " + last[1] + ")", enrich, aggregate);
      events.add("settled " + Duration.ofNanos(System.nanoTime() - settleFrom).toMillis() + " ms after the last"
          + " restart, at " + seconds(start) + " s");
      addLate(late, Faults.get(metrics));
      String enrichPage = Faults.get("http://127.0.0.1:" + enrichPort + "/metrics");
      events.add("enrich (last run) items by result: " + (enrichPage == null ? "?" : enrichPage.lines()
          .filter(l -> l.startsWith("ainews_enrich_items_total")).toList()));
      Map<String, Integer> settledCopies = new TreeMap<>();
      Map<String, Long> fromEnriched = new TreeMap<>();
      Map<String, Set<String>> storiesFromEnriched = new TreeMap<>();
      Map<String, Set<String>> themeStoriesFromEnriched = new TreeMap<>();
      for (ConsumerRecord<String, EnrichedItem> r : Faults.readAll(bootstrap, Topics.ENRICHED.name(),
          Topics.ENRICHED.valueSerde().deserializer())) {
        settledCopies.merge(r.key(), 1, Integer::sum);
        for (String c : r.value().companies()) {
          String key = TrendCount.key(c, r.value().publishedAt().truncatedTo(ChronoUnit.DAYS));
          fromEnriched.merge(key, 1L, Long::sum);
          storiesFromEnriched.computeIfAbsent(key, k -> new TreeSet<>()).add(r.value().storyId());
        }
        for (String t : r.value().themes()) {
          themeStoriesFromEnriched.computeIfAbsent(TrendCount.key(t,
              r.value().publishedAt().truncatedTo(ChronoUnit.DAYS)), k -> new TreeSet<>()).add(r.value().storyId());
        }
      }
      events.add("enriched topic when settled: " + settledCopies.size() + " ids, "
          + settledCopies.values().stream().mapToInt(Integer::intValue).sum() + " records; company-days counted"
          + " from it against the fixtures' differences:" + Faults.diff(expected, fromEnriched));
      Map<String, Long> counted = Faults.latestCompanyDays(bootstrap);
      // The window store next to the topic: a store with the right count behind a short topic is an update
      // never emitted (stale output); a store as short as the topic is a hit never counted.
      Map<String, Long> stored = storedCompanyDays(httpPort);
      events.add("1d window store (/api/trends) against the fixtures' differences:" + (stored == null ? " ?"
          : Faults.diff(expected, stored)) + "; against the trend topic:" + (stored == null ? " ?"
          : Faults.diff(stored, counted)));
      events.add("company counts going backwards in the 1d store's changelog (a restore behind a commit):"
          + changelogSetbacks(bootstrap));
      assertEquals(expected, counted, () -> "company-day counts after every input record was processed;"
          + " late hits 1h " + late[0] + ", 1d " + late[1] + "; differences:" + Faults.diff(expected, counted));
      // Distinct stories: the story gate's memory is rebuilt from its store after every kill; a story counted
      // twice or missed shows here. The enriched topic, read once per id, says which story each item joined.
      Map<String, Long> expectedStories = new TreeMap<>();
      storiesFromEnriched.forEach((k, v) -> expectedStories.put(k, (long) v.size()));
      Map<String, Long> stories = Faults.latestCompanyDayStories(bootstrap);
      events.add("company-day stories " + expectedStories.values().stream().mapToLong(Long::longValue).sum()
          + " for " + expected.values().stream().mapToLong(Long::longValue).sum() + " company hits");
      assertEquals(expectedStories, stories, () -> "distinct stories per company-day; differences:"
          + Faults.diff(expectedStories, stories));
      // Themes too: an item's theme hits reach the gate after its company and country hits, so a store entry that
      // lists several keys of one story is only rebuilt right if every key of it is.
      Map<String, Long> expectedThemeStories = new TreeMap<>();
      themeStoriesFromEnriched.forEach((k, v) -> expectedThemeStories.put(k, (long) v.size()));
      Map<String, Long> themeStories = Faults.latestThemeDayStories(bootstrap);
      assertEquals(expectedThemeStories, themeStories, () -> "distinct stories per theme-day; differences:"
          + Faults.diff(expectedThemeStories, themeStories));
      // A clean stop commits whatever is in flight: anything doubled would show in the counts now.
      enrich.stop();
      aggregate.stop();

      Map<String, Integer> copies = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> r : Faults.readAll(bootstrap, Topics.ENRICHED.name(),
          new ByteArrayDeserializer())) {
        copies.merge(r.key(), 1, Integer::sum);
      }
      TreeSet<String> ids = new TreeSet<>();
      items.forEach(i -> ids.add(i.id()));
      assertEquals(ids, copies.keySet(), "item ids in " + Topics.ENRICHED.name());
      assertEquals(List.of(), copies.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
          "items enriched more than once");
      assertEquals(expected, Faults.latestCompanyDays(bootstrap));
      // The fixtures span three days and the 1d grace is two: no daily window closes before its last item.
      assertEquals(0.0, late[1], "hits the aggregate found late for the 1d windows");
      assertEquals(KILLS, enrich.kills());
      assertEquals(KILLS, aggregate.kills());
    } finally {
      Faults.keepLogs(dir, "CrashIT");
      System.out.printf("CrashIT seed %d, %d items, %d company-day counts, took %d s; late hits 1h %.0f, 1d %.0f%n"
              + "  %s%n", seed, items.size(), expected.size(), seconds(start), late[0], late[1],
          String.join("\n  ", events));
    }
  }

  /** Daily company counts as the aggregate's 1d window store holds them, through its API; null if it is not up. */
  private static Map<String, Long> storedCompanyDays(int httpPort) throws java.io.IOException {
    String body = Faults.get("http://127.0.0.1:" + httpPort + "/api/trends?dimension=company&window=1d&from="
        + Faults.DAY0.minus(Duration.ofDays(1)) + "&to=" + Faults.DAY0.plus(Duration.ofDays(5)));
    if (body == null) {
      return null;
    }
    Map<String, Long> out = new TreeMap<>();
    for (TrendCount c : Json.MAPPER.readValue(body, new TypeReference<List<TrendCount>>() {})) {
      out.put(TrendCount.key(c.value(), c.windowStart()), c.items());
    }
    return out;
  }

  /** Committed changelog updates of a company 1d tally whose item count is not above an earlier one: counts only grow. */
  private static String changelogSetbacks(String bootstrap) {
    Map<String, Long> highest = new TreeMap<>();
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (ConsumerRecord<byte[], byte[]> r : Faults.readAllBytes(bootstrap,
        AGGREGATE + "-aggregate-1d-store-changelog")) {
      byte[] k = r.key();
      if (r.value() == null || k == null || k.length < 12) {
        continue;
      }
      // Window store changelog key: key bytes, 8-byte window start, 4-byte sequence number.
      String key = new String(k, 0, k.length - 12, java.nio.charset.StandardCharsets.UTF_8);
      if (!key.startsWith("company|")) {
        continue;
      }
      long start = java.nio.ByteBuffer.wrap(k, k.length - 12, 8).getLong();
      // Value: 8-byte timestamp (timestamped store) then the tally, whose first long is the item count.
      long items = java.nio.ByteBuffer.wrap(r.value(), (r.value().length - 20) % 8 == 0 ? 0 : 8, 8).getLong();
      String id = key + "@" + java.time.Instant.ofEpochMilli(start) + " p" + r.partition();
      Long before = highest.get(id);
      if (before != null && items <= before) {
        n++;
        if (n <= 20) {
          out.append("\n  ").append(id).append(" offset ").append(r.offset()).append(": ").append(items)
              .append(" after ").append(before);
        }
      }
      highest.merge(id, items, Math::max);
    }
    return n == 0 ? " none" : " " + n + out;
  }

  private static void addLate(double[] late, String page) {
    if (page != null) {
      late[0] += Faults.counter(page, LATE, "window=\"1h\"");
      late[1] += Faults.counter(page, LATE, "window=\"1d\"");
    }
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }
}
