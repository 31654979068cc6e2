package dev.ainews.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class IngestSinkTest {

  private static final Instant PUBLISHED = Instant.parse("2025-01-20T08:00:00Z");
  private static final FeedSubscription FEED = FeedSubscription.of("lab", "https://lab.example.com/feed", "Lab", "en");
  private static final Map<TopicPartition, OffsetAndMetadata> POSITIONS =
      Map.of(new TopicPartition(Topics.FEEDS.name(), 2), new OffsetAndMetadata(7));
  private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("ainews-ingest");

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());

  private static RawItem item(String hexChar, String title) {
    return new RawItem(hexChar.repeat(64), "lab", "Lab", null, title, null, null, null, "en", PUBLISHED, PUBLISHED);
  }

  private static PollResult result(RawItem... items) {
    FeedState state = new FeedState("lab", FEED.url(), "\"e\"", null, PUBLISHED.plusSeconds(900), 0, "ok", null,
        PUBLISHED, List.of());
    return new PollResult(FEED, state, List.of(items), "ok", Duration.ofMillis(10));
  }

  @Test
  void shouldWriteItemsStateAndPositionInOneCommittedTransaction() {
    producer.initTransactions();
    producer.completeNext();
    IngestSink sink = new IngestSink(producer);
    sink.publish(List.of(new IngestSink.Entry(result(item("a", "One"), item("b", "Two")), 2)), POSITIONS, GROUP);

    assertTrue(producer.transactionCommitted());
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertEquals(3, sent.size());
    assertEquals(Topics.RAW.name(), sent.get(0).topic());
    assertEquals("a".repeat(64), sent.get(0).key());
    assertEquals(PUBLISHED.toEpochMilli(), sent.get(0).timestamp(), "record timestamp is the publish time");
    assertEquals("One", Topics.RAW.valueSerde().deserializer().deserialize("t", sent.get(0).value()).title());
    assertEquals(Topics.FEED_STATE.name(), sent.get(2).topic());
    assertEquals(2, sent.get(2).partition(), "state lives on the partition number of its subscription");
    assertEquals(List.of(POSITIONS), producer.consumerGroupOffsetsHistory().stream()
        .map(m -> m.get("ainews-ingest")).toList());
  }

  @Test
  void shouldAbortAndRethrowWhenTheCommitFails() {
    producer.initTransactions();
    producer.commitTransactionException = new KafkaException("broker went away");
    IngestSink sink = new IngestSink(producer);
    KafkaException e = assertThrows(KafkaException.class,
        () -> sink.publish(List.of(new IngestSink.Entry(result(item("a", "One")), 0)), POSITIONS, GROUP));
    assertEquals("broker went away", e.getMessage());
    assertTrue(producer.transactionAborted());
    assertEquals(List.of(), producer.history(), "nothing of an aborted transaction is visible");
  }
}
