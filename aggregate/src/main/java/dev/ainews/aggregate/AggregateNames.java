package dev.ainews.aggregate;

import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import java.util.ArrayList;
import java.util.List;

/**
 * Topic names of the aggregate app, so a replay can run the same topology from
 * {@code ainews.enriched.v1.NAME} into {@code ainews.trends.company.1h.v1.NAME}
 * and so on, leaving the live topics alone.
 *
 * @param enriched input topic
 * @param dlq      where unreadable input goes
 * @param suffix   appended (with a dot) to every output topic; null for the live ones
 */
public record AggregateNames(String enriched, String dlq, String suffix) {

  public static AggregateNames live() {
    return new AggregateNames(Topics.ENRICHED.name(), Topics.DLQ.name(), null);
  }

  /** Input {@code ainews.enriched.v1.SUFFIX}, outputs and DLQ suffixed the same way: nothing live is written. */
  public static AggregateNames replay(String suffix) {
    return new AggregateNames(Topics.ENRICHED.withSuffix(suffix).name(), Topics.DLQ.withSuffix(suffix).name(),
        suffix);
  }

  public Topic<String, TrendCount> trends(String dimension, TrendWindow window) {
    return suffixed(TrendTopics.trends(dimension, window.label()));
  }

  public Topic<String, Share> share(TrendWindow window) {
    return suffixed(TrendTopics.share(window.label()));
  }

  public Topic<String, Signal> signals() {
    return suffixed(TrendTopics.SIGNALS);
  }

  /** Every output topic, for creation before the app starts. */
  public List<Topic<?, ?>> outputs() {
    List<Topic<?, ?>> out = new ArrayList<>();
    for (TrendWindow w : TrendWindow.values()) {
      for (String d : TrendTopics.DIMENSIONS) {
        out.add(trends(d, w));
      }
      out.add(share(w));
    }
    out.add(signals());
    return out;
  }

  private <K, V> Topic<K, V> suffixed(Topic<K, V> t) {
    return suffix == null ? t : t.withSuffix(suffix);
  }
}
