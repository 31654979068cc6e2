package dev.ainews.ingest;

import dev.ainews.common.FeedState;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes the results of a batch of polls in one Kafka transaction: the new
 * items to {@code ainews.raw.v1} and each feed's new state to
 * {@code ainews.feeds.state}, together with the feed-list consumer's position.
 *
 * <p>Committing the consumer position in the same transaction (KIP-447) ties the
 * transaction to this instance's consumer-group generation: an instance that lost
 * its feeds in a rebalance but does not know it yet is fenced by the broker
 * instead of emitting items the new owner will emit too. Either everything of a
 * batch lands or nothing does, in which case the caller keeps the old states and
 * the feeds are polled again.
 */
public final class IngestSink implements AutoCloseable {

  private final Producer<String, byte[]> producer;

  /** @param producer a transactional producer on which {@code initTransactions()} was called */
  public IngestSink(Producer<String, byte[]> producer) {
    this.producer = Objects.requireNonNull(producer);
  }

  /** A poll result and the partition of {@code ainews.feeds} its feed lives on. */
  public record Entry(PollResult result, int feedPartition) {}

  /**
   * Writes all entries atomically. Throws the producer's exception after aborting
   * when the transaction could not be committed.
   */
  public void publish(List<Entry> entries, Map<TopicPartition, OffsetAndMetadata> positions,
      ConsumerGroupMetadata group) {
    producer.beginTransaction();
    try {
      for (Entry e : entries) {
        for (RawItem item : e.result().newItems()) {
          producer.send(new ProducerRecord<>(Topics.RAW.name(), null, item.publishedAt().toEpochMilli(), item.id(),
              Topics.RAW.valueSerde().serializer().serialize(Topics.RAW.name(), item)));
        }
        FeedState state = e.result().state();
        // The state of a feed lives on the partition number of its subscription,
        // so an instance restores exactly the states of the feeds it was assigned.
        producer.send(new ProducerRecord<>(Topics.FEED_STATE.name(), e.feedPartition(), state.feedId(),
            Topics.FEED_STATE.valueSerde().serializer().serialize(Topics.FEED_STATE.name(), state)));
      }
      if (!positions.isEmpty()) {
        producer.sendOffsetsToTransaction(positions, group);
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }

  /** Removes a deleted feed's state. */
  public void forget(String feedId, int feedPartition, Map<TopicPartition, OffsetAndMetadata> positions,
      ConsumerGroupMetadata group) {
    producer.beginTransaction();
    try {
      producer.send(new ProducerRecord<>(Topics.FEED_STATE.name(), feedPartition, feedId, null));
      if (!positions.isEmpty()) {
        producer.sendOffsetsToTransaction(positions, group);
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      producer.abortTransaction();
      throw e;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
