package dev.ainews.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to poll a feed next: a pure function of the last fetch (the randomness is injected).
 *
 * <ul>
 *   <li>Success (200 or 304): the largest of the feed's base interval, its RSS {@code <ttl>} and
 *       the server's Cache-Control max-age, clamped to [1 minute, 24 hours]. The feed's own hints
 *       only ever slow us down, never speed us up past the base interval.
 *   <li>Failure: exponential back-off, {@code base * 2^(failures - 1)}, with +-10% jitter so that
 *       feeds failing together (one host down) do not retry in lock-step, clamped to the same
 *       [1 minute, 24 hours].
 *   <li>Retry-After, when sent, is a floor on either (itself capped at 24 hours, so a server
 *       asking for a month does not silence a feed for a month).
 * </ul>
 */
public final class PollPolicy {

  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);
  public static final int DEFAULT_UNHEALTHY_THRESHOLD = 5;
  /** Jitter amplitude on back-off: the interval is multiplied by a factor in [0.9, 1.1). */
  static final double JITTER = 0.10;

  private final RandomGenerator random;
  private final int unhealthyThreshold;
  private final long minIntervalMillis;

  public PollPolicy(RandomGenerator random) {
    this(random, DEFAULT_UNHEALTHY_THRESHOLD);
  }

  public PollPolicy(RandomGenerator random, int unhealthyThreshold) {
    this(random, unhealthyThreshold, MIN_INTERVAL);
  }

  /**
   * @param minInterval the polite minimum between two polls of one feed; only
   *                    the offline demo, polling its own local server, goes below a minute
   */
  public PollPolicy(RandomGenerator random, int unhealthyThreshold, Duration minInterval) {
    this.minIntervalMillis = Math.max(1, minInterval.toMillis());
    this.random = Objects.requireNonNull(random, "random");
    if (unhealthyThreshold < 1) {
      throw new IllegalArgumentException(
          "unhealthyThreshold must be >= 1, got " + unhealthyThreshold);
    }
    this.unhealthyThreshold = unhealthyThreshold;
  }

  /**
   * @param now when the fetch finished
   * @param baseIntervalSeconds the feed's configured poll interval
   * @param outcome the outcome of the fetch
   * @param consecutiveFailures failures in a row including this fetch (0 after a success)
   * @param ttlMinutes the feed's RSS {@code <ttl>}, or null
   * @param maxAge the response's Cache-Control max-age, or null
   * @param retryAfter the response's Retry-After, or null
   * @return the instant of the next poll
   */
  public Instant nextPoll(Instant now, long baseIntervalSeconds, FetchOutcome outcome,
      int consecutiveFailures, Integer ttlMinutes, Duration maxAge, Duration retryAfter) {
    return now.plus(interval(baseIntervalSeconds, outcome, consecutiveFailures, ttlMinutes,
        maxAge, retryAfter));
  }

  /** The wait before the next poll; see {@link #nextPoll}. */
  public Duration interval(long baseIntervalSeconds, FetchOutcome outcome,
      int consecutiveFailures, Integer ttlMinutes, Duration maxAge, Duration retryAfter) {
    Objects.requireNonNull(outcome, "outcome");
    long base = Math.max(0, baseIntervalSeconds);
    long millis;
    if (outcome.isSuccess()) {
      millis = saturatedMillis(base);
      if (ttlMinutes != null && ttlMinutes > 0) {
        millis = Math.max(millis, saturatedMillis(ttlMinutes * 60L));
      }
      if (maxAge != null && !maxAge.isNegative()) {
        millis = Math.max(millis, toMillisCapped(maxAge));
      }
    } else {
      // Past 2^20 the product is beyond 24 h for any base >= 1 s; stop before it overflows.
      int exponent = Math.min(Math.max(consecutiveFailures, 1) - 1, 20);
      long backoff = Math.min(saturatedMillis(base) << exponent, MAX_INTERVAL.toMillis());
      double factor = 1.0 + (random.nextDouble() * 2.0 - 1.0) * JITTER;
      millis = Math.round(backoff * factor);
    }
    millis = clamp(millis);
    if (retryAfter != null && !retryAfter.isNegative()) {
      millis = Math.max(millis, Math.min(toMillisCapped(retryAfter), MAX_INTERVAL.toMillis()));
    }
    return Duration.ofMillis(millis);
  }

  /** True once a feed has failed this many times in a row: show it, alert on it. */
  public boolean isUnhealthy(int consecutiveFailures) {
    return consecutiveFailures >= unhealthyThreshold;
  }

  public int unhealthyThreshold() {
    return unhealthyThreshold;
  }

  private long clamp(long millis) {
    return Math.min(Math.max(millis, minIntervalMillis), MAX_INTERVAL.toMillis());
  }

  private static long saturatedMillis(long seconds) {
    // A day is the most we ever wait, so anything beyond it can be represented as a day.
    return Math.min(seconds, MAX_INTERVAL.toSeconds()) * 1000L;
  }

  private static long toMillisCapped(Duration d) {
    return d.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL.toMillis() : d.toMillis();
  }
}
