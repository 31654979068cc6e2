package dev.ainews.common.trends;

import java.time.Instant;
import java.util.Objects;

/**
 * A burst: a window whose count stands far above the value's own trailing
 * baseline. The value of the compacted {@code ainews.signals.v1} topic.
 *
 * <p>Key: {@code dimension:value@windowStart}, e.g. {@code company:deepseek@2025-01-27T10:00:00Z}.
 * One burst gives one key; the record is updated while the window grows.
 *
 * @param dimension   company or theme
 * @param value       the taxonomy id
 * @param window      {@code 1h} or {@code 1d}
 * @param windowStart inclusive start of the bursting window
 * @param windowEnd   exclusive end
 * @param observed    items in the window so far
 * @param baseline    EWMA mean of the past windows of the same size
 * @param stddev      EWMA standard deviation of the past windows
 * @param score       (observed - baseline) / max(stddev, floor)
 */
public record Signal(String dimension, String value, String window, Instant windowStart, Instant windowEnd,
    long observed, double baseline, double stddev, double score) {

  public Signal {
    Objects.requireNonNull(dimension, "dimension is required");
    Objects.requireNonNull(value, "value is required");
    Objects.requireNonNull(window, "window is required");
    Objects.requireNonNull(windowStart, "windowStart is required");
    Objects.requireNonNull(windowEnd, "windowEnd is required");
  }

  /** The record key: {@code dimension:value@windowStart}. */
  public String key() {
    return dimension + ":" + value + "@" + windowStart;
  }
}
