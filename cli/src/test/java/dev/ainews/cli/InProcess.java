package dev.ainews.cli;

import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Evidence;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topic;
import dev.ainews.common.kafka.KafkaClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs {@code ainews} commands in this JVM through {@link Main#execute}, with stdout and stderr captured. */
final class InProcess {

  private InProcess() {}

  record Result(int exit, String out, String err, Duration took) {}

  static synchronized Result ainews(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      exit = Main.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Result r = new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
    err.println("ainews " + String.join(" ", args) + " -> " + exit + "\n--- stdout\n" + r.out() + "--- stderr\n"
        + r.err());
    return r;
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static String id(String seed) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static RawItem raw(String title, Instant published) {
    return new RawItem(id(title), "lab", "Lab", "https://lab.example.com/" + id(title).substring(0, 8), title, null,
        null, null, "en", published, published);
  }

  static EnrichedItem enriched(String title, Instant published, List<String> companies, List<String> themes) {
    return EnrichedItem.of(raw(title, published), companies, List.of(), themes, List.<Evidence>of(), null, "t1");
  }

  /**
   * Writes values with their record timestamps, keyed as the contract says, and fails
   * unless the broker acknowledged every one. Waits for the partition leaders first: a
   * produce racing the election of a just-created topic's leader can be refused.
   */
  static <V> void produce(String bootstrap, Topic<String, V> topic, List<Map.Entry<String, V>> records,
      java.util.function.Function<V, Instant> time) {
    produce(bootstrap, topic, records, time, v -> null);
  }

  /** As above, each record to the partition {@code partition} gives (null: the key's). */
  static <V> void produce(String bootstrap, Topic<String, V> topic, List<Map.Entry<String, V>> records,
      java.util.function.Function<V, Instant> time, java.util.function.Function<V, Integer> partition) {
    awaitLeaders(bootstrap, topic.name());
    Map<String, Object> config = KafkaClients.producerConfig(bootstrap, "test");
    // Plain retries: duplicates are harmless here (enrich drops repeated ids), sequence bookkeeping is not needed.
    config.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      for (Map.Entry<String, V> r : records) {
        long ts = time.apply(r.getValue()).toEpochMilli();
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), r.getValue());
        acks.add(p.send(new ProducerRecord<>(topic.name(), partition.apply(r.getValue()), ts, r.getKey(), bytes)));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError("cannot write the test records to " + topic.name() + ": " + e, e);
    }
  }

  private static void awaitLeaders(String bootstrap, String topic) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        KafkaClients.adminConfig(bootstrap, "test-leaders"))) {
      while (System.nanoTime() < deadline) {
        var d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
    } catch (Exception e) {
      throw new AssertionError("cannot describe " + topic + ": " + e, e);
    }
    throw new AssertionError("topic " + topic + " has partitions without a leader after 30 s");
  }
}
