package dev.ainews.ingest;

import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * The subscription list in {@code ainews.feeds}: what {@code ainews feeds
 * add|list|remove|import} reads and writes. Ingest instances pick changes up
 * without a restart.
 */
public final class FeedList {

  private final String bootstrap;

  public FeedList(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Adds or replaces subscriptions; returns how many were written. */
  public int put(Collection<FeedSubscription> feeds) {
    try (KafkaProducer<String, FeedSubscription> p = new KafkaProducer<>(
        KafkaClients.producerConfig(bootstrap, "ainews-feeds-cli"), Topics.FEEDS.keySerde().serializer(),
        Topics.FEEDS.valueSerde().serializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      for (FeedSubscription f : feeds) {
        sent.add(p.send(new ProducerRecord<>(Topics.FEEDS.name(), f.id(), f)));
      }
      for (var f : sent) {
        f.get();
      }
      return sent.size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing feeds", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("writing to " + Topics.FEEDS.name() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Removes a subscription (a tombstone); false if there was none. */
  public boolean remove(String id) {
    if (!list().containsKey(id)) {
      return false;
    }
    try (KafkaProducer<String, FeedSubscription> p = new KafkaProducer<>(
        KafkaClients.producerConfig(bootstrap, "ainews-feeds-cli"), Topics.FEEDS.keySerde().serializer(),
        Topics.FEEDS.valueSerde().serializer())) {
      p.send(new ProducerRecord<>(Topics.FEEDS.name(), id, null)).get();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while removing feed " + id, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("removing feed " + id + " failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The current subscriptions by id, read to the end of the topic. */
  public Map<String, FeedSubscription> list() {
    Map<String, Object> cc = new HashMap<>(KafkaClients.consumerConfig(bootstrap, null, "ainews-feeds-cli"));
    cc.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, FeedSubscription> out = new TreeMap<>();
    try (KafkaConsumer<String, FeedSubscription> c = new KafkaConsumer<>(cc, Topics.FEEDS.keySerde().deserializer(),
        Topics.FEEDS.valueSerde().deserializer())) {
      List<TopicPartition> tps = c.partitionsFor(Topics.FEEDS.name(), Duration.ofSeconds(10)).stream()
          .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(10));
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        try {
          for (ConsumerRecord<String, FeedSubscription> r : c.poll(Duration.ofMillis(200))) {
            if (r.value() == null) {
              out.remove(r.key());
            } else {
              out.put(r.key(), r.value());
            }
          }
        } catch (RecordDeserializationException e) {
          c.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }
    return out;
  }
}
