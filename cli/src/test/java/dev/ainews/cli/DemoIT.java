package dev.ainews.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.testing.KafkaTestSupport;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParser;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ainews demo --once} end to end on the embedded broker: the daily trend
 * counts it leaves in the compacted trend topic equal the counts computed here
 * directly from the bundled sample files (parse, normalize, tag, bucket by UTC day),
 * and the sample's story, a DeepSeek burst on 2025-01-27, is signalled.
 */
class DemoIT {

  @TempDir
  Path dir;

  /** company -> day -> items, straight from the sample's files. */
  private static Map<String, Map<LocalDate, Long>> expectedCompanyDays() throws Exception {
    JsonNode manifest;
    try (InputStream in = DemoIT.class.getClassLoader().getResourceAsStream("demo/manifest.json")) {
      manifest = Json.MAPPER.readTree(in);
    }
    FeedParser parser = new FeedParser();
    Normalizer normalizer = new Normalizer();
    Tagger tagger = Tagger.fromClasspath();
    Map<String, RawItem> items = new LinkedHashMap<>();
    for (JsonNode f : manifest.get("feeds")) {
      byte[] bytes;
      try (InputStream in = DemoIT.class.getClassLoader().getResourceAsStream("demo/" + f.get("file").asText())) {
        bytes = in.readAllBytes();
      }
      FeedSubscription sub = FeedSubscription.of(f.get("id").asText(), "http://127.0.0.1/demo/" + f.get("id").asText(),
          f.get("name").asText(), f.get("language").asText());
      for (RawItem i : normalizer.normalize(parser.parse(bytes, f.get("contentType").asText(), sub.url()), sub,
          Instant.now())) {
        items.putIfAbsent(i.id(), i);
      }
    }
    Map<String, Map<LocalDate, Long>> out = new TreeMap<>();
    for (RawItem i : items.values()) {
      LocalDate day = i.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
      for (String c : tagger.tag(i.title(), i.summary(), i.content(), i.language()).companies()) {
        out.computeIfAbsent(c, k -> new TreeMap<>()).merge(day, 1L, Long::sum);
      }
    }
    return out;
  }

  @Test
  void shouldCountTheSampleExactlyAndSignalTheDeepSeekBurst() throws Exception {
    Map<String, Map<LocalDate, Long>> expected = expectedCompanyDays();
    assertTrue(expected.get("deepseek").get(LocalDate.parse("2025-01-27")) >= 20, "the sample has its burst");

    InProcess.Result r = InProcess.ainews("demo", "--once", "--http-port", "0", "--data-dir", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("bursts:"), r.out());
    assertTrue(r.out().contains("company  deepseek     2025-01-27T00:00:00Z"), r.out());

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).port(0).start()) {
      Map<String, Map<LocalDate, Long>> actual = new TreeMap<>();
      Map<String, TrendCount> latest = new HashMap<>();
      for (ConsumerRecord<String, TrendCount> rec : KafkaTestSupport.consumeAll(kafka.bootstrapServers(),
          TrendTopics.trends("company", "1d"), 1, Duration.ofSeconds(60))) {
        latest.put(rec.key(), rec.value());
      }
      for (TrendCount t : latest.values()) {
        actual.computeIfAbsent(t.value(), k -> new TreeMap<>())
            .put(t.windowStart().atZone(ZoneOffset.UTC).toLocalDate(), t.items());
      }
      assertEquals(expected, actual, "daily company counts of the demo against the sample");

      TrendCount burstDay = latest.get("deepseek@2025-01-27T00:00:00Z");
      assertTrue(burstDay.stories() < burstDay.items(), "syndicated copies count as one story: " + burstDay);

      boolean signalled = false;
      for (ConsumerRecord<String, Signal> rec : KafkaTestSupport.consumeAll(kafka.bootstrapServers(),
          TrendTopics.SIGNALS, 1, Duration.ofSeconds(60))) {
        Signal s = rec.value();
        signalled |= s.value().equals("deepseek") && s.window().equals("1d")
            && s.windowStart().equals(Instant.parse("2025-01-27T00:00:00Z"));
        assertTrue(!s.value().equals("microsoft"), "flat Microsoft coverage must not fire: " + s);
      }
      assertTrue(signalled, "a 1d DeepSeek burst on 2025-01-27");
    }
  }
}
