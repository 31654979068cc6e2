package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ainews.common.Json;
import dev.ainews.common.kafka.KafkaClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Offsets and records as the read-only commands (tail, export, topics, replay) need them. */
final class KafkaReads {

  private KafkaReads() {}

  static Admin admin(String bootstrap) {
    return Admin.create(KafkaClients.adminConfig(bootstrap, "ainews-cli-admin"));
  }

  /**
   * A consumer without a group: it assigns partitions itself and commits nothing, so
   * reading a topic leaves no trace on the cluster. read_committed: aborted
   * transactions of the exactly-once apps stay invisible.
   */
  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String clientId) {
    Map<String, Object> c = KafkaClients.adminConfig(bootstrap, clientId);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The partitions of a topic, in order; a clear one-line failure when it does not exist. */
  static List<TopicPartition> partitions(Admin admin, String topic, String bootstrap) {
    try {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      List<TopicPartition> out = new ArrayList<>();
      d.partitions().forEach(p -> out.add(new TopicPartition(topic, p.partition())));
      out.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new Main.UserException("no topic '" + topic + "' on the broker at " + bootstrap
            + " (see: ainews topics)");
      }
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static boolean exists(Admin admin, String topic) {
    try {
      return admin.listTopics().names().get().contains(topic);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The last stable offsets: what a read_committed consumer can reach now. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> tps) {
    return offsets(admin, tps, OffsetSpec.latest());
  }

  static Map<TopicPartition, Long> startOffsets(Admin admin, List<TopicPartition> tps) {
    return offsets(admin, tps, OffsetSpec.earliest());
  }

  /**
   * Per partition, the first offset whose record timestamp is at or after {@code time}
   * (Kafka's time index); the end offset where no record is that late. Null time: the start.
   */
  static Map<TopicPartition, Long> offsetsAt(Admin admin, List<TopicPartition> tps, Instant time) {
    if (time == null) {
      return startOffsets(admin, tps);
    }
    Map<TopicPartition, Long> at = offsets(admin, tps, OffsetSpec.forTimestamp(time.toEpochMilli()));
    Map<TopicPartition, Long> end = endOffsets(admin, tps);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : tps) {
      Long o = at.get(tp);
      out.put(tp, o == null || o < 0 ? end.get(tp) : Math.min(o, end.get(tp)));
    }
    return out;
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> tps, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    tps.forEach(tp -> request.put(tp, spec));
    try {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(request,
          new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      Map<TopicPartition, Long> out = new HashMap<>();
      r.forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list offsets of " + tps + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static long sum(Map<TopicPartition, Long> to, Map<TopicPartition, Long> from) {
    long n = 0;
    for (Map.Entry<TopicPartition, Long> e : to.entrySet()) {
      n += Math.max(0, e.getValue() - from.getOrDefault(e.getKey(), 0L));
    }
    return n;
  }

  /** A value as JSON: parsed when it is JSON (every contract value is), else the text; null for a tombstone. */
  static JsonNode value(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  static String key(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** One record as the tail and export commands print it. */
  static ObjectNode envelope(ConsumerRecord<byte[], byte[]> r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("key", key(r.key()));
    o.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    o.put("partition", r.partition());
    o.put("offset", r.offset());
    if (r.headers().toArray().length > 0) {
      ObjectNode h = o.putObject("headers");
      for (Header header : r.headers()) {
        h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    o.set("value", value(r.value()));
    return o;
  }

  /**
   * Reads every partition of a topic from its start (or {@code start}) to the end offsets of
   * this moment, in partition then offset order, handing each record to {@code sink}.
   *
   * @return the number of records read
   */
  static long readAll(Admin admin, String bootstrap, String topic, Map<TopicPartition, Long> start,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    List<TopicPartition> tps = partitions(admin, topic, bootstrap);
    Map<TopicPartition, Long> end = endOffsets(admin, tps);
    Map<TopicPartition, Long> from = start != null ? start : startOffsets(admin, tps);
    long n = 0;
    try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, "ainews-reader")) {
      for (TopicPartition tp : tps) {
        c.assign(List.of(tp));
        c.seek(tp, from.get(tp));
        while (c.position(tp) < end.get(tp)) {
          for (ConsumerRecord<byte[], byte[]> r : c.poll(java.time.Duration.ofMillis(200))) {
            if (r.offset() >= end.get(tp)) {
              break;
            }
            sink.accept(r);
            n++;
          }
        }
      }
    }
    return n;
  }
}
