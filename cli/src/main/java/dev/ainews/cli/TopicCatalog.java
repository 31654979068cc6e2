package dev.ainews.cli;

import dev.ainews.common.JsonSerde;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.trends.TrendTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a user needs to know to consume each ainews topic: the key format and the
 * JSON Schema of the values. Replay topics ({@code BASE.NAME}) share their base topic's
 * contract.
 */
final class TopicCatalog {

  /** The replays registry written by {@code ainews replay}: compacted, key = replay name. */
  static final Topic<String, ReplayRegistry.Entry> REPLAYS = ReplayRegistry.TOPIC;

  /**
   * @param topic  the contract topic (name, serdes, configs)
   * @param key    how keys are formed
   * @param schema the schema file under {@code common/src/main/resources/schemas/} (or where the format is documented)
   */
  record Entry(Topic<?, ?> topic, String key, String schema) {

    String name() {
      return topic.name();
    }

    boolean compacted() {
      return "compact".equals(topic.configs().get("cleanup.policy"));
    }

    /** {@code compact}, {@code delete, forever} or {@code delete, 7d}. */
    String policy() {
      String cleanup = topic.configs().getOrDefault("cleanup.policy", "delete");
      if (!"delete".equals(cleanup)) {
        return cleanup;
      }
      String ms = topic.configs().get("retention.ms");
      if (ms == null) {
        return "delete, broker default retention";
      }
      long v = Long.parseLong(ms);
      return v < 0 ? "delete, retained forever" : "delete, retained " + v / 86_400_000 + "d";
    }
  }

  private TopicCatalog() {}

  static List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    for (Topic<?, ?> t : Topics.core()) {
      out.add(new Entry(t, keyOf(t), schemaOf(t)));
    }
    for (Topic<?, ?> t : TrendTopics.all()) {
      out.add(new Entry(t, keyOf(t), schemaOf(t)));
    }
    out.add(new Entry(REPLAYS, "replay name", "ReplayRegistry.Entry (cli/REPLAY.md)"));
    return out;
  }

  /** The contract of a topic: exact name, or a replay topic {@code BASE.NAME} of a known base. */
  static Optional<Entry> find(String name) {
    for (Entry e : all()) {
      if (e.name().equals(name)) {
        return Optional.of(e);
      }
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String base = name.substring(0, dot);
      for (Entry e : all()) {
        if (e.name().equals(base) && e.topic() != REPLAYS) {
          return Optional.of(new Entry(e.topic().withSuffix(name.substring(dot + 1)), e.key(), e.schema()));
        }
      }
    }
    return Optional.empty();
  }

  /** The value type of a JSON topic, e.g. {@code TrendCount}; null for byte topics (the DLQ). */
  static Class<?> valueType(Topic<?, ?> t) {
    return t.valueSerde() instanceof JsonSerde<?> j ? j.type() : null;
  }

  private static String keyOf(Topic<?, ?> t) {
    String n = t.name();
    if (n.equals(Topics.FEEDS.name()) || n.equals(Topics.FEED_STATE.name())) {
      return "feed id";
    }
    if (n.equals(Topics.RAW.name()) || n.equals(Topics.ENRICHED.name())) {
      return "item id (64 hex, SHA-256)";
    }
    if (n.equals(Topics.DLQ.name())) {
      return "original key bytes";
    }
    if (n.equals(TrendTopics.SIGNALS.name())) {
      return "dimension:value@windowStart";
    }
    if (n.startsWith("ainews.trends.share.")) {
      return "name@windowStart";
    }
    return "value@windowStart";
  }

  private static String schemaOf(Topic<?, ?> t) {
    Class<?> type = valueType(t);
    return type == null ? "Dlq.md (original bytes + headers)" : type.getSimpleName() + ".schema.json";
  }
}
