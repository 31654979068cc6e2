package dev.ainews.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 */
class CrashIT {

  private static final int ITEMS = 10_000;
  private static final int KILLS = 3;
  /** One wave before the start and one per kill round: the killed apps always have work in front of them. */
  private static final int WAVE = ITEMS / (KILLS + 1);
  /**
   * A restarted Streams instance waits for its killed predecessor's session to
   * time out (45 s) before it gets the partitions back; the rounds are paced by that.
   */
  private static final Duration ROUND = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  @Test
  void shouldNeitherLoseNorDoubleAnItemOrACountWhenEnrichAndAggregateAreKilledHard() throws Exception {
    long seed = Long.getLong("faults.seed", 20250310L);
    Random random = new Random(seed);
    List<RawItem> items = Faults.items("crash", 0, ITEMS, random);
    Map<String, Long> expected = Faults.expectedCompanyDays(items);
    long start = System.nanoTime();
    List<String> killPoints = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
        Admin admin = Faults.admin(kafka.bootstrapServers());
        KafkaProducer<String, byte[]> producer = Faults.producer(kafka.bootstrapServers());
        Child enrich = new Child("enrich", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "AINEWS_STATE_DIR", dir.resolve("enrich-state").toString(), "AINEWS_ENRICH_METRICS_PORT", "0",
            "AINEWS_ENRICH_THREADS", "1"), dir);
        Child aggregate = new Child("aggregate", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "AINEWS_STATE_DIR", dir.resolve("aggregate-state").toString(), "AINEWS_HTTP_PORT", "0",
            "AINEWS_HTTP_HOST", "127.0.0.1"), dir)) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      Faults.produce(producer, items.subList(0, WAVE));
      enrich.start();
      aggregate.start();

      for (int k = 1; k <= KILLS; k++) {
        Faults.produce(producer, items.subList(k * WAVE, (k + 1) * WAVE));
        long written = (long) (k + 1) * WAVE;
        // Both are killed at the same moment: each restart costs a session timeout, and this way the two overlap.
        // The moment is a random point of enrich's progress through what is written (raw offsets are record
        // counts: the fixture producer is not transactional); aggregate is wherever it is then.
        long enrichDone = Math.max(0, Faults.committed(admin, "ainews-enrich", Topics.RAW.name()));
        long enrichAt = enrichDone + 1 + random.nextInt((int) Math.max(1, (written - enrichDone) * 3 / 4));
        Faults.await(() -> Faults.committed(admin, "ainews-enrich", Topics.RAW.name()) >= enrichAt, ROUND,
            "enrich to commit raw offset " + enrichAt, enrich, aggregate);
        long enrichKilled = Faults.committed(admin, "ainews-enrich", Topics.RAW.name());
        long aggregateKilled = Faults.committed(admin, "ainews-aggregate", Topics.ENRICHED.name());
        long enrichedEnd = Faults.stableEnd(admin, Topics.ENRICHED.name());
        enrich.kill();
        aggregate.kill();
        killPoints.add("kill " + k + " at " + Duration.ofNanos(System.nanoTime() - start).toSeconds()
            + " s: enrich had committed raw offsets " + enrichKilled + " of " + written
            + ", aggregate enriched offsets " + aggregateKilled + " of stable end " + enrichedEnd);
        enrich.start();
        aggregate.start();
      }

      Faults.await(() -> Faults.committed(admin, "ainews-enrich", Topics.RAW.name()) == ITEMS
              && expected.equals(Faults.latestCompanyDays(bootstrap)), Duration.ofSeconds(180),
          () -> "enrich to read all raw items (committed " + Faults.committed(admin, "ainews-enrich", Topics.RAW.name())
              + ") and the company counts to settle (aggregate committed "
              + Faults.committed(admin, "ainews-aggregate", Topics.ENRICHED.name()) + " of "
              + Faults.stableEnd(admin, Topics.ENRICHED.name()) + "); differences:"
              + Faults.diff(expected, Faults.latestCompanyDays(bootstrap)), enrich, aggregate);
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
      assertEquals(KILLS, enrich.kills());
      assertEquals(KILLS, aggregate.kills());
    } finally {
      System.out.printf("CrashIT seed %d, %d items, %d company-day counts, took %d s%n  %s%n", seed, ITEMS,
          expected.size(), Duration.ofNanos(System.nanoTime() - start).toSeconds(), String.join("\n  ", killPoints));
    }
  }
}
