package dev.ainews.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Meters of the enrich app: {@code ainews.enrich.items{result}} with result one
 * of {@code enriched}, {@code duplicate}, {@code dlq}, and
 * {@code ainews.enrich.stories.joined}: items that joined an earlier story.
 */
public final class EnrichMetrics {

  final Counter enriched;
  final Counter duplicates;
  final Counter dlq;
  final Counter joined;

  public EnrichMetrics(MeterRegistry registry) {
    enriched = items(registry, "enriched");
    duplicates = items(registry, "duplicate");
    dlq = items(registry, "dlq");
    joined = Counter.builder("ainews.enrich.stories.joined")
        .description("Items recognised as a copy of an earlier story").register(registry);
  }

  /** For tests and tools that do not export metrics. */
  public static EnrichMetrics none() {
    return new EnrichMetrics(new SimpleMeterRegistry());
  }

  private static Counter items(MeterRegistry registry, String result) {
    return Counter.builder("ainews.enrich.items").description("Raw items processed by the enrich app, by result")
        .tag("result", result).register(registry);
  }
}
