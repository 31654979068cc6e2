package dev.ainews.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the embedded broker's and the producers' reports of retried transactional writes off the terminal (they
 * stay in the log file). Under exactly-once, the first batches of a new transaction to a partition can reach the
 * broker while the previous transaction's markers are still being written: the broker answers
 * CONCURRENT_TRANSACTIONS and, for the batches in flight behind the first, OUT_OF_ORDER_SEQUENCE_NUMBER (logged as
 * an ERROR with "Expected sequence 0 ... no existing state"), and the producer retries them in order. Nothing is
 * lost or written twice (the fault tests count exactly through them), but a run of {@code ainews bench} or
 * {@code ainews replay} printed dozens of such ERROR lines.
 */
final class RetriedTransactionNoise extends Filter<ILoggingEvent> {

  private static final String OUT_OF_ORDER = "org.apache.kafka.common.errors.OutOfOrderSequenceException";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if ("kafka.server.ReplicaManager".equals(logger)) {
      IThrowableProxy t = event.getThrowableProxy();
      return t != null && OUT_OF_ORDER.equals(t.getClassName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
    if ("org.apache.kafka.clients.producer.internals.Sender".equals(logger)) {
      String m = event.getFormattedMessage();
      boolean retried = m != null && m.contains(", retrying (")
          && (m.contains("Error: CONCURRENT_TRANSACTIONS") || m.contains("Error: OUT_OF_ORDER_SEQUENCE_NUMBER"));
      return retried ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
    return FilterReply.NEUTRAL;
  }
}
