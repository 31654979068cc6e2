package dev.ainews.common.testing;

import dev.ainews.common.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Helpers for integration tests against a real broker: read a topic back, wait on a condition. */
public final class KafkaTestSupport {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final long CONDITION_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private KafkaTestSupport() {}

  /**
   * Reads {@code topic} from the beginning of every partition with read_committed,
   * without a consumer group, until at least {@code expectedCount} records arrived
   * and every partition has been read up to its last stable offset. Returns every
   * record read, so a duplicate shows up as one record too many.
   *
   * @throws AssertionError when fewer than {@code expectedCount} arrived within {@code timeout}
   */
  public static <K, V> List<ConsumerRecord<K, V>> consumeAll(String bootstrap, Topic<K, V> topic, int expectedCount,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-consume-all-" + topic.name());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic.name(), timeout)) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      if (partitions.isEmpty()) {
        throw new AssertionError("topic " + topic.name() + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (System.nanoTime() < deadline) {
        consumer.poll(POLL).forEach(records::add);
        if (records.size() >= expectedCount && caughtUp(consumer, partitions)) {
          return records;
        }
      }
    }
    throw new AssertionError("expected " + expectedCount + " committed records in " + topic.name() + " within "
        + timeout.toMillis() + " ms but read " + records.size() + ": " + records);
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
    // With read_committed, endOffsets is the last stable offset: the end of what may be read.
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Polls {@code condition} until it holds.
   *
   * @param what what is awaited, for the failure message ("the streams app to be RUNNING")
   * @throws AssertionError when it does not hold within {@code timeout}
   */
  public static void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      LockSupport.parkNanos(CONDITION_PAUSE_NANOS);
    }
  }
}
