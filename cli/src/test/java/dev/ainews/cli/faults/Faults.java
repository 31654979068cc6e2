package dev.ainews.cli.faults;

import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import dev.ainews.enrich.tag.Tagger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fixture news and the independent arithmetic the fault tests check the pipeline
 * against: items whose titles name companies from a small list, the count of each
 * company per UTC day computed by tagging the titles here, and readers for what
 * the pipeline wrote.
 */
final class Faults {

  /** The first UTC day of the fixtures. */
  static final Instant DAY0 = Instant.parse("2025-03-10T00:00:00Z");
  /**
   * Fixtures span three days: the aggregate's 1d grace is two days, so no fixture
   * falls behind a closed window however the items are ordered on the topic, and
   * every item counts. (A wider span would make lateness part of the expected value.)
   */
  static final Duration SPAN = Duration.ofDays(3);

  private static final String[] COMPANIES = {"OpenAI", "DeepSeek", "Anthropic", "Mistral AI", "Nvidia",
      "Alibaba's Qwen", "Baidu", "Google DeepMind", "Meta", "Moonshot AI"};
  private static final String[] VERBS = {"releases", "unveils", "cuts prices of", "open-sources", "delays",
      "benchmarks", "ships", "previews"};
  private static final String[] OBJECTS = {"a new reasoning model", "its coding assistant", "a 70B model",
      "an agent platform", "inference chips", "a safety report", "its API", "a multimodal model"};
  private static final String[] NEUTRAL = {"Startups race to hire researchers", "Weekly roundup of model releases",
      "Investors weigh the cost of training runs"};

  private static final Tagger TAGGER = Tagger.fromClasspath();

  private Faults() {}

  static String id(String seed) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * {@code n} items numbered from {@code from}: mostly one company per title, some
   * two, some none; publish times spread uniformly over {@link #SPAN} from {@link #DAY0}.
   */
  static List<RawItem> items(String prefix, int from, int n, Random random) {
    List<RawItem> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      String title;
      int shape = random.nextInt(10);
      String verb = VERBS[random.nextInt(VERBS.length)];
      String object = OBJECTS[random.nextInt(OBJECTS.length)];
      if (shape == 0) {
        title = NEUTRAL[random.nextInt(NEUTRAL.length)] + " #" + i;
      } else if (shape == 1) {
        title = COMPANIES[random.nextInt(COMPANIES.length)] + " and " + COMPANIES[random.nextInt(COMPANIES.length)]
            + " " + verb + " " + object + " #" + i;
      } else {
        title = COMPANIES[random.nextInt(COMPANIES.length)] + " " + verb + " " + object + " #" + i;
      }
      Instant published = DAY0.plusMillis((long) (random.nextDouble() * SPAN.toMillis()));
      String id = id(prefix + "-" + i);
      out.add(new RawItem(id, "fixture", "Fixture News", "https://news.example.com/" + prefix + "/" + i, title, null,
          null, null, "en", published, published.plusSeconds(60)));
    }
    return out;
  }

  /** Key {@code company@dayStart} -> items naming it that day: tagged here, by the taxonomy the app uses. */
  static Map<String, Long> expectedCompanyDays(List<RawItem> items) {
    Map<String, Long> out = new TreeMap<>();
    for (RawItem item : items) {
      Instant day = item.publishedAt().truncatedTo(ChronoUnit.DAYS);
      for (String company : TAGGER.tag(item.title(), item.summary(), item.content(), item.language()).companies()) {
        out.merge(TrendCount.key(company, day), 1L, Long::sum);
      }
    }
    return out;
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(KafkaClients.producerConfig(bootstrap, "faults-fixtures"), new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Writes the items to the raw topic with their publish time as record time, as ingest does. */
  static void produce(KafkaProducer<String, byte[]> producer, List<RawItem> items) {
    for (RawItem item : items) {
      producer.send(new ProducerRecord<>(Topics.RAW.name(), null, item.publishedAt().toEpochMilli(), item.id(),
          Topics.RAW.valueSerde().serializer().serialize(Topics.RAW.name(), item)));
    }
    producer.flush();
  }

  /** The latest {@code items} per key of the company 1d trend topic (what compaction keeps), read_committed. */
  static Map<String, Long> latestCompanyDays(String bootstrap) {
    return latestCompanyDays(bootstrap, TrendCount::items);
  }

  /** Key {@code company@dayStart} -> distinct stories of the latest committed 1d company trend record. */
  static Map<String, Long> latestCompanyDayStories(String bootstrap) {
    return latestCompanyDays(bootstrap, TrendCount::stories);
  }

  /** Distinct stories per theme and day, as the latest record of each key in the theme 1d trend topic says. */
  static Map<String, Long> latestThemeDayStories(String bootstrap) {
    return latestDays(bootstrap, "theme", TrendCount::stories);
  }

  private static Map<String, Long> latestCompanyDays(String bootstrap,
      java.util.function.ToLongFunction<TrendCount> figure) {
    return latestDays(bootstrap, "company", figure);
  }

  private static Map<String, Long> latestDays(String bootstrap, String dimension,
      java.util.function.ToLongFunction<TrendCount> figure) {
    Map<String, Long> out = new TreeMap<>();
    for (ConsumerRecord<String, TrendCount> r : readAll(bootstrap, TrendTopics.trends(dimension, "1d").name(),
        TrendTopics.trends(dimension, "1d").valueSerde().deserializer())) {
      if (r.value() == null) {
        out.remove(r.key());
      } else {
        out.put(r.key(), figure.applyAsLong(r.value()));
      }
    }
    return out;
  }

  /** Every committed record of a topic, from the beginning up to its last stable offset; empty if it is absent. */
  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, String topic,
      org.apache.kafka.common.serialization.Deserializer<V> values) {
    return readAll(bootstrap, topic, new org.apache.kafka.common.serialization.StringDeserializer(), values);
  }

  /** {@link #readAll} with binary keys, e.g. of a window store's changelog. */
  static List<ConsumerRecord<byte[], byte[]>> readAllBytes(String bootstrap, String topic) {
    return readAll(bootstrap, topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  private static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, String topic,
      org.apache.kafka.common.serialization.Deserializer<K> keys,
      org.apache.kafka.common.serialization.Deserializer<V> values) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "faults-read-" + topic);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      if (partitions.isEmpty()) {
        return out;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + ends + " within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException absent) {
      return out;
    }
    return out;
  }

  /** Offsets a Streams app (consumer group = application id) committed on {@code topic}, summed over partitions. */
  static long committed(Admin admin, String group, String topic) {
    try {
      long sum = 0;
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet()) {
        if (e.getKey().topic().equals(topic) && e.getValue() != null) {
          sum += e.getValue().offset();
        }
      }
      return sum;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // The coordinator moves while the broker restarts: no answer is no progress.
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The committed records a Streams app has not yet processed: on its source topics and on its own repartition
   * topics ({@code <appId>-...-repartition}), the records after the offsets its group committed, read_committed.
   * 0 means every committed input record is processed and its output committed (offsets and output go in one
   * transaction); -1 when the group's offsets cannot be read now (a transaction of offsets in flight, the
   * coordinator moving). The offsets are read before the ends, so output of a commit between the two reads is
   * counted, never missed.
   */
  static long pending(String bootstrap, Admin admin, String appId, String... sources) {
    Map<TopicPartition, OffsetAndMetadata> committed;
    List<String> topics = new ArrayList<>(List.of(sources));
    try {
      committed = admin.listConsumerGroupOffsets(appId,
              new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions().requireStable(true))
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      for (String t : admin.listTopics().names().get(10, TimeUnit.SECONDS)) {
        if (t.startsWith(appId + "-") && t.endsWith("-repartition")) {
          topics.add(t);
        }
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "faults-pending-" + appId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        for (PartitionInfo p : consumer.partitionsFor(t, Duration.ofSeconds(10))) {
          partitions.add(new TopicPartition(t, p.partition()));
        }
      }
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata at = committed.get(tp);
        if (at == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, at.offset());
        }
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long count = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          return -1;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
            count++;
          }
        }
      }
      return count;
    } catch (org.apache.kafka.common.KafkaException e) {
      return -1;
    }
  }

  /** The sum of one Prometheus counter's series whose labels contain {@code label}, from a /metrics page. */
  static double counter(String metricsPage, String name, String label) {
    double sum = 0;
    for (String line : metricsPage.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** GET of a local URL's body, or null if nothing answers (a child between kill and start). */
  static String get(String url) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until every partition of {@code topic} has a leader that answers: a producer writing into a topic
   * created a moment ago otherwise meets NOT_LEADER and then, idempotent, OUT_OF_ORDER_SEQUENCE retries that
   * held a fixture wave back for 100 s on a loaded machine.
   */
  static void awaitLeaders(Admin admin, String topic) {
    await(() -> {
      try {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
            .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
        return true;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(60), "leaders of " + topic);
  }

  /** Copies the children's logs out of the test's temporary directory to target/faults-logs, for a post-mortem. */
  static void keepLogs(java.nio.file.Path dir, String test) {
    try (var logs = java.nio.file.Files.list(dir)) {
      java.nio.file.Path out = java.nio.file.Path.of("target", "faults-logs");
      java.nio.file.Files.createDirectories(out);
      for (java.nio.file.Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        java.nio.file.Files.copy(log, out.resolve(test + "-" + log.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.out.println("could not keep the logs of " + test + ": " + e);
    }
  }

  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Each partition's log start offset (what deleteRecords or retention removed), e.g. {@code [0, 0, 0]}. */
  static List<Long> logStarts(Admin admin, String topic) {
    try {
      int n = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
          .size();
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      for (int p = 0; p < n; p++) {
        specs.put(new TopicPartition(topic, p), OffsetSpec.earliest());
      }
      var offsets = admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
      List<Long> out = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        out.add(offsets.get(new TopicPartition(topic, p)).offset());
      }
      return out;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The end offsets of {@code topic}, summed, open transactions included (read_uncommitted). */
  static long end(Admin admin, String topic) {
    return sumOfLatest(admin, topic, IsolationLevel.READ_UNCOMMITTED);
  }

  /** The last stable offsets of {@code topic}, summed: committed records plus transaction markers. */
  static long stableEnd(Admin admin, String topic) {
    return sumOfLatest(admin, topic, IsolationLevel.READ_COMMITTED);
  }

  /** The latest offsets of every partition of {@code topic} as seen at {@code level}, summed; -1 if unknown. */
  private static long sumOfLatest(Admin admin, String topic, IsolationLevel level) {
    try {
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
          .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      long sum = 0;
      for (var info : admin.listOffsets(specs, new org.apache.kafka.clients.admin.ListOffsetsOptions(level)).all()
          .get(10, TimeUnit.SECONDS).values()) {
        sum += info.offset();
      }
      return sum;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }


  /** The keys whose values differ, as "key: expected -> actual", for failure messages. */
  static String diff(Map<String, Long> expected, Map<String, Long> actual) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    StringBuilder out = new StringBuilder();
    for (String k : keys) {
      if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
        out.append("\n  ").append(k).append(": expected ").append(expected.get(k)).append(", got ")
            .append(actual.get(k));
      }
    }
    return out.length() == 0 ? " none" : out.toString();
  }

  static Admin admin(String bootstrap) {
    return Admin.create(KafkaClients.adminConfig(bootstrap, "faults-admin"));
  }

  /**
   * Polls {@code condition} until it holds, checking that the children are alive
   * meanwhile so a crashed child fails the test at once with its log.
   */
  static void await(BooleanSupplier condition, Duration timeout, String what, Child... children) {
    await(condition, timeout, () -> what, children);
  }

  /**
   * Whether {@code condition} held at some check within {@code timeout} (checked every few milliseconds, for
   * states that last only moments): for a best effort, where not seeing it is an outcome, not a failure.
   */
  static boolean seenWithin(BooleanSupplier condition, Duration timeout, Child... children) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      for (Child c : children) {
        c.requireAlive();
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  /** As above, with a description computed at the time of failure (the state that was not reached). */
  static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what,
      Child... children) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      for (Child c : children) {
        c.requireAlive();
      }
      if (System.nanoTime() >= deadline) {
        StringBuilder logs = new StringBuilder();
        for (Child c : children) {
          logs.append("\n--- ").append(c).append('\n').append(c.tail());
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get() + logs);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
