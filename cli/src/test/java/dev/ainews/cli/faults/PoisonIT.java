package dev.ainews.cli.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ainews.common.Dlq;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records among good ones, in the raw and the enriched topic: each lands in
 * the DLQ with its bytes and headers saying why and where from, the apps go on
 * with the records after them, and the counts are those of the good records only.
 */
class PoisonIT {

  private static final int GOOD = 600;
  /** Fits the broker's default 1 MiB record limit with its JSON around it, yet is far past any headline. */
  private static final String HUGE_TITLE = "OpenAI " + "x".repeat(900_000);

  @TempDir
  Path dir;

  record Sent(String stage, String topic, byte[] value, RecordMetadata where) {}

  @Test
  void shouldSendEachBadRecordToTheDlqWithItsOriginAndKeepCountingTheGoodOnes() throws Exception {
    List<RawItem> items = Faults.items("poison", 0, GOOD, new Random(20250312L));
    Map<String, Long> expected = Faults.expectedCompanyDays(items);
    long start = System.nanoTime();
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
      enrich.start();
      aggregate.start();
      Faults.produce(producer, items.subList(0, GOOD / 2));

      String published = "\"publishedAt\":\"2025-03-10T12:00:00Z\"";
      Map<String, String> poison = new LinkedHashMap<>();
      poison.put("not JSON", "{\"id\":\"" + Faults.id("bad-1") + "\",\"title\":\"OpenAI ships");
      poison.put("no id", "{\"title\":\"OpenAI ships a model\"," + published + "}");
      poison.put("huge title", "{\"id\":\"" + Faults.id("bad-3") + "\",\"title\":\"" + HUGE_TITLE + "\"," + published
          + "}");
      poison.put("wrong type", "{\"id\":\"" + Faults.id("bad-4") + "\",\"title\":\"OpenAI ships a model\","
          + "\"publishedAt\":{\"day\":10},\"companies\":{\"openai\":true}}");
      // Event time inside the fixtures' days, as ingest would set it: a wall-clock timestamp would move the
      // aggregate's stream time months ahead and make every later fixture late.
      long at = Faults.DAY0.plus(Duration.ofHours(12)).toEpochMilli();
      List<Sent> sent = new ArrayList<>();
      int n = 0;
      for (var e : poison.entrySet()) {
        byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
        String key = Faults.id("bad-" + ++n);
        sent.add(new Sent("enrich.read", Topics.RAW.name(), value,
            producer.send(new ProducerRecord<>(Topics.RAW.name(), null, at, key, value)).get()));
        sent.add(new Sent("aggregate.read", Topics.ENRICHED.name(), value,
            producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), null, at, key, value)).get()));
      }
      // The good records after the bad ones: the apps must still be reading.
      Faults.produce(producer, items.subList(GOOD / 2, GOOD));

      // The counts include items written after the poison, so equal counts mean the apps read past it.
      Faults.await(() -> Faults.readAll(bootstrap, Topics.DLQ.name(), new ByteArrayDeserializer()).size()
              >= sent.size() && expected.equals(Faults.latestCompanyDays(bootstrap)), Duration.ofSeconds(120),
          () -> "the DLQ to hold " + sent.size() + " records (has "
              + Faults.readAll(bootstrap, Topics.DLQ.name(), new ByteArrayDeserializer()).size() + "; enrich committed "
              + Faults.committed(admin, "ainews-enrich", Topics.RAW.name()) + " raw offsets"
              + ") and the counts to settle; differences:" + Faults.diff(expected, Faults.latestCompanyDays(bootstrap)),
          enrich, aggregate);
      enrich.stop();
      aggregate.stop();

      List<ConsumerRecord<String, byte[]>> dlq = Faults.readAll(bootstrap, Topics.DLQ.name(),
          new ByteArrayDeserializer());
      assertEquals(sent.size(), dlq.size(), "DLQ records");
      for (Sent s : sent) {
        ConsumerRecord<String, byte[]> d = dlq.stream()
            .filter(r -> s.topic().equals(Dlq.header(r.headers(), Dlq.TOPIC))
                && String.valueOf(s.where().partition()).equals(Dlq.header(r.headers(), Dlq.PARTITION))
                && String.valueOf(s.where().offset()).equals(Dlq.header(r.headers(), Dlq.OFFSET)))
            .findFirst().orElse(null);
        assertNotNull(d, "no DLQ record for " + s.topic() + "-" + s.where().partition() + "@" + s.where().offset());
        assertEquals(s.stage(), Dlq.header(d.headers(), Dlq.STAGE));
        String exception = Dlq.header(d.headers(), Dlq.EXCEPTION);
        assertNotNull(exception);
        assertFalse(exception.isBlank());
        assertArrayEquals(s.value(), d.value(), "original bytes of " + s.topic() + "@" + s.where().offset());
      }
      assertEquals(expected, Faults.latestCompanyDays(bootstrap));
      assertEquals(GOOD, Faults.readAll(bootstrap, Topics.ENRICHED.name(), new ByteArrayDeserializer()).size()
          - poison.size(), "enriched records besides the poison written there");
    } finally {
      System.out.printf("PoisonIT took %d s%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }
  }
}
