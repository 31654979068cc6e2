package dev.ainews.cli;

import static dev.ainews.cli.InProcess.ainews;
import static dev.ainews.cli.InProcess.at;
import static dev.ainews.cli.InProcess.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ainews replay} on a real broker: the raw history re-tagged with a changed
 * taxonomy lands in the replay's own topics while the live topics keep their counts.
 */
class ReplayIT {

  private static final Instant FROM = at("2025-01-10T12:00:00Z");

  @TempDir
  Path dir;

  /**
   * 20 DeepSeek items before FROM (live only), then in range 120 DeepSeek, 80 "Whale Lab"
   * (DeepSeek only under the changed taxonomy) and 100 OpenAI items, ten minutes apart and
   * within two days, so that no daily window is late even out of order.
   */
  private static List<RawItem> history() {
    List<RawItem> items = new ArrayList<>();
    Instant t = at("2025-01-10T08:00:00Z");
    for (int i = 0; i < 20; i++) {
      items.add(raw("DeepSeek earlier news item " + i, t.plusSeconds(600L * i)));
    }
    Instant s = FROM;
    for (int i = 0; i < 300; i++) {
      String title = i % 3 == 0 ? "OpenAI bulletin " + i : i % 5 == 1 && i < 200 ? "Whale Lab bulletin " + i
          : "DeepSeek bulletin " + i;
      items.add(raw(title, s.plusSeconds(300L * i)));
    }
    return items;
  }

  @Test
  void shouldReplayWithANewTaxonomyIntoItsOwnTopicsAndRefuseToRunTwice() throws Exception {
    List<RawItem> history = history();
    Map<String, Long> inRange = new TreeMap<>();
    for (RawItem r : history.subList(20, history.size())) {
      inRange.merge(r.title().split(" ")[0], 1L, Long::sum);
    }
    long deepseek = inRange.get("DeepSeek");
    long whale = inRange.get("Whale");
    long openai = inRange.get("OpenAI");
    assertEquals(300, deepseek + whale + openai);

    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      List<Map.Entry<String, RawItem>> records = new ArrayList<>();
      history.forEach(r -> records.add(Map.entry(r.id(), r)));
      InProcess.produce(bootstrap, Topics.RAW, records, RawItem::publishedAt);

      runLive(bootstrap, Map.of("deepseek", 20 + deepseek, "openai", openai));

      Path taxonomy = changedTaxonomy();
      InProcess.Result r = ainews("replay", "--from", "2025-01-10T12:00:00Z", "--taxonomy", taxonomy.toString(),
          "--as", "exp1", "--state-dir", dir.resolve("replay").toString(), "--bootstrap-server", bootstrap);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("replay exp1 completed: 300 items re-enriched, 0 to the DLQ"), r.out());
      assertTrue(r.out().contains("\n  late       0 hits after the grace of 7d\n"), r.out());
      assertTrue(r.out().contains("  companies  deepseek " + (deepseek + whale) + ", openai " + openai + "\n"),
          r.out());
      assertTrue(r.out().contains("ainews.enriched.v1.exp1, ainews.dlq.v1.exp1, ainews.trends.company.1h.v1.exp1"),
          r.out());
      assertEquals(Map.of("deepseek", deepseek + whale, "openai", openai),
          itemsPerValue(bootstrap, "ainews.trends.company.1d.v1.exp1"));
      assertEquals(Map.of("deepseek", 20 + deepseek, "openai", openai),
          itemsPerValue(bootstrap, "ainews.trends.company.1d.v1"));

      InProcess.Result again = ainews("replay", "--from", "2025-01-10T12:00:00Z", "--taxonomy", taxonomy.toString(),
          "--as", "exp1", "--state-dir", dir.resolve("replay").toString(), "--bootstrap-server", bootstrap);
      assertEquals(1, again.exit());
      assertTrue(again.err().contains("ainews: replay 'exp1' already completed at "), again.err());
      assertTrue(again.err().contains("(300 items in ainews.enriched.v1.exp1): choose another --as NAME, or add"
          + " --force"), again.err());
      assertEquals(Map.of("deepseek", deepseek + whale, "openai", openai),
          itemsPerValue(bootstrap, "ainews.trends.company.1d.v1.exp1"));
    }
  }

  @Test
  void shouldStartOverWithForceWithoutDoubleCounting() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      List<Map.Entry<String, RawItem>> records = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        RawItem r = raw((i < 20 ? "OpenAI note " : "DeepSeek note ") + i, FROM.plusSeconds(3600L * i));
        records.add(Map.entry(r.id(), r));
      }
      RawItem late = raw("OpenAI note after the range", at("2025-01-20T00:00:00Z"));
      records.add(Map.entry(late.id(), late));
      InProcess.produce(bootstrap, Topics.RAW, records, RawItem::publishedAt);
      String[] args = {"replay", "--from", "2025-01-10T12:00:00Z", "--to", "2025-01-15", "--as", "f1", "--state-dir",
          dir.resolve("f1").toString(), "--bootstrap-server", bootstrap};

      InProcess.Result first = ainews(args);
      assertEquals(0, first.exit(), first.err());
      assertTrue(first.out().contains("replay f1 completed: 30 items re-enriched, 0 to the DLQ"), first.out());

      String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
      forced[args.length] = "--force";
      InProcess.Result again = ainews(forced);
      assertEquals(0, again.exit(), again.err());
      assertTrue(again.err().contains("ainews replay: deleted replay 'f1'"), again.err());
      assertTrue(again.out().contains("replay f1 completed: 30 items re-enriched, 0 to the DLQ"), again.out());
      assertEquals(Map.of("deepseek", 10L, "openai", 20L), itemsPerValue(bootstrap, "ainews.trends.company.1d.v1.f1"));
    }
  }

  /**
   * Two months of history, nine times the 7-day grace, with raw partition 0 holding 15 times the items of each
   * other partition over the same days: its task is far behind the others in publish time while they run, as a
   * partition with busier feeds, or a task that starts later or shares its thread, is in any replay. Every item
   * must still be counted in its windows, none dropped as late.
   */
  @Test
  void shouldCountEveryItemOfAHistoryLongerThanTheGraceWhenPartitionsAdvanceUnevenly() throws Exception {
    Instant start = at("2025-03-01T00:00:00Z");
    Duration span = Duration.ofDays(60);
    List<Map.Entry<String, RawItem>> records = new ArrayList<>();
    Map<RawItem, Integer> partitions = new HashMap<>();
    Map<String, Long> expected = new TreeMap<>();
    int[] perPartition = {1_500, 100, 100};
    for (int p = 0; p < perPartition.length; p++) {
      for (int i = 0; i < perPartition[p]; i++) {
        String company = (i + p) % 3 == 0 ? "OpenAI" : "DeepSeek";
        RawItem r = raw(company + " update " + p + "-" + i + " on model pricing",
            start.plusMillis(span.toMillis() * i / perPartition[p] + p * 60_000L));
        records.add(Map.entry(r.id(), r));
        partitions.put(r, p);
        expected.merge(company.toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      TopicAdmin.ensureCoreTopics(bootstrap, 3);
      InProcess.produce(bootstrap, Topics.RAW, records, RawItem::publishedAt, partitions::get);

      InProcess.Result r = ainews("replay", "--from", "2025-01-01", "--as", "uneven", "--state-dir",
          dir.resolve("uneven").toString(), "--bootstrap-server", bootstrap);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("replay uneven completed: 1700 items re-enriched, 0 to the DLQ"), r.out());
      assertTrue(r.out().contains("\n  late       0 hits after the grace of 7d\n"), r.out());
      assertEquals(expected, itemsPerValue(bootstrap, "ainews.trends.company.1d.v1.uneven"));
      assertEquals(expected, itemsPerValue(bootstrap, "ainews.trends.company.1h.v1.uneven"));
    }
  }

  /** The bundled taxonomy with "Whale Lab" as one more DeepSeek alias. */
  private Path changedTaxonomy() throws Exception {
    String bundled;
    try (InputStream in = Tagger.class.getResourceAsStream("/taxonomy/taxonomy.yaml")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String changed = bundled.replace("aliases: [DeepSeek, Deep Seek,", "aliases: [DeepSeek, Deep Seek, Whale Lab,")
        .replaceFirst("(?m)^version: \"([^\"]+)\"", "version: \"$1-whale\"");
    assertTrue(changed.contains("Whale Lab") && changed.contains("-whale\""), "the bundled taxonomy changed shape");
    Path file = dir.resolve("taxonomy.yaml");
    Files.writeString(file, changed);
    return file;
  }

  /** The live enrich and aggregate apps on the same raw topic, until the live counts are in. */
  private void runLive(String bootstrap, Map<String, Long> expected) throws Exception {
    Env env = new Env(Map.of());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EnrichApp enrich = new EnrichApp(EnrichConfig.fromEnv(env).with(bootstrap, "ainews-enrich",
        dir.resolve("live")), Tagger.fromClasspath(), EnrichTopology.Names.live(), meters);
        AggregateApp aggregate = new AggregateApp(AggregateConfig.fromEnv(env).withBootstrap(bootstrap)
            .withStateDir(dir.resolve("live")), meters)) {
      enrich.start();
      aggregate.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Map<String, Long> seen = Map.of();
      while (System.nanoTime() < deadline) {
        seen = itemsPerValue(bootstrap, "ainews.trends.company.1d.v1");
        if (seen.equals(expected)) {
          return;
        }
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      }
      throw new AssertionError("live counts " + seen + " never reached " + expected);
    }
  }

  /** Items per company over all windows of a trend topic, from the latest record of each window. */
  private static Map<String, Long> itemsPerValue(String bootstrap, String topic) {
    Map<String, JsonNode> latest = new HashMap<>();
    try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "test"))) {
      if (!KafkaReads.exists(admin, topic)) {
        return Map.of();
      }
      KafkaReads.readAll(admin, bootstrap, topic, null, r -> {
        try {
          latest.put(KafkaReads.key(r.key()), Json.MAPPER.readTree(r.value()));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      });
    }
    Map<String, Long> sums = new TreeMap<>();
    latest.values().forEach(v -> sums.merge(v.get("value").asText(), v.get("items").asLong(), Long::sum));
    return sums;
  }
}
