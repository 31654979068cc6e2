package dev.ainews.cli;

import static dev.ainews.cli.InProcess.ainews;
import static dev.ainews.cli.InProcess.at;
import static dev.ainews.cli.InProcess.enriched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Json;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ainews topics}, {@code tail} and {@code export} against a real broker, run in this JVM. */
class SubscribeIT {

  private static EmbeddedKafka kafka;
  private static String bootstrap;
  private static final Topic<String, TrendCount> COMPANY_1D = TrendTopics.trends("company", "1d");

  private static final EnrichedItem DEEPSEEK_COST = enriched("DeepSeek cuts prices, again", at("2025-01-27T08:00:00Z"),
      List.of("deepseek"), List.of("cost"));
  private static final EnrichedItem DEEPSEEK_SAFETY = enriched("DeepSeek \"R1\" safety report",
      at("2025-01-27T09:00:00Z"), List.of("deepseek"), List.of("safety"));
  private static final EnrichedItem BOTH_COST = enriched("OpenAI and DeepSeek price war", at("2025-01-28T10:00:00Z"),
      List.of("deepseek", "openai"), List.of("cost", "market"));
  private static final EnrichedItem OPENAI = enriched("OpenAI ships a model", at("2025-01-29T11:00:00Z"),
      List.of("openai"), List.of());

  @TempDir
  Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.startTemporary();
    bootstrap = kafka.bootstrapServers();
    // One partition each: export reads partition by partition, so the expected files have one order.
    try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "test"))) {
      TopicAdmin.createTopics(admin, List.of(Topics.ENRICHED, COMPANY_1D), 1, (short) 1);
    }
    List<Map.Entry<String, EnrichedItem>> items = new ArrayList<>();
    for (EnrichedItem i : List.of(DEEPSEEK_COST, DEEPSEEK_SAFETY, BOTH_COST, OPENAI)) {
      items.add(Map.entry(i.id(), i));
    }
    InProcess.produce(bootstrap, Topics.ENRICHED, items, EnrichedItem::publishedAt);
    TrendCount first = new TrendCount("company", "deepseek", "1d", at("2025-01-27T00:00:00Z"),
        at("2025-01-28T00:00:00Z"), 1, 1);
    TrendCount updated = new TrendCount("company", "deepseek", "1d", at("2025-01-27T00:00:00Z"),
        at("2025-01-28T00:00:00Z"), 2, 2);
    TrendCount openai = new TrendCount("company", "openai", "1d", at("2025-01-28T00:00:00Z"),
        at("2025-01-29T00:00:00Z"), 1, 1);
    InProcess.produce(bootstrap, COMPANY_1D, List.of(Map.entry(first.key(), first), Map.entry(updated.key(), updated),
        Map.entry(openai.key(), openai)), TrendCount::windowStart);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void shouldPrintUsageAndExit2OnArgumentErrors() {
    InProcess.Result noName = ainews("replay", "--from", "2025-01-01");
    assertEquals(2, noName.exit());
    assertTrue(noName.err().contains("Missing required option: '--as=NAME'"), noName.err());
    assertTrue(noName.err().contains("Usage: ainews replay"), noName.err());

    InProcess.Result badDate = ainews("replay", "--from", "last tuesday", "--as", "x");
    assertEquals(2, badDate.exit());
    assertTrue(badDate.err().contains("'last tuesday' is not a date"), badDate.err());

    InProcess.Result badName = ainews("replay", "--from", "2025-01-01", "--as", "exp.1");
    assertEquals(2, badName.exit());
    assertTrue(badName.err().contains("--as 'exp.1' is not a valid replay name"), badName.err());

    InProcess.Result backwards = ainews("replay", "--from", "2025-02-01", "--to", "2025-01-01", "--as", "x");
    assertEquals(2, backwards.exit());
    assertTrue(backwards.err().contains("--to 2025-01-01T00:00:00Z is not after --from 2025-02-01T00:00:00Z"),
        backwards.err());

    InProcess.Result badFormat = ainews("export", "--topic", "ainews.enriched.v1", "--format", "xml");
    assertEquals(2, badFormat.exit());
    assertTrue(badFormat.err().contains("Invalid value for option '--format'"), badFormat.err());

    InProcess.Result badFilter = ainews("tail", "ainews.enriched.v1", "--filter", "deepseek");
    assertEquals(2, badFilter.exit());
    assertTrue(badFilter.err().contains("filter 'deepseek' is not FIELD=VALUE"), badFilter.err());

    InProcess.Result noTopic = ainews("tail");
    assertEquals(2, noTopic.exit());
    assertTrue(noTopic.err().contains("Missing required parameter: 'TOPIC'"), noTopic.err());
  }

  @Test
  void shouldFailWithinSecondsWhenNoBrokerIsThere() throws Exception {
    int port = InProcess.closedPort();
    InProcess.Result r = ainews("tail", "ainews.enriched.v1", "--bootstrap-server", "127.0.0.1:" + port);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ainews: no Kafka broker at 127.0.0.1:" + port + " (connection refused)"), r.err());
    assertTrue(r.took().compareTo(Duration.ofSeconds(15)) < 0, "took " + r.took());
  }

  @Test
  void shouldListTheContractWithoutABroker() throws Exception {
    int port = InProcess.closedPort();
    InProcess.Result r = ainews("topics", "--json", "--bootstrap-server", "127.0.0.1:" + port);
    assertEquals(0, r.exit(), r.err());
    JsonNode enrichedLine = line(r.out(), "ainews.enriched.v1");
    assertEquals("{\"topic\":\"ainews.enriched.v1\",\"key\":\"item id (64 hex, SHA-256)\","
        + "\"schema\":\"EnrichedItem.schema.json\",\"policy\":\"delete, retained forever\",\"exists\":false}",
        enrichedLine.toString());
    assertTrue(r.err().contains("partitions and counts left out"), r.err());
  }

  @Test
  void shouldListTopicsWithPartitionsAndRecordCounts() throws Exception {
    InProcess.Result r = ainews("topics", "--json", "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    assertEquals("{\"topic\":\"ainews.enriched.v1\",\"key\":\"item id (64 hex, SHA-256)\","
        + "\"schema\":\"EnrichedItem.schema.json\",\"policy\":\"delete, retained forever\",\"exists\":true,"
        + "\"partitions\":1,\"records\":4}", line(r.out(), "ainews.enriched.v1").toString());
    assertEquals("{\"topic\":\"ainews.trends.company.1d.v1\",\"key\":\"value@windowStart\","
        + "\"schema\":\"TrendCount.schema.json\",\"policy\":\"compact\",\"exists\":true,"
        + "\"partitions\":1,\"records\":3}", line(r.out(), "ainews.trends.company.1d.v1").toString());
    assertEquals("{\"topic\":\"ainews.signals.v1\",\"key\":\"dimension:value@windowStart\","
        + "\"schema\":\"Signal.schema.json\",\"policy\":\"compact\",\"exists\":false}",
        line(r.out(), "ainews.signals.v1").toString());

    InProcess.Result table = ainews("topics", "--bootstrap-server", bootstrap);
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("ainews.enriched.v1 ") && l.endsWith(" 1         ~4")),
        table.out());
  }

  @Test
  void shouldTailMatchingRecordsFromTheBeginningAndStopAfterMax() throws Exception {
    InProcess.Result r = ainews("tail", "ainews.enriched.v1", "--from-beginning", "--filter", "company=deepseek",
        "--filter", "theme=cost", "--max", "2", "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> lines = jsonLines(r.out());
    assertEquals(2, lines.size(), r.out());
    assertEquals(DEEPSEEK_COST.id(), lines.get(0).get("key").asText());
    assertEquals("2025-01-27T08:00:00Z", lines.get(0).get("timestamp").asText());
    assertEquals("DeepSeek cuts prices, again", lines.get(0).get("value").get("title").asText());
    assertEquals(BOTH_COST.id(), lines.get(1).get("key").asText());
    assertEquals("[\"deepseek\",\"openai\"]", lines.get(1).get("value").get("companies").toString());
  }

  @Test
  void shouldTailTrendRecordsByDimensionAlias() throws Exception {
    InProcess.Result r = ainews("tail", "ainews.trends.company.1d.v1", "--from-beginning", "--filter",
        "company=openai", "--max", "1", "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> lines = jsonLines(r.out());
    assertEquals(1, lines.size(), r.out());
    assertEquals("openai@2025-01-28T00:00:00Z", lines.get(0).get("key").asText());
  }

  @Test
  void shouldRefuseToTailAnUnknownTopic() {
    InProcess.Result r = ainews("tail", "ainews.nope.v1", "--bootstrap-server", bootstrap);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ainews: no topic 'ainews.nope.v1' on the broker at " + bootstrap
        + " (see: ainews topics)"), r.err());
  }

  @Test
  void shouldExportEnrichedItemsAsCsvWithJoinedListsAndQuoting() throws Exception {
    Path out = dir.resolve("items.csv");
    InProcess.Result r = ainews("export", "--topic", "ainews.enriched.v1", "--from", "2025-01-27T09:00:00Z", "--to",
        "2025-01-29", "--format", "csv", "--out", out.toString(), "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    assertEquals("id,publishedAt,feed,source,language,title,url,companies,countries,themes,storyId,taxonomyVersion\r\n"
        + row(DEEPSEEK_SAFETY, "\"DeepSeek \"\"R1\"\" safety report\"", "deepseek", "safety")
        + row(BOTH_COST, "OpenAI and DeepSeek price war", "deepseek|openai", "cost|market"),
        Files.readString(out));
    assertTrue(r.err().contains("exported 2 records of ainews.enriched.v1 to " + out), r.err());
  }

  @Test
  void shouldExportTheLatestCountOfEachWindowAsJsonLines() throws Exception {
    Path out = dir.resolve("company.jsonl");
    InProcess.Result r = ainews("export", "--topic", "ainews.trends.company.1d.v1", "--format", "jsonl", "--out",
        out.toString(), "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    assertEquals("{\"dimension\":\"company\",\"value\":\"deepseek\",\"window\":\"1d\","
        + "\"windowStart\":\"2025-01-27T00:00:00Z\",\"windowEnd\":\"2025-01-28T00:00:00Z\",\"items\":2,\"stories\":2}\n"
        + "{\"dimension\":\"company\",\"value\":\"openai\",\"window\":\"1d\","
        + "\"windowStart\":\"2025-01-28T00:00:00Z\",\"windowEnd\":\"2025-01-29T00:00:00Z\",\"items\":1,\"stories\":1}\n",
        Files.readString(out));
  }

  @Test
  void shouldExportATrendTopicAsFlatCsvToStdout() {
    InProcess.Result r = ainews("export", "--topic", "ainews.trends.company.1d.v1", "--format", "csv",
        "--bootstrap-server", bootstrap);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("dimension,value,window,windowStart,windowEnd,items,stories\r\n"
        + "company,deepseek,1d,2025-01-27T00:00:00Z,2025-01-28T00:00:00Z,2,2\r\n"
        + "company,openai,1d,2025-01-28T00:00:00Z,2025-01-29T00:00:00Z,1,1\r\n"), r.out());
  }

  private static String row(EnrichedItem i, String title, String companies, String themes) {
    return String.join(",", i.id(), i.publishedAt().toString(), "lab", "Lab", "en", title, i.url(), companies, "",
        themes, i.id(), "t1") + "\r\n";
  }

  private static JsonNode line(String out, String topic) throws Exception {
    for (JsonNode n : jsonLines(out)) {
      if (n.get("topic").asText().equals(topic)) {
        return n;
      }
    }
    throw new AssertionError("no line for " + topic + " in " + out);
  }

  /** The JSON lines of stdout (the test log config also writes log lines there). */
  private static List<JsonNode> jsonLines(String out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (l.startsWith("{")) {
        lines.add(Json.MAPPER.readTree(l));
      }
    }
    return lines;
  }
}
