package dev.ainews.cli.bench;

import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.cli.ReplayEnds;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.enrich.EnrichConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The Kafka plumbing of the benchmarks: topics, loading, pass-through apps, and "has this group caught up". */
final class BenchKafka {

  static final int PARTITIONS = 3;
  static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);

  private BenchKafka() {}

  static void createTopics(Admin admin, String... names) {
    List<Topic<?, ?>> topics = new ArrayList<>();
    for (String n : names) {
      // The configs of the raw topic (kept forever, producer's compression) suit every bench topic.
      topics.add(new Topic<>(n, Serdes.String(), Serdes.ByteArray(), Topics.RAW.configs()));
    }
    TopicAdmin.createTopics(admin, topics, PARTITIONS, (short) 1);
  }

  /**
   * Writes items 0..n-1 to the topic with the producer settings of ingest (lz4,
   * 128 KiB batches, idempotent), record timestamp = publish time.
   */
  static void load(String bootstrap, String topic, int n, IntFunction<RawItem> items, Progress progress) {
    var serializer = Topics.RAW.valueSerde().serializer();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap, "bench-load"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        RawItem item = items.apply(i);
        p.send(new ProducerRecord<>(topic, null, item.publishedAt().toEpochMilli(), item.id(),
            serializer.serialize(topic, item)));
        if (i % 10_000 == 0) {
          progress.note("loading " + topic + ": " + i + " / " + n);
        }
      }
      p.flush();
    }
  }

  /** The Streams settings EnrichApp runs with, for a pass-through of the same shape. */
  static Properties enrichShape(EnrichConfig c) {
    return dev.ainews.enrich.EnrichApp.properties(c);
  }

  /** The Streams settings AggregateApp runs with, for a pass-through of the same shape. */
  static Properties aggregateShape(AggregateConfig c) {
    return new dev.ainews.aggregate.AggregateApp(c, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
        .streamsProperties();
  }

  /** A Streams app that copies {@code from} to {@code to} as bytes, with the given settings. */
  static KafkaStreams passThrough(String from, String to, Properties settings) {
    StreamsBuilder b = new StreamsBuilder();
    b.stream(from, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-pass-source"))
        .to(to, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-pass-sink"));
    return new KafkaStreams(b.build(), settings);
  }

  /** Waits until the app is RUNNING (all threads assigned and restored); returns System.nanoTime() then. */
  static long awaitRunning(Supplier<KafkaStreams.State> state, String what) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      KafkaStreams.State s = state.get();
      if (s == KafkaStreams.State.RUNNING) {
        return System.nanoTime();
      }
      if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
          || s == KafkaStreams.State.PENDING_ERROR) {
        throw new IllegalStateException(what + " stopped (" + s + ") before running");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    throw new IllegalStateException(what + " did not reach RUNNING within 2 minutes");
  }

  /** Where a group must get to: end offsets of input topics, and whether a transaction marker may end them. */
  record Input(String topic, boolean transactional) {}

  /**
   * Watches consumer groups, for "has this app processed everything". An app has caught up
   * when its group has committed every record of its inputs and of its own repartition
   * topics. Streams commits (last processed offset + 1); a transactionally written
   * partition ends with a commit marker, which holds no record, so a committed offset one
   * short of such an end is checked with a read_committed probe.
   */
  static final class Watch implements AutoCloseable {
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    Watch(String bootstrap) {
      admin = Admin.create(KafkaClients.adminConfig(bootstrap, "bench-watch"));
      Map<String, Object> c = new HashMap<>(KafkaClients.consumerConfig(bootstrap, null, "bench-probe"));
      c.remove(ConsumerConfig.GROUP_ID_CONFIG);
      probe = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Admin admin() {
      return admin;
    }

    /** Blocks until the group (= application id) has caught up with the inputs; returns System.nanoTime(). */
    long awaitCaughtUp(String group, List<Input> inputs, Supplier<String> failure) {
      long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          String f = failure.get();
          if (f != null) {
            throw new IllegalStateException(group + " failed: " + f);
          }
          if (caughtUp(group, inputs)) {
            return System.nanoTime();
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot watch group " + group + ": " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while watching group " + group, e);
      }
      throw new IllegalStateException(group + " did not catch up within " + CATCH_UP_TIMEOUT.toMinutes() + " min");
    }

    /** One look: whether the group has committed every record of its inputs and of its repartition topics. */
    boolean caughtUp(String group, List<Input> inputs) throws ExecutionException, InterruptedException {
      Map<TopicPartition, Long> committed = committed(group);
      for (Input in : inputs) {
        if (!caughtUp(committed, ends(List.of(in.topic())), in.transactional())) {
          return false;
        }
      }
      List<String> repartition = repartitionTopics(group);
      return repartition.isEmpty() || caughtUp(committed(group), ends(repartition), true);
    }

    /**
     * Offsets the group has still to commit: end offset minus committed offset, summed over
     * the inputs and the group's repartition topics. Cheap (admin calls only), so commit
     * markers count: an idle transactional partition shows one offset or so; use
     * {@link #caughtUp} to tell "done" from "one marker short".
     */
    long offsetLag(String group, List<String> inputs) throws ExecutionException, InterruptedException {
      Map<TopicPartition, Long> committed = committed(group);
      List<String> topics = new ArrayList<>(inputs);
      topics.addAll(repartitionTopics(group));
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> e : ends(topics).entrySet()) {
        lag += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
      }
      return lag;
    }

    private List<String> repartitionTopics(String group) throws ExecutionException, InterruptedException {
      return admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).toList();
    }

    Map<TopicPartition, Long> ends(List<String> topics) throws ExecutionException, InterruptedException {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((t, d) ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> out = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    }

    private Map<TopicPartition, Long> committed(String group) throws ExecutionException, InterruptedException {
      Map<TopicPartition, Long> out = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get();
      m.forEach((tp, o) -> {
        if (o != null) {
          out.put(tp, o.offset());
        }
      });
      return out;
    }

    private boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
        boolean transactional) {
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        long end = e.getValue();
        long at = committed.getOrDefault(e.getKey(), 0L);
        if (at >= end) {
          continue;
        }
        if (!transactional || end - at > 1 || !ReplayEnds.onlyTransactionMarkers(probe, e.getKey(), at, end)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() {
      probe.close(Duration.ofSeconds(2));
      admin.close(Duration.ofSeconds(2));
    }
  }
}
