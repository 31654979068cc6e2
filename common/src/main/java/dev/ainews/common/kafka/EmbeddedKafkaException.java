package dev.ainews.common.kafka;

/** The embedded broker could not start; the message says why and what to do. */
public class EmbeddedKafkaException extends RuntimeException {

  public EmbeddedKafkaException(String message) {
    super(message);
  }

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
