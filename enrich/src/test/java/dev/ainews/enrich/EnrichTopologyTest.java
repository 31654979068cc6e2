package dev.ainews.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.enrich.story.SimHash;
import dev.ainews.enrich.tag.Tagger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

  private static final Tagger TAGGER = Tagger.fromClasspath();
  private static final JsonSerde<RawItem> RAW = JsonSerde.of(RawItem.class);

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, EnrichedItem> enriched;
  private TestOutputTopic<String, byte[]> dlq;

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static String id(String seed) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static RawItem item(String seed, String title, String summary, Instant published) {
    return new RawItem(id(seed), "feed-" + seed.charAt(0), "Source", "https://example.com/" + seed, title, summary,
        null, null, "en", published, published.plusSeconds(60));
  }

  @BeforeEach
  void setUp() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(EnrichTopology.build(TAGGER, EnrichTopology.Names.live(), EnrichMetrics.none(), 3),
        p);
    raw = driver.createInputTopic(Topics.RAW.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    enriched = driver.createOutputTopic(Topics.ENRICHED.name(), Serdes.String().deserializer(),
        Topics.ENRICHED.valueSerde().deserializer());
    dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void send(RawItem item) {
    raw.pipeInput(item.id(), RAW.toBytes(item), item.publishedAt());
  }

  @Test
  void shouldTagCompanyCountryAndThemesAndStampTheTaxonomyVersion() {
    RawItem in = item("a1", "DeepSeek releases open-weight R1 model, claims training cost under $6 million",
        "The Chinese AI lab published the weights under an MIT license.", at("2025-01-20T10:00:00Z"));
    send(in);
    TestRecord<String, EnrichedItem> out = enriched.readRecord();
    EnrichedItem e = out.value();
    assertEquals(in.id(), out.key());
    assertEquals(in.publishedAt(), out.getRecordTime(), "event time is kept");
    assertEquals(List.of("deepseek"), e.companies());
    assertTrue(e.countries().contains("CN"), e.countries().toString());
    assertTrue(e.themes().containsAll(List.of("cost", "open_source")), e.themes().toString());
    assertEquals(TAGGER.taxonomyVersion(), e.taxonomyVersion());
    assertEquals(in.id(), e.storyId());
    assertTrue(e.evidence().stream().anyMatch(ev -> ev.id().equals("deepseek") && ev.field().equals("title")));
    assertEquals(in.title(), e.title());
    assertEquals(in.fetchedAt(), e.fetchedAt());
  }

  @Test
  void shouldEmitAnItemIdOnlyOnceWithinTheDedupeRetention() {
    RawItem in = item("a1", "Mistral AI raises new funding round", null, at("2025-01-20T10:00:00Z"));
    send(in);
    send(in);
    raw.pipeInput(in.id(), RAW.toBytes(in), at("2025-02-10T10:00:00Z"));
    assertEquals(1, enriched.readRecordsToList().size());
  }

  @Test
  void shouldGiveSyndicatedCopiesTheStoryIdOfTheFirstCopy() {
    RawItem first = item("a1", "Nvidia shares tumble as DeepSeek model rattles investors",
        "Chipmaker loses record market value after Chinese startup's cheap AI model.", at("2025-01-27T14:00:00Z"));
    RawItem copy = item("b2", "Nvidia shares tumble as DeepSeek model rattles investors - TechWire",
        "Chipmaker loses record market value after Chinese startup's cheap AI model.", at("2025-01-27T15:30:00Z"));
    RawItem other = item("c3", "OpenAI launches agent that browses the web for users",
        "Operator can fill forms and book tickets.", at("2025-01-27T16:00:00Z"));
    RawItem later = item("d4", "Nvidia shares tumble as DeepSeek model rattles investors",
        "Chipmaker loses record market value after Chinese startup's cheap AI model.", at("2025-02-05T14:00:00Z"));
    send(first);
    send(copy);
    send(other);
    send(later);
    List<EnrichedItem> out = enriched.readValuesToList();
    assertEquals(4, out.size());
    assertEquals(first.id(), out.get(0).storyId());
    assertEquals(first.id(), out.get(1).storyId(), "a copy joins the first item's story");
    assertEquals(other.id(), out.get(2).storyId());
    assertEquals(later.id(), out.get(3).storyId(), "the same headline 9 days later is a new story");
  }

  @Test
  void shouldSendUnreadableRecordsToTheDlqWithHeadersAndKeepGoing() {
    byte[] poison = "{\"id\": 42, \"title\":".getBytes(StandardCharsets.UTF_8);
    raw.pipeInput("bad-key", poison, at("2025-01-20T10:00:00Z"));
    byte[] noTitle = ("{\"id\":\"" + id("x") + "\",\"publishedAt\":\"2025-01-20T10:00:00Z\"}")
        .getBytes(StandardCharsets.UTF_8);
    raw.pipeInput(id("x"), noTitle, at("2025-01-20T10:00:00Z"));
    send(item("a1", "Anthropic publishes new safety policy for Claude models", null, at("2025-01-20T11:00:00Z")));

    List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
    assertEquals(2, dead.size());
    TestRecord<String, byte[]> d = dead.get(0);
    assertEquals("bad-key", d.key());
    assertArrayEquals(poison, d.value(), "the original bytes are kept");
    assertEquals("enrich.read", Dlq.header(d.headers(), Dlq.STAGE));
    assertEquals(Topics.RAW.name(), Dlq.header(d.headers(), Dlq.TOPIC));
    assertEquals("0", Dlq.header(d.headers(), Dlq.PARTITION));
    assertEquals("0", Dlq.header(d.headers(), Dlq.OFFSET));
    assertEquals("org.apache.kafka.common.errors.SerializationException", Dlq.header(d.headers(), Dlq.EXCEPTION));
    assertEquals("1", Dlq.header(dead.get(1).headers(), Dlq.OFFSET));
    assertTrue(Dlq.header(dead.get(1).headers(), Dlq.MESSAGE).contains("title"),
        Dlq.header(dead.get(1).headers(), Dlq.MESSAGE));

    List<EnrichedItem> ok = enriched.readValuesToList();
    assertEquals(1, ok.size());
    assertEquals(List.of("anthropic"), ok.get(0).companies());
  }

  @Test
  void shouldRejectARecordWhoseKeyIsNotItsId() {
    RawItem in = item("a1", "Qwen 3 released", null, at("2025-04-29T10:00:00Z"));
    raw.pipeInput("other-key", RAW.toBytes(in), in.publishedAt());
    assertEquals("enrich.read", Dlq.header(dlq.readRecord().headers(), Dlq.STAGE));
    assertTrue(enriched.isEmpty());
  }

  @Test
  void shouldNameEveryStoreAndRepartitionTopic() {
    Topology t = EnrichTopology.build(TAGGER, EnrichTopology.Names.live(), EnrichMetrics.none(), 3);
    String d = t.describe().toString();
    for (String name : List.of("enrich-raw-source", "enrich-read-tag", "enrich-dedupe-store",
        "enrich-story-repartition", "enrich-story-2-repartition", "enrich-story-cluster", "enrich-story-store",
        "enrich-dlq-sink", "enrich-enriched-sink")) {
      assertTrue(d.contains(name), name + " missing from\n" + d);
    }
    assertTrue(!d.contains("KSTREAM-"), "an unnamed operator would get a generated name:\n" + d);
    assertNotEquals(0, d.length());
  }

  /**
   * The story stage is one task reading one topic per raw partition, which is what lets Streams hand it their items
   * in publish-time order; one shared topic (or a sub-topology per topic) would take them in whatever order the raw
   * tasks ran.
   */
  @Test
  void shouldReadEveryRawPartitionsStoryTopicInTheOneStoryTask() {
    org.apache.kafka.streams.TopologyDescription d = EnrichTopology.build(TAGGER, EnrichTopology.Names.live(),
        EnrichMetrics.none(), 3).describe();
    java.util.Set<String> sources = new java.util.TreeSet<>();
    for (org.apache.kafka.streams.TopologyDescription.Subtopology sub : d.subtopologies()) {
      if (sub.nodes().stream().anyMatch(n -> n.name().equals(EnrichTopology.STORY_CLUSTER))) {
        sub.nodes().stream().filter(n -> n instanceof org.apache.kafka.streams.TopologyDescription.Source)
            .forEach(n -> sources.addAll(((org.apache.kafka.streams.TopologyDescription.Source) n).topicSet()));
      }
    }
    assertEquals(java.util.Set.of("enrich-story-repartition", "enrich-story-1-repartition",
        "enrich-story-2-repartition"), sources);
  }

  /** A replay's end marker in a story topic: dropped, no record out, and the items around it go through. */
  @Test
  void shouldDropTheEndMarkerOfAReplay() {
    send(item("a1", "OpenAI ships a coding agent", null, at("2025-01-20T10:00:00Z")));
    org.apache.kafka.streams.TestInputTopic<String, byte[]> story = driver.createInputTopic(
        "enrich-test-" + EnrichTopology.storyRepartition(1) + "-repartition", Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    story.pipeInput("ainews-end-of-input", EnrichTopology.endOfInput(), at("2025-01-20T10:30:00Z"));
    send(item("b2", "Anthropic opens an office in Tokyo", null, at("2025-01-20T11:00:00Z")));
    assertEquals(List.of(id("a1"), id("b2")), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList());
    assertTrue(dlq.isEmpty());
  }

  @Test
  void shouldRunIntoSuffixedTopicsForAReplay() {
    EnrichTopology.Names replay = new EnrichTopology.Names("ainews.raw.v1", "ainews.enriched.v1.exp1",
        "ainews.dlq.v1.exp1");
    String d = EnrichTopology.build(TAGGER, replay, EnrichMetrics.none(), 3).describe().toString();
    assertTrue(d.contains("topic: ainews.enriched.v1.exp1"), d);
    assertTrue(d.contains("topic: ainews.dlq.v1.exp1"), d);
  }

  @Test
  void shouldRememberStoriesAcrossARestartOfTheStoryTask() {
    MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(EnrichTopology.STORY_STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    RawItem first = item("a1", "Nvidia shares tumble as DeepSeek model rattles investors", null,
        at("2025-01-27T14:00:00Z"));
    RawItem copy = item("b2", "Nvidia shares tumble as DeepSeek model rattles investors - TechWire", null,
        at("2025-01-27T15:30:00Z"));

    EnrichTopology.StoryCluster before = new EnrichTopology.StoryCluster(EnrichMetrics.none());
    before.init(context);
    before.process(candidate(first));
    // A new processor on the same store: what a restarted or revived task does.
    EnrichTopology.StoryCluster after = new EnrichTopology.StoryCluster(EnrichMetrics.none());
    after.init(context);
    after.process(candidate(copy));

    List<EnrichedItem> out = context.forwarded().stream()
        .map(f -> JsonSerde.of(EnrichedItem.class).fromBytes(f.record().value())).toList();
    assertEquals(List.of(first.id(), first.id()), out.stream().map(EnrichedItem::storyId).toList());
    assertEquals(copy.id(), out.get(1).id());
  }

  @Test
  void shouldDropAnIdSeenBeforeARestartOfTheReadTask() {
    MockProcessorContext<String, EnrichTopology.Step> context = new MockProcessorContext<>();
    WindowStore<String, Long> store = Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(EnrichTopology.DEDUPE_STORE, EnrichTopology.DEDUPE_RETENTION, Duration.ofMillis(1),
            false), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    RawItem in = item("a1", "Mistral AI raises new funding round", null, at("2025-01-20T10:00:00Z"));
    RawItem other = item("b2", "Anthropic opens an office in Tokyo", null, at("2025-01-20T11:00:00Z"));

    EnrichTopology.ReadTag before = new EnrichTopology.ReadTag(TAGGER, EnrichMetrics.none());
    before.init(context);
    before.process(new Record<>(in.id(), RAW.toBytes(in), in.publishedAt().toEpochMilli()));
    // A new processor on the same store: what a restarted, restored or revived task does.
    EnrichTopology.ReadTag after = new EnrichTopology.ReadTag(TAGGER, EnrichMetrics.none());
    after.init(context);
    after.process(new Record<>(in.id(), RAW.toBytes(in), at("2025-02-01T10:00:00Z").toEpochMilli()));
    after.process(new Record<>(other.id(), RAW.toBytes(other), other.publishedAt().toEpochMilli()));

    assertEquals(List.of(in.id(), other.id()), context.forwarded().stream().map(f -> f.record().key()).toList());
  }

  private static Record<String, StoryCandidate> candidate(RawItem raw) {
    EnrichedItem e = EnrichedItem.of(raw, List.of(), List.of(), List.of(), List.of(), raw.id(), "v");
    return new Record<>(raw.id(), new StoryCandidate(SimHash.of(raw.title(), raw.summary()),
        JsonSerde.of(EnrichedItem.class).toBytes(e)), raw.publishedAt().toEpochMilli());
  }
}
