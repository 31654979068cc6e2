package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Env;
import dev.ainews.common.Json;
import dev.ainews.common.Topics;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.testing.KafkaTestSupport;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate app on a real broker: exact counts in the committed trend topics and the same numbers over HTTP. */
class AggregateIT {

  private static EmbeddedKafka kafka;

  @TempDir
  static Path stateDir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.startTemporary();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static EnrichedItem item(String id, String story, String published, List<String> companies,
      List<String> themes) {
    Instant t = Instant.parse(published);
    return new EnrichedItem(id, "feed", "source", "https://example.com/" + id, "title " + id, null, null, null, "en",
        t, Instant.now(), companies, List.of(), themes, List.of(), story, "test");
  }

  @Test
  void shouldWriteExactCountsAndServeThemOverHttp() throws Exception {
    List<EnrichedItem> items = List.of(
        item("a", "s1", "2025-01-27T10:05:00Z", List.of("deepseek"), List.of("cost")),
        item("b", "s1", "2025-01-27T10:10:00Z", List.of("deepseek"), List.of("cost")),
        item("c", "s2", "2025-01-27T10:20:00Z", List.of("deepseek", "openai"), List.of()),
        item("d", "s3", "2025-01-27T11:30:00Z", List.of("openai"), List.of("safety")),
        item("e", "s4", "2025-01-27T11:45:00Z", List.of("mistral"), List.of()));
    Map<String, String> vars = new HashMap<>();
    vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    vars.put("AINEWS_STATE_DIR", stateDir.toString());
    vars.put("AINEWS_AGGREGATE_COMMIT_INTERVAL", "200ms");
    vars.put("AINEWS_PARTITIONS", "2");
    AggregateConfig config = AggregateConfig.fromEnv(new Env(vars));

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (HttpEndpoint http = HttpEndpoint.start("127.0.0.1", 0, registry);
        AggregateApp app = new AggregateApp(config, registry)) {
      app.registerHandlers(http);
      app.start();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
          KafkaClients.producerConfig(kafka.bootstrapServers(), "aggregate-it"), new StringSerializer(),
          new ByteArraySerializer())) {
        for (EnrichedItem i : items) {
          producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), null, i.publishedAt().toEpochMilli(), i.id(),
              Topics.ENRICHED.valueSerde().serializer().serialize(Topics.ENRICHED.name(), i)));
        }
        producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), "poison", "{oops".getBytes(StandardCharsets.UTF_8)));
      }

      // company 1h: deepseek@10 (3 items), openai@10, openai@11, mistral@11 -> 4 keys; updates may repeat keys.
      Map<String, TrendCount> hourly = latest(KafkaTestSupport.consumeAll(kafka.bootstrapServers(),
          TrendTopics.trends("company", "1h"), 4, Duration.ofSeconds(40)));
      assertEquals(new TrendCount("company", "deepseek", "1h", Instant.parse("2025-01-27T10:00:00Z"),
          Instant.parse("2025-01-27T11:00:00Z"), 3, 2), hourly.get("deepseek@2025-01-27T10:00:00Z"));
      assertEquals(1, hourly.get("openai@2025-01-27T10:00:00Z").items());
      assertEquals(1, hourly.get("openai@2025-01-27T11:00:00Z").items());
      assertEquals(1, hourly.get("mistral@2025-01-27T11:00:00Z").items());
      assertEquals(4, hourly.size());
      Map<String, TrendCount> daily = latest(KafkaTestSupport.consumeAll(kafka.bootstrapServers(),
          TrendTopics.trends("company", "1d"), 3, Duration.ofSeconds(20)));
      assertEquals(3, daily.get("deepseek@2025-01-27T00:00:00Z").items());
      assertEquals(2, daily.get("openai@2025-01-27T00:00:00Z").items());
      Map<String, Share> shares = latest(KafkaTestSupport.consumeAll(kafka.bootstrapServers(),
          TrendTopics.share("1d"), 3, Duration.ofSeconds(20)));
      assertEquals(Share.of("cn_company_mentions", Instant.parse("2025-01-27T00:00:00Z"),
          Instant.parse("2025-01-28T00:00:00Z"), 3, 5), shares.get("cn_company_mentions@2025-01-27T00:00:00Z"));
      assertEquals(1, KafkaTestSupport.consumeAll(kafka.bootstrapServers(), Topics.DLQ, 1, Duration.ofSeconds(20))
          .size());
      assertEquals(KafkaStreams.State.RUNNING, app.state());

      String base = "http://127.0.0.1:" + http.port();
      List<TrendCount> api = Json.MAPPER.readValue(get(base + "/api/trends?dimension=company&value=deepseek"
          + "&window=1h&from=2025-01-27&to=2025-01-27").body(), new TypeReference<List<TrendCount>>() {});
      assertEquals(List.of(hourly.get("deepseek@2025-01-27T10:00:00Z")), api);
      List<TrendCount> all = Json.MAPPER.readValue(get(base + "/api/trends?dimension=company&window=1h"
          + "&from=2025-01-27T00:00:00Z&to=2025-01-28T00:00:00Z").body(), new TypeReference<List<TrendCount>>() {});
      assertEquals(4, all.size());
      assertEquals(Instant.parse("2025-01-27T10:00:00Z"), all.get(0).windowStart());
      assertEquals(Instant.parse("2025-01-27T11:00:00Z"), all.get(3).windowStart());
      List<TrendCount> top = Json.MAPPER.readValue(get(base + "/api/top?dimension=company&window=1d&n=2").body(),
          new TypeReference<List<TrendCount>>() {});
      assertEquals(List.of("deepseek", "openai"), top.stream().map(TrendCount::value).toList());
      assertEquals(List.of(3L, 2L), top.stream().map(TrendCount::items).toList());

      HttpResponse<String> bad = get(base + "/api/trends?dimension=planet&window=1h");
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("\"parameter\":\"dimension\""), bad.body());
      String metrics = get(base + "/metrics").body();
      assertTrue(metrics.contains("ainews_aggregate_items_total 5.0"), "items counter in /metrics");
      assertTrue(metrics.contains("ainews_pipeline_latency_seconds_bucket"), "latency histogram in /metrics");
    }
  }

  private static <V> Map<String, V> latest(List<ConsumerRecord<String, V>> records) {
    Map<String, V> out = new HashMap<>();
    for (ConsumerRecord<String, V> r : records) {
      out.put(r.key(), r.value());
    }
    return out;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
