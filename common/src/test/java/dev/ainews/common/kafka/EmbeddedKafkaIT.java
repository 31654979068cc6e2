package dev.ainews.common.kafka;

import static dev.ainews.common.testing.KafkaTestSupport.consumeAll;
import static dev.ainews.common.testing.KafkaTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.common.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions and exactly-once Streams against one shared temporary broker. */
class EmbeddedKafkaIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.startTemporary();
    admin = Admin.create(KafkaClients.adminConfig(kafka.bootstrapServers(), "embedded-kafka-it"));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    kafka.close();
  }

  private static Topic<String, String> stringTopic(String name) {
    Topic<String, String> t = new Topic<>(name, Serdes.String(), Serdes.String(), Map.of());
    TopicAdmin.createTopics(admin, List.of(t), 3, (short) 1);
    return t;
  }

  @Test
  void shouldServeClientsOnLoopbackAtTheReportedPort() {
    assertEquals("127.0.0.1:" + kafka.port(), kafka.bootstrapServers());
    KafkaClients.waitForBroker(kafka.bootstrapServers(), Duration.ofSeconds(5));
  }

  @Test
  void shouldShowCommittedTransactionsOnceAndAbortedOnesNeverToReadCommittedConsumers() {
    Topic<String, String> topic = stringTopic("it.tx");
    Map<String, Object> config =
        KafkaClients.transactionalProducerConfig(kafka.bootstrapServers(), "it-tx-producer", "it-tx-1");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), "deepseek", "committed-1"));
      producer.send(new ProducerRecord<>(topic.name(), "qwen", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), "openai", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), "mistral", "committed-3"));
      producer.commitTransaction();
    }

    List<String> values = consumeAll(kafka.bootstrapServers(), topic, 3, TIMEOUT).stream()
        .map(ConsumerRecord::value).sorted().toList();

    assertEquals(List.of("committed-1", "committed-2", "committed-3"), values);
  }

  @Test
  void shouldRunExactlyOnceV2StreamsAppOnASingleNode(@TempDir Path stateDir) {
    Topic<String, String> mentions = stringTopic("it.mentions");
    Topic<String, String> counts = stringTopic("it.mention-counts");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-eos-v2");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // No record cache: every update is forwarded, so the output is exactly one record per input.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

    try (KafkaStreams streams = new KafkaStreams(countPerKey(mentions, counts), props)) {
      streams.start();
      waitUntil(() -> streams.state() == KafkaStreams.State.RUNNING, TIMEOUT, "the streams app to be RUNNING");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          KafkaClients.producerConfig(kafka.bootstrapServers(), "it-mentions-producer"),
          mentions.keySerde().serializer(), mentions.valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(mentions.name(), "deepseek", "a"));
        producer.send(new ProducerRecord<>(mentions.name(), "deepseek", "b"));
        producer.send(new ProducerRecord<>(mentions.name(), "nvidia", "c"));
      }

      List<KeyValue<String, String>> out = consumeAll(kafka.bootstrapServers(), counts, 3, TIMEOUT).stream()
          .map(r -> KeyValue.pair(r.key(), r.value()))
          .sorted((x, y) -> (x.key + x.value).compareTo(y.key + y.value))
          .toList();

      assertEquals(List.of(KeyValue.pair("deepseek", "1"), KeyValue.pair("deepseek", "2"),
          KeyValue.pair("nvidia", "1")), out);
    }
  }

  /** A count per key: the changelog and the output are both written in Streams' transactions. */
  private static Topology countPerKey(Topic<String, String> in, Topic<String, String> out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()))
        .groupByKey(Grouped.with("mentions-by-key", in.keySerde(), in.valueSerde()))
        .count(Named.as("count-mentions"), Materialized.as("mention-counts"))
        .toStream(Named.as("mention-count-updates"))
        .mapValues(String::valueOf, Named.as("count-as-text"))
        .to(out.name(), Produced.with(out.keySerde(), out.valueSerde()));
    return builder.build();
  }
}
