package dev.ainews.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a record in {@code ainews.dlq.v1}. The record keeps the original key
 * and value bytes untouched, so it can be inspected and replayed; the headers
 * say why and where from. All header values are UTF-8 strings.
 */
public final class Dlq {

  public static final String STAGE = "ainews.dlq.stage";
  public static final String EXCEPTION = "ainews.dlq.exception";
  public static final String MESSAGE = "ainews.dlq.message";
  public static final String TOPIC = "ainews.dlq.topic";
  public static final String PARTITION = "ainews.dlq.partition";
  public static final String OFFSET = "ainews.dlq.offset";

  private static final int MAX_MESSAGE_CHARS = 1000;

  private Dlq() {}

  /**
   * @param stage     where it failed, e.g. {@code enrich.read}, {@code aggregate.read}
   * @param error     the exception
   * @param topic     source topic, partition and offset of the failed record
   */
  public static Headers headers(String stage, Throwable error, String topic, int partition, long offset) {
    RecordHeaders h = new RecordHeaders();
    add(h, STAGE, stage);
    add(h, EXCEPTION, error.getClass().getName());
    String message = String.valueOf(error.getMessage());
    add(h, MESSAGE, message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message);
    add(h, TOPIC, topic);
    add(h, PARTITION, Integer.toString(partition));
    add(h, OFFSET, Long.toString(offset));
    return h;
  }

  public static String header(Headers headers, String name) {
    var h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void add(Headers h, String name, String value) {
    h.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
  }
}
