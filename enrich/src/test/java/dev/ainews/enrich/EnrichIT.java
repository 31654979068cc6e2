package dev.ainews.enrich;

import static dev.ainews.common.testing.KafkaTestSupport.consumeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.enrich.tag.Tagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich app on a real broker with exactly-once: one enriched record per item id, poison to the DLQ. */
class EnrichIT {

  @TempDir
  Path stateDir;

  @Test
  void shouldEnrichEachItemIdExactlyOnceAndRoutePoisonToTheDlq() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      JsonSerde<RawItem> serde = JsonSerde.of(RawItem.class);
      Instant t0 = Instant.parse("2025-01-27T08:00:00Z");
      int n = 300;
      try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap, "it"),
          new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < n; i++) {
          RawItem item = EnrichTopologyTest.item("item-" + i, (i % 3 == 0 ? "DeepSeek" : i % 3 == 1 ? "OpenAI" : "Mistral")
              + " news number " + i + " about model pricing", "Summary " + i, t0.plusSeconds(60L * i));
          byte[] bytes = serde.toBytes(item);
          p.send(new ProducerRecord<>(Topics.RAW.name(), null, item.publishedAt().toEpochMilli(), item.id(), bytes));
          if (i % 10 == 0) {
            // the same item fetched twice (a restarted ingest, a second feed with the same GUID)
            p.send(new ProducerRecord<>(Topics.RAW.name(), null, item.publishedAt().toEpochMilli(), item.id(), bytes));
          }
        }
        p.send(new ProducerRecord<>(Topics.RAW.name(), "poison", "{not json".getBytes(StandardCharsets.UTF_8)));
        p.send(new ProducerRecord<>(Topics.RAW.name(), "big", ("{\"id\":\"" + "a".repeat(64) + "\",\"title\":\""
            + "x".repeat(1_000_000) + "\",\"publishedAt\":\"2025-01-27T08:00:00Z\"}").getBytes(StandardCharsets.UTF_8)));
        p.flush();
      }
      EnrichConfig config = EnrichConfig.fromEnv(new dev.ainews.common.Env(Map.of()))
          .with(bootstrap, "enrich-it", stateDir);
      try (EnrichApp app = new EnrichApp(config, Tagger.fromClasspath(), EnrichTopology.Names.live(),
          new SimpleMeterRegistry())) {
        app.start();
        List<ConsumerRecord<String, EnrichedItem>> out = consumeAll(bootstrap, Topics.ENRICHED, n,
            Duration.ofSeconds(90));
        assertEquals(n, out.size(), "one enriched record per item id");
        Set<String> ids = out.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertEquals(n, ids.size());
        Map<String, Long> byCompany = out.stream().flatMap(r -> r.value().companies().stream())
            .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertEquals(Map.of("deepseek", 100L, "openai", 100L, "mistral", 100L), byCompany);
        assertTrue(out.stream().allMatch(r -> r.timestamp() == r.value().publishedAt().toEpochMilli()));

        List<ConsumerRecord<byte[], byte[]>> dead = consumeAll(bootstrap, Topics.DLQ, 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size());
        assertEquals(Set.of("enrich.read"), dead.stream().map(r -> Dlq.header(r.headers(), Dlq.STAGE))
            .collect(Collectors.toSet()));
        assertTrue(dead.stream().allMatch(r -> Topics.RAW.name().equals(Dlq.header(r.headers(), Dlq.TOPIC))));
      }
    }
  }
}
