package dev.ainews.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriedTransactionNoiseTest {

  private final LoggerContext context = new LoggerContext();
  private final RetriedTransactionNoise filter = new RetriedTransactionNoise();

  private LoggingEvent event(String logger, Level level, String message, Throwable t) {
    return new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, t, null);
  }

  private static String retried(String error) {
    return "[Producer clientId=app-StreamThread-1-producer, transactionalId=app-1] Got error produce response with"
        + " correlation id 302 on topic-partition app-store-changelog-0, retrying (2147483646 attempts left). Error: "
        + error;
  }

  @Test
  void shouldKeepTheBrokersOutOfOrderSequenceErrorsOffTheTerminal() {
    assertEquals(FilterReply.DENY, filter.decide(event("kafka.server.ReplicaManager", Level.ERROR,
        "[ReplicaManager broker=1] Error processing append operation on partition x-0",
        new OutOfOrderSequenceException("Expected sequence 0 for transactions v2 idempotent producer"))));
  }

  @Test
  void shouldKeepTheProducersRetriedTransactionWarningsOffTheTerminal() {
    String sender = "org.apache.kafka.clients.producer.internals.Sender";
    assertEquals(FilterReply.DENY, filter.decide(event(sender, Level.WARN, retried("CONCURRENT_TRANSACTIONS"), null)));
    assertEquals(FilterReply.DENY,
        filter.decide(event(sender, Level.WARN, retried("OUT_OF_ORDER_SEQUENCE_NUMBER"), null)));
  }

  @Test
  void shouldShowEveryOtherProblem() {
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("kafka.server.ReplicaManager", Level.ERROR,
        "[ReplicaManager broker=1] Error processing append operation on partition x-0",
        new CorruptRecordException("bad batch"))));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("org.apache.kafka.clients.producer.internals.Sender",
        Level.WARN, retried("NOT_LEADER_OR_FOLLOWER"), null)));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("dev.ainews.enrich.EnrichTopology", Level.WARN,
        retried("CONCURRENT_TRANSACTIONS"), null)));
  }
}
