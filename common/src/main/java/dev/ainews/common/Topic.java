package dev.ainews.common;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the ainews contract: its name, the serdes of its keys and
 * values, and the topic-level configs it is created with. Declared once in
 * {@link Topics}; every producer, consumer and Streams app takes its serdes from
 * here so a topic cannot be read with the wrong format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    configs = Map.copyOf(configs);
  }

  /** The same contract under another name, e.g. a replay's {@code ainews.enriched.v1.NAME}. */
  public Topic<K, V> withSuffix(String suffix) {
    return new Topic<>(name + "." + suffix, keySerde, valueSerde, configs);
  }
}
