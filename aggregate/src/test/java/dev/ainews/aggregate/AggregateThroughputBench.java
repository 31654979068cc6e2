package dev.ainews.aggregate;

import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Env;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Aggregate throughput (items/s) beside a pass-through Streams app (source -> sink, same
 * input, same settings: exactly-once v2, same commit interval and cache) on the embedded
 * broker, in one run. Each app's time runs from start() until its group has committed the
 * whole input, so both include their start-up.
 *
 * <p>Run: {@code java -cp <aggregate test classpath> dev.ainews.aggregate.AggregateThroughputBench [items]}.
 */
public final class AggregateThroughputBench {

  private static final String[] COMPANIES = {"deepseek", "alibaba", "baidu", "moonshot", "openai", "anthropic",
      "google", "meta", "mistral", "nvidia"};
  private static final String[] COUNTRIES = {"CN", "US", "FR", "EU", "GB"};
  private static final String[] THEMES = {"safety", "cost", "regulation", "open_source", "geopolitics", "chips",
      "market"};

  private AggregateThroughputBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int partitions = 3;
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "bench-admin"))) {
        TopicAdmin.createTopics(admin, List.of(Topics.ENRICHED, Topics.DLQ,
            new Topic<>("bench.passthrough", Serdes.String(), Serdes.ByteArray(), Map.of())), partitions, (short) 1);
      }
      produce(bootstrap, n);
      Path state = Files.createTempDirectory("aggregate-bench");
      AggregateConfig config = AggregateConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
          "AINEWS_STATE_DIR", state.toString(), "AINEWS_PARTITIONS", Integer.toString(partitions))));

      double passItemsPerSecond = n / passThrough(bootstrap, config, state.resolve("pass"));
      System.out.printf(Locale.ROOT, "pass-through: %,d items, %,.0f items/s%n", n, passItemsPerSecond);

      AggregateConfig agg = config.withStateDir(state.resolve("agg")).withApplicationId("bench-aggregate");
      long t0 = System.nanoTime();
      try (AggregateApp app = new AggregateApp(agg, new SimpleMeterRegistry())) {
        app.start();
        awaitCommitted(bootstrap, "bench-aggregate");
      }
      double aggSeconds = (System.nanoTime() - t0) / 1e9;
      double aggItemsPerSecond = n / aggSeconds;
      System.out.printf(Locale.ROOT, "aggregate:    %,d items, %,.0f items/s%n", n, aggItemsPerSecond);
      System.out.printf(Locale.ROOT, "aggregate / pass-through: %.2f%n", aggItemsPerSecond / passItemsPerSecond);
    }
  }

  private static double passThrough(String bootstrap, AggregateConfig config, Path state) {
    StreamsBuilder b = new StreamsBuilder();
    b.stream(Topics.ENRICHED.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to("bench.passthrough", Produced.with(Serdes.String(), Serdes.ByteArray()));
    AggregateApp shape = new AggregateApp(config.withStateDir(state).withApplicationId("bench-pass"),
        new SimpleMeterRegistry());
    Properties p = shape.streamsProperties();
    long t0 = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
      streams.start();
      awaitCommitted(bootstrap, "bench-pass");
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void produce(String bootstrap, int n) {
    Random r = new Random(42);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    long spanMs = Duration.ofDays(30).toMillis();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(KafkaClients.producerConfig(bootstrap, "bench"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        // Roughly time-ordered with some jitter, as feeds deliver.
        Instant t = start.plusMillis((long) i * spanMs / n + r.nextInt(600_000));
        List<String> companies = pick(r, COMPANIES, 2);
        List<String> countries = pick(r, COUNTRIES, 1);
        List<String> themes = pick(r, THEMES, 2);
        String id = "item-" + i;
        String story = r.nextInt(4) == 0 ? "item-" + Math.max(0, i - r.nextInt(50)) : id;
        EnrichedItem item = new EnrichedItem(id, "feed", "source", "https://example.com/" + i, "title " + i, null,
            null, null, "en", t, t, companies, countries, themes, List.of(), story, "bench");
        p.send(new ProducerRecord<>(Topics.ENRICHED.name(), null, t.toEpochMilli(), id,
            Topics.ENRICHED.valueSerde().serializer().serialize(Topics.ENRICHED.name(), item)));
      }
    }
  }

  private static List<String> pick(Random r, String[] from, int max) {
    List<String> out = new ArrayList<>();
    int k = r.nextInt(max + 1);
    for (int i = 0; i < k; i++) {
      String v = from[r.nextInt(from.length)];
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    out.sort(null);
    return out;
  }

  /** Waits until the group has committed every input record (end offsets include transaction markers). */
  private static void awaitCommitted(String bootstrap, String group) {
    try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "bench-watch"))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        latest.put(new TopicPartition(Topics.ENRICHED.name(), i), OffsetSpec.latest());
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        boolean done = true;
        for (var e : ends.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          if (c == null || c.offset() < e.getValue().offset()) {
            done = false;
          }
        }
        if (done) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch group " + group, e);
    }
  }
}
