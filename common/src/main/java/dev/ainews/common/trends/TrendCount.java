package dev.ainews.common.trends;

import java.time.Instant;
import java.util.Objects;

/**
 * The count of one taxonomy value in one event-time window: the value of the
 * compacted {@code ainews.trends.<dimension>.<window>.v1} topics.
 *
 * <p>Key: {@code value@windowStart}, e.g. {@code deepseek@2025-01-27T00:00:00Z}. A
 * window is emitted again each time it grows, so the latest record of a key is the
 * current count; compaction keeps only that one.
 *
 * @param dimension   company, country, theme, company_theme or country_theme
 * @param value       the taxonomy id; for pairs {@code company|theme} / {@code country|theme}, e.g. {@code deepseek|cost}
 * @param window      window size label: {@code 1h} or {@code 1d}
 * @param windowStart inclusive start (UTC-aligned)
 * @param windowEnd   exclusive end
 * @param items       enriched items tagged with the value whose publish time falls in the window
 * @param stories     distinct stories among them: syndicated copies of one story count once
 */
public record TrendCount(String dimension, String value, String window, Instant windowStart, Instant windowEnd,
    long items, long stories) {

  public TrendCount {
    Objects.requireNonNull(dimension, "dimension is required");
    Objects.requireNonNull(value, "value is required");
    Objects.requireNonNull(window, "window is required");
    Objects.requireNonNull(windowStart, "windowStart is required");
    Objects.requireNonNull(windowEnd, "windowEnd is required");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("windowEnd " + windowEnd + " is not after windowStart " + windowStart);
    }
    if (items < 0 || stories < 0 || stories > items) {
      throw new IllegalArgumentException("need 0 <= stories <= items, got items=" + items + " stories=" + stories);
    }
  }

  /** The record key: {@code value@windowStart}. */
  public String key() {
    return key(value, windowStart);
  }

  public static String key(String value, Instant windowStart) {
    return value + "@" + windowStart;
  }
}
