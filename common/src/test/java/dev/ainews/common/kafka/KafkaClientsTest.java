package dev.ainews.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void shouldConfigureIdempotentLz4BatchingProducerWithOneRequestInFlight() {
    assertEquals(Map.of(
        "bootstrap.servers", "127.0.0.1:9092",
        "client.id", "ingest-1",
        "enable.idempotence", true,
        "acks", "all",
        "compression.type", "lz4",
        "batch.size", 131072,
        "linger.ms", 20,
        "delivery.timeout.ms", 120000,
        "max.in.flight.requests.per.connection", 1),
        KafkaClients.producerConfig("127.0.0.1:9092", "ingest-1"));
  }

  @Test
  void shouldAddTransactionalIdToProducerConfig() {
    Map<String, Object> c = KafkaClients.transactionalProducerConfig("127.0.0.1:9092", "ingest-1", "ingest-tx-1");

    assertEquals("ingest-tx-1", c.get("transactional.id"));
    assertEquals(10, c.size());
  }

  @Test
  void shouldConfigureReadCommittedManualCommitConsumerFromEarliest() {
    assertEquals(Map.of(
        "bootstrap.servers", "127.0.0.1:9092",
        "client.id", "tail-1",
        "group.id", "ainews-tail",
        "isolation.level", "read_committed",
        "enable.auto.commit", false,
        "auto.offset.reset", "earliest"),
        KafkaClients.consumerConfig("127.0.0.1:9092", "ainews-tail", "tail-1"));
  }

  @Test
  void shouldReturnAFreshMutableMapOnEveryCall() {
    Map<String, Object> first = KafkaClients.producerConfig("b:1", "c");
    first.put("transactional.id", "x");

    assertEquals(null, KafkaClients.producerConfig("b:1", "c").get("transactional.id"));
  }

  @Test
  void shouldParseCommaSeparatedBootstrapServersIncludingIpv6() {
    assertEquals(List.of(
        InetSocketAddress.createUnresolved("kafka-1", 9092),
        InetSocketAddress.createUnresolved("10.0.0.2", 19092),
        InetSocketAddress.createUnresolved("::1", 9093)),
        KafkaClients.parse("kafka-1:9092, 10.0.0.2:19092,[::1]:9093"));
  }

  @Test
  void shouldRejectBootstrapServerWithoutPort() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.parse("kafka-1"));

    assertEquals("bootstrap server 'kafka-1' is not host:port", e.getMessage());
  }

  @Test
  void shouldWriteTimeoutsTheWayPeopleDo() {
    assertEquals("5s", KafkaClients.human(Duration.ofSeconds(5)));
    assertEquals("1500ms", KafkaClients.human(Duration.ofMillis(1500)));
    assertEquals("2m", KafkaClients.human(Duration.ofMinutes(2)));
  }
}
