package dev.ainews.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * The broker goes away twice, while enrich and aggregate (child JVMs) run and a
 * producer has items in flight; it comes back on the same data directory and
 * port. The clients ride it out: every item enriched once, every count exact.
 */
class BrokerRestartIT {

  private static final int ITEMS = 6_000;
  private static final int RESTARTS = 2;
  private static final int WAVE = ITEMS / (RESTARTS + 1);

  @TempDir
  Path dir;

  @Test
  void shouldNeitherLoseNorDoubleAnItemOrACountWhenTheBrokerRestarts() throws Exception {
    long seed = Long.getLong("faults.seed", 20250311L);
    List<RawItem> items = Faults.items("restart", 0, ITEMS, new Random(seed));
    Map<String, Long> expected = Faults.expectedCompanyDays(items);
    int port = freePort();
    int controllerPort = freePort();
    Path data = dir.resolve("kafka");
    String bootstrap = "127.0.0.1:" + port;
    long start = System.nanoTime();
    List<String> events = new ArrayList<>();
    EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(data).port(port).controllerPort(controllerPort).start();
    try (Admin admin = Faults.admin(bootstrap);
        KafkaProducer<String, byte[]> producer = Faults.producer(bootstrap);
        Child enrich = new Child("enrich", Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
            "AINEWS_STATE_DIR", dir.resolve("enrich-state").toString(), "AINEWS_ENRICH_METRICS_PORT", "0",
            "AINEWS_ENRICH_THREADS", "1"), dir);
        Child aggregate = new Child("aggregate", Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
            "AINEWS_STATE_DIR", dir.resolve("aggregate-state").toString(), "AINEWS_HTTP_PORT", "0",
            "AINEWS_HTTP_HOST", "127.0.0.1"), dir)) {
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      Faults.produce(producer, items.subList(0, WAVE));
      enrich.start();
      aggregate.start();
      for (int r = 1; r <= RESTARTS; r++) {
        long done = (long) r * WAVE;
        // Stop the broker once the apps are busy: enrich is part-way through what was written.
        long half = done - WAVE / 2;
        Faults.await(() -> Faults.committed(admin, "ainews-enrich", Topics.RAW.name()) >= half,
            Duration.ofSeconds(120), "enrich to commit raw offset " + half, enrich, aggregate);
        long enrichAt = Faults.committed(admin, "ainews-enrich", Topics.RAW.name());
        kafka.close();
        // The next wave goes out while the broker is down: send() blocks on metadata until the broker is back
        // (max.block.ms), so it runs on its own thread while this one restarts the broker.
        List<RawItem> wave = items.subList(r * WAVE, (r + 1) * WAVE);
        java.util.concurrent.CompletableFuture<Void> sending = java.util.concurrent.CompletableFuture.runAsync(() -> {
          for (RawItem item : wave) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.RAW.name(), null,
                item.publishedAt().toEpochMilli(), item.id(),
                Topics.RAW.valueSerde().serializer().serialize(Topics.RAW.name(), item)));
          }
        });
        long down = System.nanoTime();
        kafka = EmbeddedKafka.builder().dataDir(data).port(port).controllerPort(controllerPort).start();
        events.add("restart " + r + " at " + Duration.ofNanos(down - start).toSeconds() + " s: enrich had committed "
            + enrichAt + " of " + done + " raw offsets; broker down for "
            + Duration.ofNanos(System.nanoTime() - down).toMillis() + " ms");
        sending.get(120, java.util.concurrent.TimeUnit.SECONDS);
        producer.flush();
      }

      Faults.await(() -> Faults.committed(admin, "ainews-enrich", Topics.RAW.name()) == ITEMS
              && expected.equals(Faults.latestCompanyDays(bootstrap)), Duration.ofSeconds(180),
          () -> "enrich to read all raw items (committed " + Faults.committed(admin, "ainews-enrich", Topics.RAW.name())
              + ") and the company counts to settle; differences:"
              + Faults.diff(expected, Faults.latestCompanyDays(bootstrap)), enrich, aggregate);
      enrich.stop();
      aggregate.stop();

      Map<String, Integer> copies = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> rec : Faults.readAll(bootstrap, Topics.ENRICHED.name(),
          new ByteArrayDeserializer())) {
        copies.merge(rec.key(), 1, Integer::sum);
      }
      TreeSet<String> ids = new TreeSet<>();
      items.forEach(i -> ids.add(i.id()));
      assertEquals(ids, copies.keySet(), "item ids in " + Topics.ENRICHED.name());
      assertEquals(List.of(), copies.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
          "items enriched more than once");
      assertEquals(ITEMS, Faults.readAll(bootstrap, Topics.RAW.name(), new ByteArrayDeserializer()).size(),
          "raw records: the producer's retries across the restarts must not duplicate");
      assertEquals(expected, Faults.latestCompanyDays(bootstrap));
    } finally {
      kafka.close();
      System.out.printf("BrokerRestartIT seed %d, %d items, took %d s%n  %s%n", seed, ITEMS,
          Duration.ofNanos(System.nanoTime() - start).toSeconds(), String.join("\n  ", events));
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
