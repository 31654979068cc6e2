package dev.ainews.common.trends;

import java.time.Instant;
import java.util.Objects;

/**
 * A share of voice in one event-time window: the value of the compacted
 * {@code ainews.trends.share.<window>.v1} topics.
 *
 * <p>Key: {@code name@windowStart}, e.g. {@code cn_company_mentions@2025-01-27T00:00:00Z};
 * re-emitted as the window grows.
 *
 * @param name        what is measured, e.g. {@code cn_company_mentions}: items tagged with a
 *                    company headquartered in China among items tagged with any company
 * @param windowStart inclusive start
 * @param windowEnd   exclusive end
 * @param part        items counted in the numerator
 * @param whole       items counted in the denominator
 * @param share       part / whole, 0 when whole is 0
 */
public record Share(String name, Instant windowStart, Instant windowEnd, long part, long whole, double share) {

  public Share {
    Objects.requireNonNull(name, "name is required");
    Objects.requireNonNull(windowStart, "windowStart is required");
    Objects.requireNonNull(windowEnd, "windowEnd is required");
    if (part < 0 || part > whole) {
      throw new IllegalArgumentException("need 0 <= part <= whole, got part=" + part + " whole=" + whole);
    }
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("share must be within [0, 1], was " + share);
    }
  }

  public static Share of(String name, Instant windowStart, Instant windowEnd, long part, long whole) {
    return new Share(name, windowStart, windowEnd, part, whole, whole == 0 ? 0.0 : (double) part / whole);
  }

  /** The record key: {@code name@windowStart}. */
  public String key() {
    return name + "@" + windowStart;
  }
}
