package dev.ainews.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The broker config the builder produces; no broker is started. */
class EmbeddedKafkaTest {

  private static final Path DIR = Path.of("/var/lib/ainews/kafka");

  @Test
  void shouldRunBrokerAndControllerOnLoopbackWithAStaticSingleVoter() {
    Properties p = EmbeddedKafka.builder().brokerProperties(DIR, 9092, 9093);

    assertEquals("broker,controller", p.getProperty("process.roles"));
    assertEquals("1@127.0.0.1:9093", p.getProperty("controller.quorum.voters"));
    assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.getProperty("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:9092", p.getProperty("advertised.listeners"));
    assertEquals("/var/lib/ainews/kafka", p.getProperty("log.dirs"));
  }

  @Test
  void shouldSatisfyEveryInternalTopicWithOneReplica() {
    Properties p = EmbeddedKafka.builder().brokerProperties(DIR, 9092, 9093);

    assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
    assertEquals("1", p.getProperty("transaction.state.log.replication.factor"));
    assertEquals("1", p.getProperty("transaction.state.log.min.isr"));
    assertEquals("1", p.getProperty("share.coordinator.state.topic.replication.factor"));
    assertEquals("1", p.getProperty("share.coordinator.state.topic.min.isr"));
    assertEquals("1", p.getProperty("min.insync.replicas"));
    assertEquals("10", p.getProperty("offsets.topic.num.partitions"));
    assertEquals("10", p.getProperty("transaction.state.log.num.partitions"));
  }

  @Test
  void shouldCreateNoTopicImplicitlyAndDefaultToThreePartitions() {
    Properties p = EmbeddedKafka.builder().brokerProperties(DIR, 9092, 9093);

    assertEquals("false", p.getProperty("auto.create.topics.enable"));
    assertEquals("3", p.getProperty("num.partitions"));
    assertEquals("0", p.getProperty("group.initial.rebalance.delay.ms"));
    assertEquals("2097152", p.getProperty("log.cleaner.dedupe.buffer.size"));
  }

  @Test
  void shouldLetExplicitConfigOverrideTheDefaults() {
    Properties p = EmbeddedKafka.builder().numPartitions(6).config("log.retention.hours", "24")
        .config("num.io.threads", "8").brokerProperties(DIR, 9092, 9093);

    assertEquals("6", p.getProperty("num.partitions"));
    assertEquals("24", p.getProperty("log.retention.hours"));
    assertEquals("8", p.getProperty("num.io.threads"));
  }

  @Test
  void shouldRejectAPortOutOfRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.builder().port(70000));

    assertEquals("port must be 0 (free) or 1..65535, was 70000", e.getMessage());
  }
}
