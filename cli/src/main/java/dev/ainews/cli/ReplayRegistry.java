package dev.ainews.cli;

import dev.ainews.common.JsonSerde;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The replays a cluster has seen, in the compacted topic {@code ainews.replays}
 * (key: replay name, value: {@link Entry}, a tombstone when {@code --force} deletes
 * one). A replay is recorded as running when it starts and completed when both
 * apps have caught up, so a second run of the same name knows whether to resume
 * or to refuse, from any machine.
 */
final class ReplayRegistry {

  private static final Map<String, String> COMPACTED = Map.of(
      "cleanup.policy", "compact",
      "min.cleanable.dirty.ratio", "0.1",
      "segment.ms", "3600000");

  private static final JsonSerde<Entry> SERDE = JsonSerde.of(Entry.class);

  static final Topic<String, Entry> TOPIC = new Topic<>("ainews.replays", Topics.KEY, SERDE, COMPACTED);

  static final String RUNNING = "running";
  static final String COMPLETED = "completed";

  /**
   * @param name            the replay name (the topic suffix)
   * @param from            first record time, inclusive; null for the start of the history
   * @param to              last record time, exclusive (fixed when the replay first starts)
   * @param taxonomy        the taxonomy file, or "bundled"
   * @param taxonomyVersion the {@code version} of that taxonomy
   * @param status          running or completed
   * @param startedAt       when the replay first started
   * @param completedAt     when it completed, else null
   * @param items           items written to the enriched topic (when completed)
   * @param dlq             records sent to the replay's DLQ (when completed)
   */
  record Entry(String name, Instant from, Instant to, String taxonomy, String taxonomyVersion, String status,
      Instant startedAt, Instant completedAt, long items, long dlq) {

    Entry completed(Instant at, long items, long dlq) {
      return new Entry(name, from, to, taxonomy, taxonomyVersion, COMPLETED, startedAt, at, items, dlq);
    }
  }

  private final String bootstrap;

  ReplayRegistry(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  void ensureTopic(Admin admin) throws ExecutionException, InterruptedException {
    int brokers = admin.describeCluster().nodes().get().size();
    TopicAdmin.createTopics(admin, List.of(TOPIC), 1, (short) Math.max(1, Math.min(3, brokers)));
  }

  /** The latest entry of every replay (read to the end of the topic). */
  Map<String, Entry> read(Admin admin) {
    Map<String, Entry> out = new HashMap<>();
    KafkaReads.readAll(admin, bootstrap, TOPIC.name(), null, r -> {
      Entry e = SERDE.fromBytes(r.value());
      if (e == null) {
        out.remove(KafkaReads.key(r.key()));
      } else {
        out.put(KafkaReads.key(r.key()), e);
      }
    });
    return out;
  }

  void put(String name, Entry entry) {
    Map<String, Object> c = KafkaClients.producerConfig(bootstrap, "ainews-replays-writer");
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
      byte[] value = entry == null ? null : SERDE.toBytes(entry);
      p.send(new ProducerRecord<>(TOPIC.name(), name, value)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot record replay " + name + " in " + TOPIC.name() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out recording replay " + name + " in " + TOPIC.name(), e);
    }
  }
}
