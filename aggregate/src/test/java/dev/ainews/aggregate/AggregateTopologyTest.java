package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.Topics;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateTopologyTest {

  static final Instant WALL = Instant.parse("2025-01-28T12:00:00Z");
  private static final JsonSerde<EnrichedItem> ITEM = JsonSerde.of(EnrichedItem.class);

  @TempDir
  Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> enriched;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  /** Burst settings small enough for a test: 3 windows of warm-up. */
  static AggregateSettings testSettings() {
    AggregateSettings d = AggregateSettings.defaults();
    return new AggregateSettings(
        new AggregateSettings.PerWindow(d.hour().grace(), d.hour().retention(),
            new BurstDetector.Settings(0.1, 3, 1.0, 3.0, 5)),
        d.day());
  }

  private void start(AggregateSettings settings) {
    start(settings, 0);
  }

  private void start(AggregateSettings settings, long cacheBytes) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // 0: every update visible at once; the production cache only coalesces them (the driver commits, and so
    // flushes the cache, after each input record).
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
    driver = new TopologyTestDriver(AggregateTopology.build(AggregateNames.live(), settings,
        new AggregateMetrics(registry), 1), p, WALL);
    enriched = driver.createInputTopic(Topics.ENRICHED.name(), new StringSerializer(), new ByteArraySerializer());
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static EnrichedItem item(String id, String story, Instant published, List<String> companies,
      List<String> countries, List<String> themes) {
    return new EnrichedItem(id, "feed", "source", "https://example.com/" + id, "title " + id, null, null, null, "en",
        published, published.plusSeconds(60), companies, countries, themes, List.of(), story, "test");
  }

  static EnrichedItem company(String id, String company, Instant published) {
    return item(id, id, published, List.of(company), List.of(), List.of());
  }

  private void send(EnrichedItem item) {
    enriched.pipeInput(item.id(), ITEM.toBytes(item), item.publishedAt());
  }

  private void sendRaw(String key, byte[] value) {
    enriched.pipeInput(new TestRecord<>(key, value, at("2025-01-27T10:00:00Z")));
  }

  private Map<String, TrendCount> trends(String dimension, String window) {
    TestOutputTopic<String, TrendCount> out = driver.createOutputTopic(TrendTopics.trends(dimension, window).name(),
        new StringDeserializer(), TrendTopics.trends(dimension, window).valueSerde().deserializer());
    return out.readKeyValuesToMap();
  }

  private Map<String, Share> shares(String window) {
    return driver.createOutputTopic(TrendTopics.share(window).name(), new StringDeserializer(),
        TrendTopics.share(window).valueSerde().deserializer()).readKeyValuesToMap();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void shouldCountItemsPerCompanyInHourAndDayWindows() {
    start(testSettings());
    send(company("a", "deepseek", at("2025-01-27T10:05:00Z")));
    send(company("b", "deepseek", at("2025-01-27T10:40:00Z")));
    send(company("c", "openai", at("2025-01-27T10:20:00Z")));
    send(company("d", "deepseek", at("2025-01-27T11:10:00Z")));

    Map<String, TrendCount> hourly = trends("company", "1h");
    assertEquals(new TrendCount("company", "deepseek", "1h", at("2025-01-27T10:00:00Z"), at("2025-01-27T11:00:00Z"),
        2, 2), hourly.get("deepseek@2025-01-27T10:00:00Z"));
    assertEquals(1, hourly.get("deepseek@2025-01-27T11:00:00Z").items());
    assertEquals(1, hourly.get("openai@2025-01-27T10:00:00Z").items());
    assertEquals(3, hourly.size());
    Map<String, TrendCount> daily = trends("company", "1d");
    assertEquals(new TrendCount("company", "deepseek", "1d", at("2025-01-27T00:00:00Z"), at("2025-01-28T00:00:00Z"),
        3, 3), daily.get("deepseek@2025-01-27T00:00:00Z"));
    assertEquals(2, daily.size());
    assertEquals(4.0, counter("ainews.aggregate.items"));
  }

  @Test
  void shouldEmitEachUpdateOfAGrowingWindow() {
    start(testSettings());
    send(company("a", "deepseek", at("2025-01-27T10:05:00Z")));
    send(company("b", "deepseek", at("2025-01-27T10:40:00Z")));
    List<Long> items = driver.createOutputTopic(TrendTopics.trends("company", "1h").name(), new StringDeserializer(),
        TrendTopics.trends("company", "1h").valueSerde().deserializer()).readValuesToList().stream()
        .map(TrendCount::items).toList();
    assertEquals(List.of(1L, 2L), items);
  }

  @Test
  void shouldEmitTheSameUpdatesFromTheRecordCacheAtCommit() {
    List<EnrichedItem> items = List.of(
        item("a", "a", at("2025-01-27T10:05:00Z"), List.of("alibaba", "deepseek"), List.of("CN"),
            List.of("cost", "open_source")),
        item("b", "b", at("2025-01-27T10:15:00Z"), List.of("deepseek", "openai"), List.of("US"), List.of("cost")),
        item("c", "a", at("2025-01-27T11:15:00Z"), List.of("deepseek"), List.of("CN"), List.of("open_source")));
    List<List<TestRecord<String, TrendCount>>> runs = new java.util.ArrayList<>();
    List<List<TestRecord<String, Share>>> shareRuns = new java.util.ArrayList<>();
    // 1 byte: every put evicts at once, so the cache emits from inside process() too.
    for (long cache : new long[] {0, 1, 10 * 1024 * 1024}) {
      start(testSettings(), cache);
      items.forEach(this::send);
      List<TestRecord<String, TrendCount>> out = new java.util.ArrayList<>();
      for (String d : TrendTopics.DIMENSIONS) {
        for (String w : List.of("1h", "1d")) {
          out.addAll(driver.createOutputTopic(TrendTopics.trends(d, w).name(), new StringDeserializer(),
              TrendTopics.trends(d, w).valueSerde().deserializer()).readRecordsToList());
        }
      }
      runs.add(out);
      shareRuns.add(driver.createOutputTopic(TrendTopics.share("1d").name(), new StringDeserializer(),
          TrendTopics.share("1d").valueSerde().deserializer()).readRecordsToList());
      driver.close();
      driver = null;
    }
    // One update per key and window for each input record, cached or not, with the same values and times.
    for (int run = 1; run < runs.size(); run++) {
      assertEquals(runs.get(0).size(), runs.get(run).size());
      assertEquals(new java.util.HashSet<>(runs.get(0)), new java.util.HashSet<>(runs.get(run)));
      assertEquals(new java.util.HashSet<>(shareRuns.get(0)), new java.util.HashSet<>(shareRuns.get(run)));
    }
    assertEquals(9, shareRuns.get(2).size());
    TestRecord<String, TrendCount> last = runs.get(2).stream()
        .filter(r -> r.key().equals("deepseek@2025-01-27T00:00:00Z") && r.value().window().equals("1d"))
        .reduce((x, y) -> y).orElseThrow();
    assertEquals(3, last.value().items());
    assertEquals(2, last.value().stories());
    assertEquals(at("2025-01-27T11:15:00Z"), last.getRecordTime());
  }

  @Test
  void shouldCountTheOneHitRecordsAnEarlierVersionLeftInTheRepartitionTopic() {
    start(testSettings());
    send(company("a", "deepseek", at("2025-01-27T10:05:00Z")));
    // The previous layout: one record per hit, keyed by the hit's key, valued story hash (8 bytes) and part.
    TestInputTopic<String, byte[]> repartition = driver.createInputTopic(
        "aggregate-test-" + AggregateTopology.BY_VALUE + "-repartition", new StringSerializer(),
        new ByteArraySerializer());
    repartition.pipeInput("company|deepseek", java.nio.ByteBuffer.allocate(9).putLong(HitBatch.storyHash("b"))
        .put((byte) 0).array(), at("2025-01-27T10:10:00Z"));
    repartition.pipeInput("share|cn_company_mentions", java.nio.ByteBuffer.allocate(9)
        .putLong(HitBatch.storyHash("b")).put((byte) 1).array(), at("2025-01-27T10:10:00Z"));

    TrendCount deepseek = trends("company", "1h").get("deepseek@2025-01-27T10:00:00Z");
    assertEquals(2, deepseek.items());
    assertEquals(2, deepseek.stories());
    Share cn = shares("1h").get("cn_company_mentions@2025-01-27T10:00:00Z");
    assertEquals(2, cn.whole());
    assertEquals(2, cn.part());
  }

  /** A replay's end marker in a repartition topic: dropped by the story gate, counted nowhere. */
  @Test
  void shouldDropTheEndMarkerOfAReplay() {
    start(testSettings());
    send(company("a", "deepseek", at("2025-01-27T10:05:00Z")));
    TestInputTopic<String, byte[]> repartition = driver.createInputTopic(
        "aggregate-test-" + AggregateTopology.byValue(0) + "-repartition", new StringSerializer(),
        new ByteArraySerializer());
    repartition.pipeInput("ainews-end-of-input", AggregateTopology.endOfInput(), at("2025-01-27T10:06:00Z"));
    send(company("b", "deepseek", at("2025-01-27T10:07:00Z")));
    Map<String, TrendCount> counts = trends("company", "1h");
    assertEquals(Set.of("deepseek@2025-01-27T10:00:00Z"), counts.keySet());
    assertEquals(2, counts.get("deepseek@2025-01-27T10:00:00Z").items());
  }

  @Test
  void shouldCountCountriesThemesAndPairs() {
    start(testSettings());
    send(item("a", "a", at("2025-01-27T10:05:00Z"), List.of("alibaba", "deepseek"), List.of("CN"),
        List.of("cost", "open_source")));
    send(item("b", "b", at("2025-01-27T10:15:00Z"), List.of("deepseek"), List.of("CN", "US"), List.of("cost")));

    assertEquals(2, trends("country", "1h").get("CN@2025-01-27T10:00:00Z").items());
    assertEquals(2, trends("theme", "1d").get("cost@2025-01-27T00:00:00Z").items());
    Map<String, TrendCount> companyTheme = trends("company_theme", "1h");
    assertEquals(2, companyTheme.get("deepseek|cost@2025-01-27T10:00:00Z").items());
    assertEquals(1, companyTheme.get("alibaba|open_source@2025-01-27T10:00:00Z").items());
    assertEquals(4, companyTheme.size());
    Map<String, TrendCount> countryTheme = trends("country_theme", "1h");
    assertEquals(new TrendCount("country_theme", "CN|open_source", "1h", at("2025-01-27T10:00:00Z"),
        at("2025-01-27T11:00:00Z"), 1, 1), countryTheme.get("CN|open_source@2025-01-27T10:00:00Z"));
    assertEquals(Set.of("CN|cost@2025-01-27T10:00:00Z", "CN|open_source@2025-01-27T10:00:00Z",
        "US|cost@2025-01-27T10:00:00Z"), countryTheme.keySet());
  }

  /** A '|' splits a key and a line break the keys of a story-store entry: such a value would corrupt both. */
  @Test
  void shouldSkipTagValuesThatCannotBePartOfAKey() {
    start(testSettings());
    send(item("a", "a", at("2025-01-27T10:05:00Z"), List.of("deepseek"), List.of(),
        List.of("cost", "open\nsource", "a|b", " ")));

    assertEquals(Set.of("cost@2025-01-27T10:00:00Z"), trends("theme", "1h").keySet());
    assertEquals(Set.of("deepseek|cost@2025-01-27T10:00:00Z"), trends("company_theme", "1h").keySet());
  }

  @Test
  void shouldCountSyndicatedCopiesOfAStoryOnce() {
    start(testSettings());
    send(item("copy1", "story1", at("2025-01-27T10:05:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("copy2", "story1", at("2025-01-27T10:15:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("copy3", "story1", at("2025-01-27T11:15:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("other", "story2", at("2025-01-27T10:25:00Z"), List.of("deepseek"), List.of(), List.of()));

    Map<String, TrendCount> hours = trends("company", "1h");
    TrendCount hour = hours.get("deepseek@2025-01-27T10:00:00Z");
    assertEquals(3, hour.items());
    assertEquals(2, hour.stories());
    TrendCount day = trends("company", "1d").get("deepseek@2025-01-27T00:00:00Z");
    assertEquals(4, day.items());
    assertEquals(2, day.stories());
    TrendCount nextHour = hours.get("deepseek@2025-01-27T11:00:00Z");
    assertEquals(1, nextHour.stories(), "a story already counted at 10:00 is new in the 11:00 window");
  }

  /** The 10:00 hour has closed (6 h grace) when copies arrive at 17:00; the day is open and still counts right. */
  @Test
  void shouldCountStoriesOfAClosedHourInItsOpenDayOnce() {
    start(testSettings());
    send(item("a", "story1", at("2025-01-27T10:05:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("clock", "story9", at("2025-01-27T17:00:00Z"), List.of("nvidia"), List.of(), List.of()));
    send(item("copy", "story1", at("2025-01-27T10:10:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("b", "story2", at("2025-01-27T10:20:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("copy2", "story2", at("2025-01-27T10:25:00Z"), List.of("deepseek"), List.of(), List.of()));

    TrendCount day = trends("company", "1d").get("deepseek@2025-01-27T00:00:00Z");
    assertEquals(4, day.items());
    assertEquals(2, day.stories(), "story1 counted before the hour closed, story2 first seen after it");
    assertEquals(1, trends("company", "1h").get("deepseek@2025-01-27T10:00:00Z").items(),
        "the hour took no hit after it closed");
  }

  @Test
  void shouldCountAStoryOnceInEachKeyItTouches() {
    start(testSettings());
    send(item("a", "story1", at("2025-01-27T10:05:00Z"), List.of("deepseek", "nvidia"), List.of(), List.of()));
    send(item("b", "story1", at("2025-01-27T10:06:00Z"), List.of("nvidia"), List.of(), List.of()));
    Map<String, TrendCount> hour = trends("company", "1h");
    assertEquals(1, hour.get("deepseek@2025-01-27T10:00:00Z").stories());
    assertEquals(2, hour.get("nvidia@2025-01-27T10:00:00Z").items());
    assertEquals(1, hour.get("nvidia@2025-01-27T10:00:00Z").stories());
  }

  @Test
  void shouldCountARecordPastTheGraceAsLateAndNotInItsWindow() {
    start(testSettings());
    Instant tenFive = at("2025-01-27T10:05:00Z");
    send(item("a", "a", tenFive, List.of(), List.of(), List.of("safety")));
    // Stream time 18:00: the 10:00 and 11:00 windows (end + 6 h grace <= 18:00) are closed.
    send(item("b", "b", at("2025-01-27T18:00:00Z"), List.of(), List.of(), List.of("safety")));
    // Eight hits (company, country, theme, two pairs, three shares), all late for the hour.
    send(item("late", "late", at("2025-01-27T10:30:00Z"), List.of("deepseek"), List.of("CN"), List.of("safety")));
    send(item("edge", "edge", at("2025-01-27T11:59:59Z"), List.of(), List.of(), List.of("safety")));
    send(item("open", "open", at("2025-01-27T12:00:00Z"), List.of(), List.of(), List.of("safety")));

    Map<String, TrendCount> hourly = trends("theme", "1h");
    assertEquals(1, hourly.get("safety@2025-01-27T10:00:00Z").items());
    assertEquals(null, hourly.get("safety@2025-01-27T11:00:00Z"));
    assertEquals(1, hourly.get("safety@2025-01-27T12:00:00Z").items());
    assertEquals(8.0 + 1.0, counter("ainews.aggregate.late", "window", "1h"));
    assertEquals(null, trends("company", "1h").get("deepseek@2025-01-27T10:00:00Z"));
    assertEquals(1, trends("company", "1d").get("deepseek@2025-01-27T00:00:00Z").items());
    // The day window closes two days after its end: everything is in it.
    assertEquals(5, trends("theme", "1d").get("safety@2025-01-27T00:00:00Z").items());
    assertEquals(0.0, counter("ainews.aggregate.late", "window", "1d"));
  }

  @Test
  void shouldEmitSharesOfVoice() {
    start(testSettings());
    Instant t = at("2025-01-27T10:05:00Z");
    send(item("a", "a", t, List.of("deepseek"), List.of("CN"), List.of()));
    send(item("b", "b", t, List.of("openai"), List.of("US"), List.of("open_source")));
    send(item("c", "c", t, List.of("deepseek", "openai"), List.of("CN", "US"), List.of()));
    send(item("d", "d", t, List.of(), List.of("FR"), List.of("open_source")));

    Map<String, Share> hourly = shares("1h");
    Instant start = at("2025-01-27T10:00:00Z");
    Instant end = at("2025-01-27T11:00:00Z");
    assertEquals(Share.of("cn_company_mentions", start, end, 2, 3), hourly.get("cn_company_mentions@" + start));
    assertEquals(Share.of("us_company_mentions", start, end, 2, 3), hourly.get("us_company_mentions@" + start));
    assertEquals(Share.of("open_source_model_news", start, end, 1, 3),
        hourly.get("open_source_model_news@" + start));
    assertEquals(2.0 / 3, gauge("ainews.share", "name", "cn_company_mentions", "window", "1h"), 1e-12);
    assertEquals(1.0 / 3, shares("1d").get("open_source_model_news@2025-01-27T00:00:00Z").share(), 1e-12);
  }

  @Test
  void shouldWriteOneSignalForASpikeAndUpdateItAsTheWindowGrows() {
    start(testSettings());
    for (int h = 0; h < 6; h++) {
      send(company("base" + h, "deepseek", at("2025-01-27T00:30:00Z").plus(Duration.ofHours(h))));
    }
    for (int i = 0; i < 10; i++) {
      send(company("spike" + i, "deepseek", at("2025-01-27T06:00:00Z").plusSeconds(60L * i)));
    }
    List<TestRecord<String, Signal>> signals = driver.createOutputTopic(TrendTopics.SIGNALS.name(),
        new StringDeserializer(), TrendTopics.SIGNALS.valueSerde().deserializer()).readRecordsToList();

    // Fires at 5 items (score (5 - 1) / floor 1 = 4), then updates the same key up to 10.
    assertEquals(6, signals.size());
    assertEquals(Set.of("company:deepseek@2025-01-27T06:00:00Z"),
        new TreeSet<>(signals.stream().map(TestRecord::key).toList()));
    assertEquals(new Signal("company", "deepseek", "1h", at("2025-01-27T06:00:00Z"), at("2025-01-27T07:00:00Z"), 10,
        1.0, 0.0, 9.0), signals.get(5).value());
    assertEquals(1.0, counter("ainews.signals.fired", "dimension", "company", "window", "1h"));
    assertEquals(9.0, gauge("ainews.signal.score", "dimension", "company", "value", "deepseek", "window", "1h"));
    assertEquals(1.0, gauge("ainews.signal.active", "dimension", "company", "value", "deepseek", "window", "1h"));
  }

  @Test
  void shouldSendPoisonRecordsToTheDlqAndKeepCounting() {
    start(testSettings());
    sendRaw("bad-json", "{not json".getBytes(StandardCharsets.UTF_8));
    sendRaw("no-title", "{\"id\":\"x\",\"publishedAt\":\"2025-01-27T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
    sendRaw("wrong-type", ("{\"id\":\"x\",\"title\":\"t\",\"publishedAt\":\"2025-01-27T10:00:00Z\","
        + "\"companies\":{\"a\":1}}").getBytes(StandardCharsets.UTF_8));
    sendRaw("tombstone", null);
    // Tags no taxonomy produces: a key too long for the repartition record, or thousands of pairs.
    send(company("long-tag", "x".repeat(AggregateTopology.MAX_TAG_CHARS + 1), at("2025-01-27T10:05:00Z")));
    send(item("many-tags", "many-tags", at("2025-01-27T10:05:00Z"),
        java.util.stream.IntStream.range(0, AggregateTopology.MAX_TAGS + 1).mapToObj(i -> "c" + i).toList(),
        List.of(), List.of("cost")));
    send(company("good", "deepseek", at("2025-01-27T10:05:00Z")));

    List<TestRecord<String, byte[]>> dlq = driver.createOutputTopic(Topics.DLQ.name(), new StringDeserializer(),
        new ByteArrayDeserializer()).readRecordsToList();
    assertEquals(List.of("bad-json", "no-title", "wrong-type", "tombstone", "long-tag", "many-tags"),
        dlq.stream().map(TestRecord::key).toList());
    assertEquals("companies holds a value of 257 characters; at most 256 are counted",
        Dlq.header(dlq.get(4).headers(), Dlq.MESSAGE));
    assertEquals("companies holds 101 values; at most 100 are counted", Dlq.header(dlq.get(5).headers(), Dlq.MESSAGE));
    assertEquals("{not json", new String(dlq.get(0).value(), StandardCharsets.UTF_8));
    for (int i = 0; i < dlq.size(); i++) {
      assertEquals("aggregate.read", Dlq.header(dlq.get(i).headers(), Dlq.STAGE));
      assertEquals(Topics.ENRICHED.name(), Dlq.header(dlq.get(i).headers(), Dlq.TOPIC));
      assertEquals(Integer.toString(i), Dlq.header(dlq.get(i).headers(), Dlq.OFFSET));
    }
    assertEquals(6.0, counter("ainews.aggregate.dlq"));
    assertEquals(null, trends("theme", "1h").get("cost@2025-01-27T10:00:00Z"));
    assertEquals(1, trends("company", "1h").get("deepseek@2025-01-27T10:00:00Z").items());
  }

  @Test
  void shouldReportTheCurrentWindowInTheTrendGauges() {
    start(testSettings());
    send(item("a", "s", at("2025-01-27T10:05:00Z"), List.of("openai"), List.of(), List.of()));
    send(item("b", "s", at("2025-01-27T11:05:00Z"), List.of("deepseek"), List.of(), List.of()));
    send(item("c", "s", at("2025-01-27T11:15:00Z"), List.of("deepseek"), List.of(), List.of()));

    assertEquals(2.0, gauge("ainews.trend.items", "dimension", "company", "value", "deepseek", "window", "1h"));
    assertEquals(1.0, gauge("ainews.trend.stories", "dimension", "company", "value", "deepseek", "window", "1h"));
    // openai has nothing in the current (11:00) window.
    assertEquals(0.0, gauge("ainews.trend.items", "dimension", "company", "value", "openai", "window", "1h"));
    assertEquals(1.0, gauge("ainews.trend.items", "dimension", "company", "value", "openai", "window", "1d"));
  }

  @Test
  void shouldTimeFetchToAggregateLatencyOnTheWallClock() {
    start(testSettings());
    EnrichedItem i = company("a", "deepseek", at("2025-01-27T10:05:00Z"));
    EnrichedItem fetched = new EnrichedItem(i.id(), i.feed(), i.source(), i.url(), i.title(), null, null, null, "en",
        i.publishedAt(), WALL.minusSeconds(2), i.companies(), i.countries(), i.themes(), List.of(), i.storyId(), "t");
    send(fetched);
    var timer = registry.get("ainews.pipeline.latency").timer();
    assertEquals(1, timer.count());
    assertEquals(2000.0, timer.totalTime(TimeUnit.MILLISECONDS));
  }

  @Test
  void shouldNameEveryStoreAndInternalTopic() {
    Topology topology = AggregateTopology.build(AggregateNames.live(), AggregateSettings.defaults(),
        AggregateMetrics.none(), 1);
    Set<String> stores = new TreeSet<>();
    Set<String> sources = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
        if (node instanceof TopologyDescription.Source s) {
          sources.addAll(s.topicSet());
        }
      }
    }
    assertEquals(new TreeSet<>(Set.of("aggregate-1h-store", "aggregate-1d-store", "aggregate-burst-1h-store",
        "aggregate-burst-1d-store", "aggregate-signals-store", "aggregate-story-keys-store")), stores);
    assertEquals(new TreeSet<>(Set.of("ainews.enriched.v1", "aggregate-by-value-repartition")), sources);
    assertEquals(2, topology.describe().subtopologies().size());

    start(AggregateSettings.defaults());
    assertEquals(Set.of("aggregate-1h-store", "aggregate-1d-store", "aggregate-burst-1h-store",
        "aggregate-burst-1d-store", "aggregate-signals-store", "aggregate-story-keys-store"),
        driver.getAllStateStores().keySet());
    assertTrue(topology.describe().toString().contains("aggregate-story-gate"));

    // Over three partitions: a repartition topic per enriched partition, all read by the counting tasks, so that
    // Streams hands each task their batches in publish-time order.
    Set<String> counted = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : AggregateTopology.build(AggregateNames.live(),
        AggregateSettings.defaults(), AggregateMetrics.none(), 3).describe().subtopologies()) {
      if (sub.nodes().stream().anyMatch(n -> n.name().equals(AggregateTopology.STORY_GATE))) {
        sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
            .forEach(n -> counted.addAll(((TopologyDescription.Source) n).topicSet()));
      }
    }
    assertEquals(Set.of("aggregate-by-value-repartition", "aggregate-by-value-1-repartition",
        "aggregate-by-value-2-repartition"), counted);
    // A persistent store a task may never write makes exactly-once Streams wipe and restore the whole task at every
    // start (no changelog offset to checkpoint); the rarely written signals store stays in memory.
    assertFalse(driver.getAllStateStores().get(AggregateTopology.SIGNALS_STORE).persistent());
    String described = topology.describe().toString();
    assertTrue(described.contains("aggregate-read"), described);
    assertTrue(described.contains("aggregate-explode"), described);
    assertTrue(described.contains("aggregate-1d-count"), described);
  }
}
