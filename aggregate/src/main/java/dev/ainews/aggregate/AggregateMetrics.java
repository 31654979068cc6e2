package dev.ainews.aggregate;

import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.TrendCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of the aggregate app (names are a contract with the Grafana boards):
 *
 * <ul>
 *   <li>{@code ainews.trend.items} / {@code ainews.trend.stories} gauges {dimension, value, window}:
 *       counts of the current window, i.e. the latest window start this instance has seen
 *       for that dimension and window size; 0 for a value with nothing in it yet;</li>
 *   <li>{@code ainews.share} gauge {name, window}: share of the current window;</li>
 *   <li>{@code ainews.signal.score} / {@code ainews.signal.active} gauges {dimension, value, window}:
 *       the burst score of the current window and 1 while it is over the line;</li>
 *   <li>{@code ainews.signals.fired} counter {dimension, window}: bursts started;</li>
 *   <li>{@code ainews.aggregate.items}, {@code ainews.aggregate.late} {window}, {@code ainews.aggregate.dlq} counters;</li>
 *   <li>{@code ainews.pipeline.latency} timer: wall time from an item's fetch to its aggregation.</li>
 * </ul>
 *
 * Gauges are registered the first time a value shows up, so their number is bounded by
 * the taxonomy. Each instance reports the values of the partitions it processes.
 */
public final class AggregateMetrics {

  private final MeterRegistry registry;
  final Counter items;
  final Counter dlq;
  private final Map<TrendWindow, Counter> late = new EnumMap<>(TrendWindow.class);
  final Timer latency;

  /** Latest window start per "dimension|window" (and "share|window"). */
  private final Map<String, Long> currentWindow = new ConcurrentHashMap<>();
  private final Map<String, Cell> cells = new ConcurrentHashMap<>();

  public AggregateMetrics(MeterRegistry registry) {
    this.registry = registry;
    items = Counter.builder("ainews.aggregate.items").description("Enriched items aggregated").register(registry);
    dlq = Counter.builder("ainews.aggregate.dlq").description("Enriched records sent to the DLQ by the aggregate app")
        .register(registry);
    for (TrendWindow w : TrendWindow.values()) {
      // At zero from the start: a board shows "0 bursts", not "No data", until the first one.
      for (String dimension : dev.ainews.common.trends.TrendTopics.SIGNAL_DIMENSIONS) {
        Counter.builder("ainews.signals.fired").description("Bursts started")
            .tags("dimension", dimension, "window", w.label()).register(registry);
      }
      late.put(w, Counter.builder("ainews.aggregate.late")
          .description("Counts not made because the record arrived after its window's grace period")
          .tag("window", w.label()).register(registry));
    }
    latency = Timer.builder("ainews.pipeline.latency")
        .description("Wall time from an item's fetch to its aggregation (end to end)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofHours(6))
        .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2))
        .register(registry);
  }

  /** For tests and tools that do not export metrics. */
  public static AggregateMetrics none() {
    return new AggregateMetrics(new SimpleMeterRegistry());
  }

  /**
   * The hits counted as late so far in {@code registry}, per window label ("1h", "1d"): what a batch
   * run (a replay, its benchmark) reports at the end, since those hits are in no window's count.
   */
  public static Map<String, Long> lateHits(MeterRegistry registry) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : registry.find("ainews.aggregate.late").counters()) {
      out.merge(c.getId().getTag("window"), (long) c.count(), Long::sum);
    }
    return out;
  }

  /** {@code hits} hits late for their {@code window}. */
  void late(TrendWindow window, int hits) {
    late.get(window).increment(hits);
  }

  void fired(String dimension, TrendWindow window) {
    Counter.builder("ainews.signals.fired").description("Bursts started")
        .tags("dimension", dimension, "window", window.label()).register(registry).increment();
  }

  void trend(TrendCount c) {
    long start = c.windowStart().toEpochMilli();
    currentWindow.merge(c.dimension() + "|" + c.window(), start, Math::max);
    Cell cell = cell(c.dimension(), c.value(), c.window());
    cell.start = start;
    cell.items = c.items();
    cell.stories = c.stories();
  }

  void share(TrendWindow window, Share s) {
    long start = s.windowStart().toEpochMilli();
    String scope = "share|" + window.label();
    currentWindow.merge(scope, start, Math::max);
    Cell cell = cells.computeIfAbsent(scope + "|" + s.name(), k -> {
      Cell c = new Cell(scope);
      Gauge.builder("ainews.share", c, x -> x.current(currentWindow) ? x.share : 0.0)
          .description("Share of voice in the current window").tags("name", s.name(), "window", window.label())
          .strongReference(true).register(registry);
      return c;
    });
    cell.start = start;
    cell.share = s.share();
  }

  void score(String dimension, String value, TrendWindow window, long windowStart, double score, boolean active) {
    Cell cell = cell(dimension, value, window.label());
    cell.scoreStart = windowStart;
    cell.score = score;
    cell.active = active;
  }

  private Cell cell(String dimension, String value, String window) {
    String scope = dimension + "|" + window;
    return cells.computeIfAbsent(scope + "|" + value, k -> {
      Cell c = new Cell(scope);
      String[] tags = {"dimension", dimension, "value", value, "window", window};
      Gauge.builder("ainews.trend.items", c, x -> x.current(currentWindow) ? x.items : 0)
          .description("Items of the current window").tags(tags).strongReference(true).register(registry);
      Gauge.builder("ainews.trend.stories", c, x -> x.current(currentWindow) ? x.stories : 0)
          .description("Distinct stories of the current window").tags(tags).strongReference(true).register(registry);
      if (dimension.equals("company") || dimension.equals("theme")) {
        Gauge.builder("ainews.signal.score", c, x -> x.scoreCurrent(currentWindow) ? x.score : 0.0)
            .description("Burst score of the current window").tags(tags).strongReference(true).register(registry);
        Gauge.builder("ainews.signal.active", c, x -> x.scoreCurrent(currentWindow) && x.active ? 1 : 0)
            .description("1 while the current window is a burst").tags(tags).strongReference(true)
            .register(registry);
      }
      return c;
    });
  }

  /**
   * The latest numbers of one gauge series. Written by stream threads, read by the
   * scrape thread: volatile fields are enough, a scrape may see a value one update old.
   */
  private static final class Cell {
    final String scope;
    volatile long start = Long.MIN_VALUE;
    volatile long items;
    volatile long stories;
    volatile double share;
    volatile long scoreStart = Long.MIN_VALUE;
    volatile double score;
    volatile boolean active;

    Cell(String scope) {
      this.scope = scope;
    }

    boolean current(Map<String, Long> currentWindow) {
      Long c = currentWindow.get(scope);
      return c != null && c == start;
    }

    // A value without items in the current window has no score there: 0, not yesterday's.
    boolean scoreCurrent(Map<String, Long> currentWindow) {
      Long c = currentWindow.get(scope);
      return c != null && c == scoreStart;
    }
  }
}
