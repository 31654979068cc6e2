package dev.ainews.common.kafka;

import static dev.ainews.common.testing.KafkaTestSupport.consumeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, restart and refusal: each test owns its broker. */
class EmbeddedKafkaLifecycleIT {

  private static final Topic<String, String> NOTES =
      new Topic<>("it.notes", Serdes.String(), Serdes.String(), Map.of());

  @Test
  void shouldKeepTopicsAndRecordsWhenRestartedOnTheSameDataDir(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data/kafka");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).start()) {
      TopicAdmin.ensureCoreTopics(kafka.bootstrapServers(), 3);
      try (Admin admin = Admin.create(KafkaClients.adminConfig(kafka.bootstrapServers(), "it"))) {
        TopicAdmin.createTopics(admin, List.of(NOTES), 1, (short) 1);
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          KafkaClients.producerConfig(kafka.bootstrapServers(), "it-notes"),
          Serdes.String().serializer(), Serdes.String().serializer())) {
        producer.send(new ProducerRecord<>(NOTES.name(), "k1", "before restart 1"));
        producer.send(new ProducerRecord<>(NOTES.name(), "k2", "before restart 2"));
      }
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).start()) {
      Set<String> topics;
      try (Admin admin = Admin.create(KafkaClients.adminConfig(kafka.bootstrapServers(), "it"))) {
        topics = new TreeSet<>(admin.listTopics().names().get());
      }
      List<String> values = consumeAll(kafka.bootstrapServers(), NOTES, 2, Duration.ofSeconds(60)).stream()
          .map(ConsumerRecord::value).toList();

      assertEquals(new TreeSet<>(List.of("ainews.dlq.v1", "ainews.enriched.v1", "ainews.feeds",
          "ainews.feeds.state", "ainews.raw.v1", "it.notes")), topics);
      assertEquals(List.of("before restart 1", "before restart 2"), values);
      assertTrue(Files.exists(dataDir.resolve("meta.properties")));
    }
  }

  @Test
  void shouldRefuseASecondBrokerOnADataDirInUse(@TempDir Path dataDir) {
    try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dataDir).start()) {
      EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class,
          () -> EmbeddedKafka.builder().dataDir(dataDir).start().close());

      assertEquals("Kafka data dir " + dataDir + " is in use by another broker (lock " + dataDir.resolve(".lock")
          + " is held): stop it or choose another data dir", e.getMessage());
      KafkaClients.waitForBroker(first.bootstrapServers(), Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldNameTheClientPortWhenItIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class,
          () -> EmbeddedKafka.builder().port(port).start().close());

      assertEquals("cannot start Kafka: client port " + port + " on 127.0.0.1 is already in use (another Kafka?): "
          + "stop it or choose another port", e.getMessage());
    }
  }

  @Test
  void shouldUseTheConfiguredPortsWhenFree() throws IOException {
    int port = freePort();
    int controllerPort = freePort();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).controllerPort(controllerPort).start()) {
      assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
      assertEquals(controllerPort, kafka.controllerPort());
    }
  }

  @Test
  void shouldStopServingAndDeleteTheTemporaryDataDirOnCloseOnlyOnce() {
    EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
    Path dataDir = kafka.dataDir();
    assertTrue(Files.isDirectory(dataDir));

    kafka.close();
    kafka.close();

    assertFalse(Files.exists(dataDir));
    assertThrows(BrokerUnavailableException.class,
        () -> KafkaClients.waitForBroker(kafka.bootstrapServers(), Duration.ofMillis(500)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
