package dev.ainews.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming codec writes databind's bytes and reads to databind's outcome, whatever the input. */
class ItemJsonTest {

  private static final String ID = "0123456789abcdef".repeat(4);
  private static final String AT = "\"publishedAt\":\"2026-11-01T00:00:00Z\"";

  // ---- differential: generated records ----

  @Test
  void shouldWriteTheBytesDatabindWritesForGeneratedRawItems() throws IOException {
    Random random = new Random(20261101);
    for (int i = 0; i < 300; i++) {
      RawItem item = rawItem(random, i);
      byte[] expected = Json.MAPPER.writerFor(RawItem.class).writeValueAsBytes(item);
      byte[] actual = ItemJson.RAW.write(item);
      assertArrayEquals(expected, actual, "item " + i + ": " + utf8(expected));
    }
  }

  @Test
  void shouldWriteTheBytesDatabindWritesForGeneratedEnrichedItems() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      EnrichedItem item = enrichedItem(random, i);
      byte[] expected = Json.MAPPER.writerFor(EnrichedItem.class).writeValueAsBytes(item);
      byte[] actual = ItemJson.ENRICHED.write(item);
      assertArrayEquals(expected, actual, "item " + i + ": " + utf8(expected));
    }
  }

  @Test
  void shouldWriteItemsLongerThanTheGeneratorBufferAsDatabindDoes() throws IOException {
    // The generator flushes every 8000 bytes: 100 KB of content arrives at the codec's output in many writes.
    String content = "人工智能 \"R1\"\n😀 ".repeat(8000);
    RawItem raw = new RawItem(ID, "feed", null, null, "t", null, content, null, "zh",
        Instant.parse("2026-11-01T00:00:00.5Z"), null);
    byte[] expected = Json.MAPPER.writerFor(RawItem.class).writeValueAsBytes(raw);
    assertTrue(expected.length > 100_000, "long enough: " + expected.length);
    assertArrayEquals(expected, ItemJson.RAW.write(raw));
    assertEquals(raw, ItemJson.RAW.read(expected));
  }

  @Test
  void shouldReadGeneratedRawItemsOnTheFastPathToWhatDatabindReads() throws IOException {
    Random random = new Random(11);
    ObjectReader reference = Json.MAPPER.readerFor(RawItem.class);
    for (int i = 0; i < 300; i++) {
      RawItem item = rawItem(random, i);
      byte[] json = Json.MAPPER.writeValueAsBytes(item);
      RawItem fast = ItemJson.RAW.read(json);
      if (inFastYears(item.publishedAt()) && inFastYears(item.fetchedAt())) {
        assertNotNull(fast, () -> "fast path refused " + utf8(json));
      }
      assertEquals(item, reference.readValue(json));
      assertEquals(item, JsonSerde.of(RawItem.class).fromBytes(json));
      if (fast != null) {
        assertEquals(item, fast);
      }
    }
  }

  @Test
  void shouldReadGeneratedEnrichedItemsOnTheFastPathToWhatDatabindReads() throws IOException {
    Random random = new Random(13);
    ObjectReader reference = Json.MAPPER.readerFor(EnrichedItem.class);
    for (int i = 0; i < 300; i++) {
      EnrichedItem item = enrichedItem(random, i);
      byte[] json = Json.MAPPER.writeValueAsBytes(item);
      EnrichedItem fast = ItemJson.ENRICHED.read(json);
      if (inFastYears(item.publishedAt()) && inFastYears(item.fetchedAt())) {
        assertNotNull(fast, () -> "fast path refused " + utf8(json));
      }
      assertEquals(item, reference.readValue(json));
      assertEquals(item, JsonSerde.of(EnrichedItem.class).fromBytes(json));
      if (fast != null) {
        assertEquals(item, fast);
      }
    }
  }

  @Test
  void shouldFormatAndParseInstantsAsIsoInstantDoes() {
    Random random = new Random(3);
    char[] buf = new char[30];
    for (int i = 0; i < 20_000; i++) {
      Instant instant = instant(random);
      String expected = instant.toString();
      int len = ItemJson.formatInstant(instant, buf);
      if (!inFastYears(instant)) {
        assertEquals(-1, len, expected);
        continue;
      }
      assertEquals(expected, new String(buf, 0, len));
      assertEquals(instant, ItemJson.parseInstant(expected.toCharArray(), 0, expected.length()), expected);
    }
  }

  @Test
  void shouldLeaveInstantsOutsideTheStrictFormToDatabind() {
    for (String s : List.of("2026-01-01T00:00:00+02:00", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z",
        "2026-01-01T00:00:00.Z", "2026-01-01t00:00:00z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T00:00Z", "2026-01-01T00:00:00.1234567890Z", " 2026-01-01T00:00:00Z", "1700000000",
        "+10000-01-01T00:00:00Z", "２026-01-01T00:00:00Z")) {
      assertNull(ItemJson.parseInstant(s.toCharArray(), 0, s.length()), s);
    }
    assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), parse("2024-02-29T23:59:59.5Z"));
    assertEquals(Instant.parse("0000-01-01T00:00:00Z"), parse("0000-01-01T00:00:00Z"));
    assertEquals(Instant.parse("0000-02-29T12:00:00Z"), parse("0000-02-29T12:00:00Z"));
    assertEquals(Instant.parse("9999-12-31T23:59:59.999999999Z"), parse("9999-12-31T23:59:59.999999999Z"));
  }

  // ---- hostile and odd inputs: the serde's outcome is databind's ----

  static Stream<Arguments> oddRawItems() {
    return Stream.of(
        Arguments.of("not JSON", "not json"),
        Arguments.of("empty", ""),
        Arguments.of("truncated", "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publ"),
        Arguments.of("truncated after the last field", "{\"id\":\"" + ID + "\",\"title\":\"t\"," + AT),
        Arguments.of("missing id", "{\"title\":\"t\"," + AT + "}"),
        Arguments.of("missing title", "{\"id\":\"" + ID + "\"," + AT + "}"),
        Arguments.of("missing publishedAt", "{\"id\":\"" + ID + "\",\"title\":\"t\"}"),
        Arguments.of("blank title", "{\"id\":\"" + ID + "\",\"title\":\" \"," + AT + "}"),
        Arguments.of("uppercase id", "{\"id\":\"" + ID.toUpperCase() + "\",\"title\":\"t\"," + AT + "}"),
        Arguments.of("number title", "{\"id\":\"" + ID + "\",\"title\":5," + AT + "}"),
        Arguments.of("boolean title", "{\"id\":\"" + ID + "\",\"title\":true," + AT + "}"),
        Arguments.of("object title", "{\"id\":\"" + ID + "\",\"title\":{\"a\":1}," + AT + "}"),
        Arguments.of("array title", "{\"id\":\"" + ID + "\",\"title\":[\"t\"]," + AT + "}"),
        Arguments.of("null title", "{\"id\":\"" + ID + "\",\"title\":null," + AT + "}"),
        Arguments.of("numeric publishedAt", "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":1700000000}"),
        Arguments.of("fractional numeric publishedAt",
            "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":1700000000.5}"),
        Arguments.of("digits string publishedAt",
            "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":\"1700000000\"}"),
        Arguments.of("offset publishedAt",
            "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":\"2026-01-01T00:00:00+02:00\"}"),
        Arguments.of("garbage publishedAt", "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":\"yesterday\"}"),
        Arguments.of("empty publishedAt", "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":\"\"}"),
        Arguments.of("unknown nested fields", "{\"x\":{\"y\":[1,{\"z\":null}],\"w\":\"v\"},\"id\":\"" + ID
            + "\",\"n\":-1.5e3,\"title\":\"t\",\"b\":[[],{}]," + AT + ",\"e\":false}"),
        Arguments.of("duplicate title", "{\"id\":\"" + ID + "\",\"title\":\"t\",\"title\":\"u\"," + AT + "}"),
        Arguments.of("duplicate id", "{\"id\":\"x\",\"id\":\"" + ID + "\",\"title\":\"t\"," + AT + "}"),
        Arguments.of("top-level array", "[{\"id\":\"" + ID + "\",\"title\":\"t\"," + AT + "}]"),
        Arguments.of("top-level null", "null"),
        Arguments.of("top-level string", "\"" + ID + "\""),
        Arguments.of("trailing content", "{\"id\":\"" + ID + "\",\"title\":\"t\"," + AT + "} trailing"),
        Arguments.of("1 MB title", "{\"id\":\"" + ID + "\",\"title\":\"" + "x".repeat(1 << 20) + "\"," + AT + "}"),
        Arguments.of("escaped surrogates", "{\"id\":\"" + ID + "\",\"title\":\"\\ud83d\\ude00 \\ud800\"," + AT + "}"),
        Arguments.of("control char unescaped", "{\"id\":\"" + ID + "\",\"title\":\"a\u0001b\"," + AT + "}"),
        Arguments.of("single quotes", "{'id':'" + ID + "','title':'t'," + AT + "}"),
        Arguments.of("case-different field", "{\"ID\":\"" + ID + "\",\"title\":\"t\"," + AT + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddRawItems")
  void shouldReadOddRawItemsToDatabindsOutcome(String name, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertEquals(reference(RawItem.class, bytes), outcome(JsonSerde.of(RawItem.class), bytes));
  }

  static Stream<Arguments> oddEnrichedItems() {
    String head = "{\"id\":\"" + ID + "\",\"title\":\"t\"," + AT;
    return Stream.of(
        Arguments.of("minimal", head + "}"),
        Arguments.of("null lists", head + ",\"companies\":null,\"evidence\":null}"),
        Arguments.of("null list element", head + ",\"companies\":[\"openai\",null]}"),
        Arguments.of("number list element", head + ",\"companies\":[1]}"),
        Arguments.of("string instead of list", head + ",\"companies\":\"openai\"}"),
        Arguments.of("object instead of list", head + ",\"themes\":{\"a\":1}}"),
        Arguments.of("nested list", head + ",\"themes\":[[\"a\"]]}"),
        Arguments.of("null evidence element", head + ",\"evidence\":[null]}"),
        Arguments.of("string evidence element", head + ",\"evidence\":[\"x\"]}"),
        Arguments.of("empty evidence object", head + ",\"evidence\":[{}]}"),
        Arguments.of("evidence with unknown and null fields",
            head + ",\"evidence\":[{\"dimension\":\"company\",\"x\":[1,2],\"id\":null,\"term\":\"R1\"}]}"),
        Arguments.of("evidence with number field", head + ",\"evidence\":[{\"id\":7}]}"),
        Arguments.of("evidence with duplicate field", head + ",\"evidence\":[{\"id\":\"a\",\"id\":\"b\"}]}"),
        Arguments.of("evidence truncated", head + ",\"evidence\":[{\"id\":\"a\""),
        Arguments.of("duplicate list", head + ",\"themes\":[\"a\"],\"themes\":[\"b\"]}"),
        Arguments.of("explicit null storyId", head + ",\"storyId\":null}"),
        Arguments.of("number taxonomyVersion", head + ",\"taxonomyVersion\":3}"),
        Arguments.of("numeric fetchedAt", head + ",\"fetchedAt\":1700000000123}"),
        Arguments.of("missing title", "{\"id\":\"" + ID + "\"," + AT + "}"),
        Arguments.of("non-hex id, which EnrichedItem does not check",
            "{\"id\":\"not-hex\",\"title\":\"t\"," + AT + "}"),
        Arguments.of("top-level array", "[]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddEnrichedItems")
  void shouldReadOddEnrichedItemsToDatabindsOutcome(String name, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertEquals(reference(EnrichedItem.class, bytes), outcome(JsonSerde.of(EnrichedItem.class), bytes));
  }

  // ---- the aggregate's lean read: the same outcome as the full serde, as tags ----

  @ParameterizedTest(name = "{0}")
  @MethodSource({"oddEnrichedItems", "oddRawItems"})
  void shouldReadOddRecordsAsTagsToTheFullSerdesOutcome(String name, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Outcome full = outcome(JsonSerde.of(EnrichedItem.class), bytes);
    Outcome expected = full.value() == null ? full
        : new Outcome(EnrichedTags.of((EnrichedItem) full.value()), null);
    Outcome lean;
    try {
      lean = new Outcome(EnrichedTags.fromJson(bytes), null);
    } catch (SerializationException e) {
      lean = new Outcome(null, e.getMessage());
    }
    assertEquals(expected, lean);
  }

  @Test
  void shouldReadGeneratedEnrichedItemsAsTagsOnTheLeanPath() throws IOException {
    Random random = new Random(17);
    for (int i = 0; i < 300; i++) {
      EnrichedItem item = enrichedItem(random, i);
      byte[] json = Json.MAPPER.writeValueAsBytes(item);
      EnrichedTags lean = ItemJson.readTags(json);
      if (inFastYears(item.publishedAt()) && inFastYears(item.fetchedAt())) {
        assertNotNull(lean, () -> "lean path refused " + utf8(json));
      }
      assertEquals(EnrichedTags.of(item), EnrichedTags.fromJson(json));
    }
  }

  @Test
  void shouldLeaveATitleOfOnlyUnicodeSpacesOrOneTooLongToTheFullSerde() {
    String at = "," + AT + "}";
    byte[] blank = ("{\"id\":\"" + ID + "\",\"title\":\"\u2003\u3000\"" + at).getBytes(StandardCharsets.UTF_8);
    byte[] longest = ("{\"id\":\"" + ID + "\",\"title\":\"" + "x".repeat(RawItem.MAX_TITLE_CHARS) + "\"" + at)
        .getBytes(StandardCharsets.UTF_8);
    byte[] tooLong = ("{\"id\":\"" + ID + "\",\"title\":\"" + "x".repeat(RawItem.MAX_TITLE_CHARS + 1) + "\"" + at)
        .getBytes(StandardCharsets.UTF_8);
    assertNull(ItemJson.readTags(blank));
    assertEquals(outcome(JsonSerde.of(EnrichedItem.class), blank).error(),
        assertThrows(SerializationException.class, () -> EnrichedTags.fromJson(blank)).getMessage());
    assertEquals(ID, ItemJson.readTags(longest).id());
    assertNull(ItemJson.readTags(tooLong));
    assertThrows(SerializationException.class, () -> EnrichedTags.fromJson(tooLong));
  }

  @Test
  void shouldCoerceANumberTitleAsDatabindDoes() {
    RawItem item = JsonSerde.of(RawItem.class).fromBytes(
        ("{\"id\":\"" + ID + "\",\"title\":5," + AT + "}").getBytes(StandardCharsets.UTF_8));
    assertEquals("5", item.title());
  }

  @Test
  void shouldConvertAnOffsetInstantToUtcAsDatabindDoes() {
    RawItem item = JsonSerde.of(RawItem.class).fromBytes(("{\"id\":\"" + ID
        + "\",\"title\":\"t\",\"publishedAt\":\"2026-01-01T00:00:00+02:00\"}").getBytes(StandardCharsets.UTF_8));
    assertEquals(Instant.parse("2025-12-31T22:00:00Z"), item.publishedAt());
  }

  @Test
  void shouldLetTheLastDuplicateKeyWinAsDatabindDoes() {
    RawItem item = JsonSerde.of(RawItem.class).fromBytes(
        ("{\"id\":\"" + ID + "\",\"title\":\"t\",\"title\":\"u\"," + AT + "}").getBytes(StandardCharsets.UTF_8));
    assertEquals("u", item.title());
  }

  @Test
  void shouldWordAMissingTitleAsDatabindDoes() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> JsonSerde.of(RawItem.class).fromBytes(("{\"id\":\"" + ID + "\"," + AT + "}")
            .getBytes(StandardCharsets.UTF_8)));
    assertEquals("invalid RawItem JSON: Cannot construct instance of `dev.ainews.common.RawItem`, problem: "
        + "title is required", e.getMessage());
  }

  @Test
  void shouldReadTombstonesAsNullOnBothPaths() {
    assertNull(JsonSerde.of(RawItem.class).fromBytes(null));
    assertNull(JsonSerde.of(EnrichedItem.class).fromBytes(null));
    assertNull(JsonSerde.of(EnrichedItem.class).toBytes(null));
  }

  @Test
  void shouldSkipUnknownFieldsOnTheFastPath() {
    byte[] json = ("{\"x\":{\"y\":[1,{\"z\":null}]},\"id\":\"" + ID + "\",\"title\":\"t\"," + AT + ",\"e\":false}")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(new RawItem(ID, null, null, null, "t", null, null, null, null,
        Instant.parse("2026-11-01T00:00:00Z"), null), ItemJson.RAW.read(json));
  }

  // ---- helpers ----

  /** A value or the message of the SerializationException, as JsonSerde words databind's failure. */
  private record Outcome(Object value, String error) {}

  private static <T> Outcome outcome(JsonSerde<T> serde, byte[] bytes) {
    try {
      return new Outcome(serde.fromBytes(bytes), null);
    } catch (SerializationException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  private static Outcome reference(Class<?> type, byte[] bytes) {
    try {
      return new Outcome(Json.MAPPER.readerFor(type).readValue(bytes), null);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return new Outcome(null, "invalid " + type.getSimpleName() + " JSON: " + (nl < 0 ? m : m.substring(0, nl)));
    }
  }

  private static Instant parse(String s) {
    return ItemJson.parseInstant(s.toCharArray(), 0, s.length());
  }

  private static boolean inFastYears(Instant instant) {
    return instant == null || !instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
        && instant.isBefore(Instant.parse("+10000-01-01T00:00:00Z"));
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static final String[] PIECES = {
      "DeepSeek", " releases ", "R1", "开源", "模型", "人工智能", "😀", "🇨🇳", "\uD83D\uDE80", "é", "ß", "Ω",
      "\"", "\\", "/", "\n", "\t", "\r", "\u0000", "\u0001", "\u001f", "\u007f", "\u2028", "\u2029", "\uFEFF",
      "\uD800", "\uDC00", "</script>", "&amp;", " ", "a", "0", "{", "}", "[", "]", ":", ","};

  private static String text(Random random, int maxPieces) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String maybe(Random random, int maxPieces) {
    return random.nextInt(4) == 0 ? null : text(random, maxPieces);
  }

  private static String id(Random random) {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      sb.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return sb.toString();
  }

  private static Instant instant(Random random) {
    long seconds = switch (random.nextInt(6)) {
      case 0 -> 1_700_000_000L + random.nextInt(100_000_000);
      case 1 -> random.nextLong(-62_167_219_200L, 253_402_300_800L); // 0000..9999
      case 2 -> random.nextLong(-100_000_000_000L, 400_000_000_000L); // beyond both ends
      case 3 -> -62_167_219_200L + random.nextInt(100_000_000); // year 0000 and its leap day
      default -> random.nextInt(2) == 0 ? 0 : 1_700_000_000L;
    };
    int nanos = switch (random.nextInt(5)) {
      case 0 -> random.nextInt(1000) * 1_000_000;
      case 1 -> random.nextInt(1_000_000) * 1000;
      case 2 -> random.nextInt(1_000_000_000);
      default -> 0;
    };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static String title(Random random) {
    String t = text(random, 12);
    return t.isBlank() || t.length() > RawItem.MAX_TITLE_CHARS ? "t" + t : t;
  }

  private static RawItem rawItem(Random random, int i) {
    String content = i % 10 == 0 ? text(random, 3000) : maybe(random, 200);
    return new RawItem(id(random), maybe(random, 3), maybe(random, 3), maybe(random, 5), title(random),
        maybe(random, 40), content, maybe(random, 3), maybe(random, 1), instant(random),
        random.nextInt(3) == 0 ? null : instant(random));
  }

  private static List<String> strings(Random random) {
    if (random.nextInt(4) == 0) {
      return random.nextBoolean() ? null : List.of();
    }
    List<String> values = new ArrayList<>();
    for (int n = random.nextInt(6); n > 0; n--) {
      values.add(text(random, 2));
    }
    return values;
  }

  private static EnrichedItem enrichedItem(Random random, int i) {
    RawItem raw = rawItem(random, i);
    List<Evidence> evidence = null;
    if (random.nextInt(4) != 0) {
      evidence = new ArrayList<>();
      for (int n = random.nextInt(20); n > 0; n--) {
        evidence.add(new Evidence(maybe(random, 1), maybe(random, 2), maybe(random, 3), maybe(random, 1)));
      }
    }
    return EnrichedItem.of(raw, strings(random), strings(random), strings(random), evidence,
        random.nextBoolean() ? null : id(random), maybe(random, 2));
  }
}
