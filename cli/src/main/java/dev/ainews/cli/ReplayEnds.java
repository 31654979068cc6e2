package dev.ainews.cli;

import dev.ainews.aggregate.AggregateTopology;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.enrich.EnrichTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How far a replay's two apps have got, and the end markers that let them finish without waiting.
 *
 * <p>The story task of enrich and the counting tasks of aggregate read one topic per upstream partition and take the
 * earliest record among them, waiting (up to {@link ReplaySettings#TASK_IDLE}) for a partition with nothing
 * buffered: that keeps publish-time order however unevenly the upstream tasks run. A partition whose items are all
 * in would then cost that wait each time it ran dry. So once an app has committed the last record of an input
 * partition, this writes a marker timestamped at the end of the replayed range into the topic that partition feeds,
 * after all its items: the task holds a record from it that sorts after every item, and goes on without waiting. A
 * task takes the markers last, one at a time, so an app counts as done once its topics are consumed up to the
 * markers rather than through them.
 *
 * <p>{@link #look} is one check: the caller calls it until {@link #finished}. Not thread-safe.
 */
public final class ReplayEnds implements AutoCloseable {

  private static final byte[] KEY = "ainews-end-of-input".getBytes(StandardCharsets.UTF_8);

  private final Admin admin;
  private final String bootstrap;
  private final KafkaConsumer<byte[], byte[]> probe;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<TopicPartition, Long> rawEnd;
  private final String enriched;
  private final String enrichId;
  private final String aggregateId;
  private final long time;
  private final Set<Integer> stories = new HashSet<>();
  private final Set<Integer> batches = new HashSet<>();
  private final Map<TopicPartition, Long> markers = new HashMap<>();
  private Map<TopicPartition, Long> enrichedEnd;
  private Map<TopicPartition, Long> enrichCommitted = Map.of();
  private boolean finished;

  /**
   * @param rawEnd   the end offsets of the raw partitions the replay covers: enrich is done with a partition once it
   *                 has committed its offset
   * @param enriched the replay's enriched topic, which the aggregate reads
   * @param to       the end of the replayed range: the markers' timestamp, after every item's
   */
  public ReplayEnds(Admin admin, String bootstrap, Map<TopicPartition, Long> rawEnd, String enriched, String enrichId,
      String aggregateId, Instant to) {
    this.admin = admin;
    this.bootstrap = bootstrap;
    this.probe = KafkaReads.consumer(bootstrap, aggregateId + "-probe");
    this.producer = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap, aggregateId + "-ends"),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.rawEnd = Map.copyOf(rawEnd);
    this.enriched = enriched;
    this.enrichId = enrichId;
    this.aggregateId = aggregateId;
    this.time = to.toEpochMilli();
  }

  /** One look at both apps' committed offsets; writes the markers that became due. */
  public void look() throws ExecutionException, InterruptedException {
    if (finished) {
      return;
    }
    enrichCommitted = committed(admin, enrichId);
    for (Map.Entry<TopicPartition, Long> e : rawEnd.entrySet()) {
      int p = e.getKey().partition();
      if (!stories.contains(p) && caughtUp(enrichCommitted, Map.of(e.getKey(), e.getValue()))) {
        String topic = enrichId + "-" + EnrichTopology.storyRepartition(p) + "-repartition";
        if (exists(topic)) {
          send(topic, 0, EnrichTopology.endOfInput());
          stories.add(p);
        }
      }
    }
    if (enrichedEnd == null && stories.size() == rawEnd.size() && caughtUp(enrichCommitted, rawEnd)
        && internalCaughtUp(enrichId)) {
      enrichedEnd = KafkaReads.endOffsets(admin, KafkaReads.partitions(admin, enriched, bootstrap));
    }
    if (enrichedEnd == null) {
      return;
    }
    Map<TopicPartition, Long> a = committed(admin, aggregateId);
    for (Map.Entry<TopicPartition, Long> e : enrichedEnd.entrySet()) {
      int p = e.getKey().partition();
      if (!batches.contains(p) && caughtUp(a, Map.of(e.getKey(), e.getValue()))) {
        String topic = aggregateId + "-" + AggregateTopology.byValue(p) + "-repartition";
        if (exists(topic)) {
          for (int q = 0; q < enrichedEnd.size(); q++) {
            send(topic, q, AggregateTopology.endOfInput());
          }
          batches.add(p);
        }
      }
    }
    finished = batches.size() == enrichedEnd.size() && caughtUp(a, enrichedEnd) && internalCaughtUp(aggregateId);
  }

  /** The enrich app's committed offsets as of the last {@link #look}. */
  public Map<TopicPartition, Long> enrichCommitted() {
    return enrichCommitted;
  }

  /** Whether enrich has written everything: every raw partition read, every item through the story stage. */
  public boolean enriched() {
    return enrichedEnd != null;
  }

  /** Whether the aggregate has counted everything enrich wrote. */
  public boolean finished() {
    return finished;
  }

  /**
   * Only into a topic Streams has made: a send to a missing one could create it with the broker's defaults, and
   * Streams would then refuse its partition count.
   */
  private boolean exists(String topic) {
    return KafkaReads.exists(admin, topic);
  }

  private void send(String topic, int partition, byte[] value) throws ExecutionException, InterruptedException {
    long at = producer.send(new ProducerRecord<>(topic, partition, time, KEY, value)).get().offset();
    markers.merge(new TopicPartition(topic, partition), at, Math::min);
  }

  /** Whether the app's repartition topics are consumed to their current end, or up to the marker where there is one. */
  private boolean internalCaughtUp(String appId) throws ExecutionException, InterruptedException {
    List<String> repartition = admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).toList();
    if (repartition.isEmpty()) {
      return true;
    }
    List<TopicPartition> tps = new ArrayList<>();
    admin.describeTopics(repartition).allTopicNames().get().forEach((t, d) ->
        d.partitions().forEach(p -> tps.add(new TopicPartition(t, p.partition()))));
    Map<TopicPartition, Long> end = new HashMap<>(KafkaReads.endOffsets(admin, tps));
    markers.forEach((tp, at) -> end.computeIfPresent(tp, (t, e) -> Math.min(e, at)));
    return caughtUp(committed(admin, appId), end);
  }

  static Map<TopicPartition, Long> committed(Admin admin, String group)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
      if (o != null) {
        out.put(tp, o.offset());
      }
    });
    return out;
  }

  /**
   * Whether a group has consumed every partition up to {@code end}. A committed offset just short of the end may
   * only face transaction markers, which hold no record: a read_committed probe tells.
   */
  private boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> start = null;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      TopicPartition tp = e.getKey();
      Long at = committed.get(tp);
      if (at == null) {
        if (start == null) {
          start = KafkaReads.startOffsets(admin, new ArrayList<>(end.keySet()));
        }
        at = start.get(tp);
      }
      if (at < e.getValue() && !(e.getValue() - at <= 10 && onlyTransactionMarkers(probe, tp, at, e.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether offsets [from, end) of {@code tp} hold no record a read_committed {@code probe} can read: only
   * transaction markers (or aborted records), so a group committed at {@code from} has consumed it all.
   */
  public static boolean onlyTransactionMarkers(KafkaConsumer<byte[], byte[]> probe, TopicPartition tp, long from,
      long end) {
    probe.assign(List.of(tp));
    probe.seek(tp, from);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (probe.position(tp) < end && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(100))) {
        if (r.offset() < end) {
          return false;
        }
      }
    }
    return probe.position(tp) >= end;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    probe.close(Duration.ofSeconds(5));
  }
}
