package dev.ainews.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest meters. Tags come from bounded sets only: the fetch outcome labels
 * and the configured feed ids, never URLs or titles.
 *
 * <ul>
 *   <li>{@code ainews.ingest.fetches{outcome,feed}}: fetches by outcome</li>
 *   <li>{@code ainews.ingest.items.new{feed}}: items published to {@code ainews.raw.v1}</li>
 *   <li>{@code ainews.ingest.items.skipped{reason}}: entries dropped by normalization</li>
 *   <li>{@code ainews.ingest.fetch.duration{outcome}}: fetch time, with percentiles histogram</li>
 *   <li>{@code ainews.ingest.feeds.owned}, {@code ainews.ingest.feeds.unhealthy}: gauges</li>
 *   <li>{@code ainews.ingest.publish.failures}: transactions aborted (their items are re-polled)</li>
 * </ul>
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger owned = new AtomicInteger();
  private final AtomicInteger unhealthy = new AtomicInteger();
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("ainews.ingest.feeds.owned", owned, AtomicInteger::get)
        .description("Feeds this instance polls").register(registry);
    Gauge.builder("ainews.ingest.feeds.unhealthy", unhealthy, AtomicInteger::get)
        .description("Owned feeds with too many consecutive failures").register(registry);
    // Registered at zero so a healthy pipeline shows 0 on the board, not "No data".
    counter("ainews.ingest.publish.failures", "Aborted publish transactions");
  }

  public MeterRegistry registry() {
    return registry;
  }

  void fetched(String feed, String outcome, Duration elapsed) {
    counter("ainews.ingest.fetches", "Feed fetches by outcome", "outcome", outcome, "feed", feed).increment();
    timers.computeIfAbsent(outcome, o -> Timer.builder("ainews.ingest.fetch.duration")
        .description("Time to fetch and read a feed").tag("outcome", o)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry)).record(elapsed);
  }

  void published(String feed, int items) {
    counter("ainews.ingest.items.new", "Items published to ainews.raw.v1", "feed", feed).increment(items);
  }

  void publishFailed() {
    counter("ainews.ingest.publish.failures", "Aborted publish transactions").increment();
  }

  void feeds(int ownedCount, int unhealthyCount) {
    owned.set(ownedCount);
    unhealthy.set(unhealthyCount);
  }

  private Counter counter(String name, String description, String... tags) {
    return counters.computeIfAbsent(name + String.join(",", tags),
        k -> Counter.builder(name).description(description).tags(tags).register(registry));
  }
}
