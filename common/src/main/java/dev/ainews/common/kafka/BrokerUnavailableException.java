package dev.ainews.common.kafka;

/** No Kafka broker answered at the configured bootstrap servers; the message says where and what to do. */
public class BrokerUnavailableException extends RuntimeException {

  public BrokerUnavailableException(String message) {
    super(message);
  }

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
