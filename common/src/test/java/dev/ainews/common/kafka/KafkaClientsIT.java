package dev.ainews.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** waitForBroker against real sockets on 127.0.0.1 (no broker needed for the failure cases). */
class KafkaClientsIT {

  @Test
  void shouldReportConnectionRefusedWithinTheDeadlineWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();

    BrokerUnavailableException e = assertThrows(BrokerUnavailableException.class,
        () -> KafkaClients.waitForBroker("127.0.0.1:" + port, Duration.ofSeconds(2)));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertEquals("no Kafka broker at 127.0.0.1:" + port + " (connection refused) after 2s: start one or use "
        + "`ainews run` for the embedded broker", e.getMessage());
    assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0 && took.compareTo(Duration.ofSeconds(3)) < 0,
        "took " + took);
  }

  @Test
  void shouldSayWhenSomethingListensButDoesNotSpeakKafka() throws IOException {
    // Accepts connections (the OS backlog does) but never answers a request.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String bootstrap = "127.0.0.1:" + silent.getLocalPort();
      long t0 = System.nanoTime();

      BrokerUnavailableException e = assertThrows(BrokerUnavailableException.class,
          () -> KafkaClients.waitForBroker(bootstrap, Duration.ofSeconds(2)));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertTrue(e.getMessage().startsWith("no Kafka broker at " + bootstrap
          + " (it accepts connections but did not answer a Kafka metadata request: "), e.getMessage());
      assertTrue(e.getMessage().endsWith(") after 2s: start one or use `ainews run` for the embedded broker"),
          e.getMessage());
      assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
    }
  }
}
