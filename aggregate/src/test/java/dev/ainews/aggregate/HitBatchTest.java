package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.EnrichedTags;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.internals.DefaultStreamPartitioner;
import org.junit.jupiter.api.Test;

class HitBatchTest {

  private static final Instant AT = Instant.parse("2025-01-27T10:05:00Z");

  private static EnrichedTags tags(List<String> companies, List<String> countries, List<String> themes) {
    return new EnrichedTags("item-1", "story-1", AT, AT.plusSeconds(60), companies, countries, themes);
  }

  private static final EnrichedTags BUSY = tags(List.of("deepseek", "openai", "alibaba"), List.of("CN", "US"),
      List.of("cost", "open_source", "safety"));

  private static Map<String, Boolean> hits(List<HitBatch> batches) {
    Map<String, Boolean> out = new HashMap<>();
    for (HitBatch b : batches) {
      for (int i = 0; i < b.size(); i++) {
        assertTrue(out.put(b.key(i, null), b.has(i, HitBatch.PART)) == null, "a key in two batches");
      }
    }
    return out;
  }

  @Test
  void shouldPutEachHitInTheBatchOfTheTaskStreamsWouldHaveSentItsKeyTo() {
    int partitions = 6;
    List<HitBatch> batches = AggregateTopology.Explode.batches(BUSY, partitions);
    DefaultStreamPartitioner<String, Object> streams = new DefaultStreamPartitioner<>(Serdes.String().serializer());
    Set<Integer> seen = new java.util.HashSet<>();
    for (HitBatch b : batches) {
      assertTrue(seen.add(b.partition), "one batch per partition");
      assertEquals(HitBatch.storyHash("story-1"), b.story);
      for (int i = 0; i < b.size(); i++) {
        // The task Streams' default partitioner gives the key: where the earlier one-record-per-hit layout
        // counted it, and where interactive queries look for it.
        assertEquals(Optional.of(Set.of(b.partition)), streams.partitions("t", b.key(i, null), null, new RecordHeaders(), partitions));
      }
    }
    assertTrue(batches.size() > 1 && batches.size() <= partitions, "batches: " + batches.size());
    Map<String, Boolean> expected = new HashMap<>();
    for (KeyValue<String, Boolean> h : AggregateTopology.explode(BUSY)) {
      expected.put(h.key, h.value);
    }
    assertEquals(3 + 2 + 3 + 9 + 6 + 3, expected.size());
    assertEquals(expected, hits(batches));
  }

  @Test
  void shouldPutEveryHitInOneBatchOnOnePartition() {
    List<HitBatch> batches = AggregateTopology.Explode.batches(BUSY, 1);
    assertEquals(1, batches.size());
    assertEquals(26, batches.get(0).size());
    assertEquals(0, batches.get(0).partition);
  }

  @Test
  void shouldSplitMoreHitsThanABatchHoldsIntoSeveralBatches() {
    List<String> many = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "v" + i).toList();
    EnrichedTags huge = tags(many, List.of(), many);
    List<HitBatch> batches = AggregateTopology.Explode.batches(huge, 1);
    assertEquals(List.of(HitBatch.MAX_HITS, 300 + 300 + 300 * 300 + 3 - HitBatch.MAX_HITS),
        batches.stream().map(HitBatch::size).toList());
    assertEquals(300 + 300 + 300 * 300 + 3, hits(batches).size());
    for (HitBatch b : batches) {
      HitBatch read = HitBatch.SERDE.deserializer().deserialize("t", HitBatch.SERDE.serializer().serialize("t", b));
      assertEquals(b.size(), read.size());
    }
  }

  @Test
  void shouldSendNothingForAnItemWithoutTags() {
    assertEquals(List.of(), AggregateTopology.Explode.batches(tags(List.of(), List.of(), List.of()), 4));
  }

  @Test
  void shouldMarkTheSharesAnItemCountsIn() {
    Map<String, Boolean> hits = hits(AggregateTopology.Explode.batches(
        tags(List.of("deepseek"), List.of(), List.of("open_source")), 3));
    assertEquals(Boolean.TRUE, hits.get("share|cn_company_mentions"));
    assertEquals(Boolean.FALSE, hits.get("share|us_company_mentions"));
    assertEquals(Boolean.TRUE, hits.get("share|open_source_model_news"));
    assertEquals(Boolean.FALSE, hits.get("company|deepseek"));
  }

  @Test
  void shouldReadWhatItWrites() {
    List<HitBatch> batches = AggregateTopology.Explode.batches(BUSY, 4);
    for (HitBatch b : batches) {
      HitBatch read = HitBatch.SERDE.deserializer().deserialize("t", HitBatch.SERDE.serializer().serialize("t", b));
      assertEquals(b.story, read.story);
      assertEquals(b.size(), read.size());
      assertArrayEquals(b.flags(), read.flags());
      for (int i = 0; i < b.size(); i++) {
        assertEquals(b.key(i, null), read.key(i, null));
      }
    }
    HitBatch unicode = HitBatch.of(-7L, new String[] {"company|zhipu-智谱"}, new byte[][] {null},
        new byte[] {HitBatch.PART | HitBatch.NEW_IN_DAY}, 0);
    HitBatch read = HitBatch.SERDE.deserializer().deserialize("t", HitBatch.SERDE.serializer().serialize("t",
        unicode));
    assertEquals("company|zhipu-智谱", read.key(0, "ignored"));
    assertTrue(read.has(0, HitBatch.PART) && read.has(0, HitBatch.NEW_IN_DAY) && !read.has(0, HitBatch.NEW_IN_HOUR));
  }

  @Test
  void shouldReadTheEarlierOneHitRecordsUnderTheRecordKey() {
    // What the previous version wrote: story (8 bytes), part (1 byte), keyed by the hit's key.
    byte[] legacy = ByteBuffer.allocate(9).putLong(42L).put((byte) 1).array();
    HitBatch b = HitBatch.SERDE.deserializer().deserialize("t", legacy);
    assertEquals(1, b.size());
    assertEquals(42L, b.story);
    assertEquals("company|deepseek", b.key(0, "company|deepseek"));
    assertTrue(b.has(0, HitBatch.PART));
    assertArrayEquals(legacy, HitBatch.SERDE.serializer().serialize("t", b));
  }

  @Test
  void shouldRefuseMalformedBatchesWithTheReason() {
    var read = HitBatch.SERDE.deserializer();
    byte[] good = HitBatch.SERDE.serializer().serialize("t", AggregateTopology.Explode.batches(BUSY, 1).get(0));
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[0]);
    bad.add(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0});
    bad.add(java.util.Arrays.copyOf(good, good.length - 1));
    bad.add(java.util.Arrays.copyOf(good, good.length + 1));
    // No hits (the end marker) with bytes after it.
    byte[] none = java.util.Arrays.copyOf(good, 12);
    none[9] = 0;
    none[10] = 0;
    bad.add(none);
    for (byte[] b : bad) {
      SerializationException e = assertThrows(SerializationException.class, () -> read.deserialize("t", b));
      assertFalse(e.getMessage().isBlank());
    }
  }

  /** A replay's end marker: a batch of no hits, which nothing else writes (an item without tags sends none). */
  @Test
  void shouldReadTheEndMarkerAsTheBatchOfNoHits() {
    byte[] marker = AggregateTopology.endOfInput();
    assertEquals(11, marker.length);
    HitBatch read = HitBatch.SERDE.deserializer().deserialize("t", marker);
    assertTrue(read.isEnd());
    assertEquals(0, read.size());
    assertFalse(HitBatch.SERDE.deserializer().deserialize("t", HitBatch.SERDE.serializer().serialize("t",
        AggregateTopology.Explode.batches(BUSY, 1).get(0))).isEnd());
  }

  @Test
  void shouldSendABatchToItsPartitionAndRefuseATopicOfAnotherSize() {
    HitBatch b = AggregateTopology.Explode.batches(BUSY, 4).get(0);
    assertEquals(Optional.of(Set.of(b.partition)), HitBatch.PARTITIONER.partitions("t", "item-1", b, 4));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> HitBatch.PARTITIONER.partitions("t", "item-1", HitBatch.of(1L, new String[] {"k"},
            new byte[][] {"k".getBytes(StandardCharsets.UTF_8)}, new byte[1], 3), 2));
    assertTrue(e.getMessage().contains("partition 3 of t, which has 2"), e.getMessage());
  }
}
