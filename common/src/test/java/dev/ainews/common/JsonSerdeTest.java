package dev.ainews.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  private static final String ID = "a".repeat(64);
  private final JsonSerde<RawItem> serde = JsonSerde.of(RawItem.class);

  @Test
  void shouldRoundTripARawItemWithIsoInstants() {
    RawItem item = new RawItem(ID, "feed", "Source", "https://x.example.com/a", "DeepSeek releases R1", "summary",
        null, null, "en", Instant.parse("2025-01-20T10:00:00Z"), Instant.parse("2025-01-20T10:05:00Z"));
    byte[] bytes = serde.toBytes(item);
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"publishedAt\":\"2025-01-20T10:00:00Z\""), json);
    assertTrue(!json.contains("\"content\""), "null fields are omitted: " + json);
    assertEquals(item, serde.fromBytes(bytes));
  }

  @Test
  void shouldIgnoreUnknownFieldsSoNewerProducersStayReadable() {
    String json = "{\"id\":\"" + ID + "\",\"title\":\"t\",\"publishedAt\":\"2025-01-01T00:00:00Z\",\"extra\":1}";
    assertEquals("t", serde.fromBytes(json.getBytes(StandardCharsets.UTF_8)).title());
  }

  @Test
  void shouldRejectInvalidRecordsWithTheTypeAndReason() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> serde.fromBytes(("{\"id\":\"nothex\",\"title\":\"t\",\"publishedAt\":\"2025-01-01T00:00:00Z\"}")
            .getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("invalid RawItem JSON: "), e.getMessage());
    assertTrue(e.getMessage().contains("64 lowercase hex"), e.getMessage());
    assertThrows(SerializationException.class, () -> serde.fromBytes("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(SerializationException.class, () -> serde.fromBytes(("{\"id\":\"" + ID + "\"}")
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadTombstonesAsNull() {
    assertNull(serde.fromBytes(null));
    assertNull(serde.toBytes(null));
  }
}
