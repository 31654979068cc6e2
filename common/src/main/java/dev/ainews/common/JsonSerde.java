package dev.ainews.common;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Jackson serde for a contract record. A value that cannot be read throws
 * {@link SerializationException} naming the type, which Streams' deserialization
 * handler sends to the DLQ; a null payload (a tombstone) reads as null.
 *
 * <p>{@link RawItem} and {@link EnrichedItem} go through {@link ItemJson}'s streaming codec first, which
 * yields to databind for anything outside the canonical shape; the bytes and outcomes are databind's either way.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  /** Null for the types only databind handles. */
  private final ItemJson.Codec<T> codec;

  public JsonSerde(Class<T> type) {
    this.type = type;
    this.reader = Json.MAPPER.readerFor(type);
    this.writer = Json.MAPPER.writerFor(type);
    this.codec = ItemJson.forType(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    if (codec != null) {
      byte[] bytes = codec.write(value);
      if (bytes != null) {
        return bytes;
      }
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
    }
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (codec != null) {
      T value = codec.read(bytes);
      if (value != null) {
        return value;
      }
    }
    try {
      return reader.readValue(bytes);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      // Compact constructors throw IllegalArgumentException/NPE for invalid
      // fields; Jackson wraps most of them, but not all.
      throw new SerializationException("invalid " + type.getSimpleName() + " JSON: " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
