package dev.ainews.common.trends;

import dev.ainews.common.JsonSerde;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The output topics of the aggregate app (README "Topics"): all compacted, String
 * keys, JSON values with a schema under {@code common/src/main/resources/schemas/}.
 * A consumer wanting the latest counts reads a topic from the beginning; compaction
 * keeps one record per window.
 */
public final class TrendTopics {

  private TrendTopics() {}

  /** Dimensions with a trend topic each, in the order of the taxonomy. */
  public static final List<String> DIMENSIONS = List.of("company", "country", "theme", "company_theme",
      "country_theme");

  /** Window size labels: tumbling windows of one hour and one (UTC) day. */
  public static final List<String> WINDOWS = List.of("1h", "1d");

  /** Dimensions that have burst signals. */
  public static final List<String> SIGNAL_DIMENSIONS = List.of("company", "theme");

  private static final Map<String, String> COMPACTED = Map.of(
      "cleanup.policy", "compact",
      "min.cleanable.dirty.ratio", "0.1",
      "segment.ms", "3600000");

  /** Key: {@code value@windowStart}. Value: {@link TrendCount}. */
  public static Topic<String, TrendCount> trends(String dimension, String window) {
    requireKnown(dimension, window);
    return new Topic<>("ainews.trends." + dimension + "." + window + ".v1", Topics.KEY,
        JsonSerde.of(TrendCount.class), COMPACTED);
  }

  /** Key: {@code name@windowStart}. Value: {@link Share}. */
  public static Topic<String, Share> share(String window) {
    requireKnown("company", window);
    return new Topic<>("ainews.trends.share." + window + ".v1", Topics.KEY, JsonSerde.of(Share.class), COMPACTED);
  }

  /** Key: {@code dimension:value@windowStart}. Value: {@link Signal}. */
  public static final Topic<String, Signal> SIGNALS =
      new Topic<>("ainews.signals.v1", Topics.KEY, JsonSerde.of(Signal.class), COMPACTED);

  /** Every trend, share and signal topic. */
  public static List<Topic<?, ?>> all() {
    List<Topic<?, ?>> out = new ArrayList<>();
    for (String window : WINDOWS) {
      for (String dimension : DIMENSIONS) {
        out.add(trends(dimension, window));
      }
      out.add(share(window));
    }
    out.add(SIGNALS);
    return List.copyOf(out);
  }

  private static void requireKnown(String dimension, String window) {
    if (!DIMENSIONS.contains(dimension)) {
      throw new IllegalArgumentException("unknown dimension '" + dimension + "': expected one of " + DIMENSIONS);
    }
    if (!WINDOWS.contains(window)) {
      throw new IllegalArgumentException("unknown window '" + window + "': expected one of " + WINDOWS);
    }
  }
}
