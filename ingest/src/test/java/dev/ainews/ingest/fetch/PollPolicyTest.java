package dev.ainews.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  /** A generator whose nextDouble() is fixed: 0.5 means no jitter, 0 is -10%, 0.75 is +5%. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private static final PollPolicy NO_JITTER = new PollPolicy(fixed(0.5));

  private static Duration success(long base, Integer ttl, Duration maxAge) {
    return NO_JITTER.interval(base, FetchOutcome.OK, 0, ttl, maxAge, null);
  }

  private static Duration failure(PollPolicy policy, long base, int failures, Duration retryAfter) {
    return policy.interval(base, FetchOutcome.SERVER_ERROR, failures, null, null, retryAfter);
  }

  @Test
  void shouldPollAtBaseIntervalAfterSuccess() {
    assertEquals(NOW.plusSeconds(900),
        NO_JITTER.nextPoll(NOW, 900, FetchOutcome.OK, 0, null, null, null));
  }

  @Test
  void shouldTreatNotModifiedAsSuccess() {
    assertEquals(NOW.plusSeconds(900),
        NO_JITTER.nextPoll(NOW, 900, FetchOutcome.NOT_MODIFIED, 0, null, null, null));
  }

  @Test
  void shouldHonourLongerRssTtl() {
    assertEquals(Duration.ofMinutes(60), success(900, 60, null));
  }

  @Test
  void shouldHonourLongerMaxAge() {
    assertEquals(Duration.ofHours(2), success(900, 30, Duration.ofHours(2)));
  }

  @Test
  void shouldNotPollFasterThanBaseWhenHintsAreShorter() {
    assertEquals(Duration.ofSeconds(900), success(900, 5, Duration.ofSeconds(60)));
  }

  @Test
  void shouldClampSuccessIntervalToOneMinuteAndOneDay() {
    assertEquals(Duration.ofSeconds(60), success(10, null, null));
    assertEquals(Duration.ofHours(24), success(900, 100_000, null));
    assertEquals(Duration.ofHours(24), success(900, null, Duration.ofDays(365)));
  }

  @Test
  void shouldBackOffExponentiallyFromBase() {
    assertEquals(Duration.ofSeconds(600), failure(NO_JITTER, 600, 1, null));
    assertEquals(Duration.ofSeconds(1200), failure(NO_JITTER, 600, 2, null));
    assertEquals(Duration.ofSeconds(2400), failure(NO_JITTER, 600, 3, null));
    assertEquals(Duration.ofSeconds(38_400), failure(NO_JITTER, 600, 7, null));
  }

  @Test
  void shouldApplyJitterOfTenPercent() {
    assertEquals(Duration.ofSeconds(2160), failure(new PollPolicy(fixed(0.0)), 600, 3, null));
    assertEquals(Duration.ofSeconds(2520), failure(new PollPolicy(fixed(0.75)), 600, 3, null));
  }

  @Test
  void shouldCapBackOffAtOneDayWithoutOverflow() {
    assertEquals(Duration.ofHours(24), failure(NO_JITTER, 600, 9, null));
    assertEquals(Duration.ofHours(24), failure(NO_JITTER, 3600, 10_000, null));
    assertEquals(Duration.ofHours(24), failure(new PollPolicy(fixed(0.99)), 600, 50, null));
    // Jitter below the cap still spreads feeds that all hit it.
    assertEquals(Duration.ofSeconds(77_760), failure(new PollPolicy(fixed(0.0)), 600, 50, null));
  }

  @Test
  void shouldUseRetryAfterAsFloor() {
    assertEquals(Duration.ofHours(3), NO_JITTER.interval(
        600, FetchOutcome.RATE_LIMITED, 1, null, null, Duration.ofHours(3)));
    assertEquals(Duration.ofSeconds(2400), failure(NO_JITTER, 600, 3, Duration.ofSeconds(30)));
  }

  @Test
  void shouldCapRetryAfterAtOneDay() {
    assertEquals(Duration.ofHours(24), NO_JITTER.interval(
        600, FetchOutcome.RATE_LIMITED, 1, null, null, Duration.ofDays(30)));
  }

  @Test
  void shouldTreatZeroFailuresOnErrorAsFirstFailure() {
    assertEquals(Duration.ofSeconds(600), failure(NO_JITTER, 600, 0, null));
  }

  @Test
  void shouldFlagUnhealthyAtThreshold() {
    assertFalse(NO_JITTER.isUnhealthy(4));
    assertTrue(NO_JITTER.isUnhealthy(5));
    PollPolicy strict = new PollPolicy(fixed(0.5), 2);
    assertFalse(strict.isUnhealthy(1));
    assertTrue(strict.isUnhealthy(2));
  }
}
