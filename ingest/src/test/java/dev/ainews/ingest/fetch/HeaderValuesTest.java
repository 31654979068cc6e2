package dev.ainews.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:00:00Z");

  @Test
  void shouldReadRetryAfterDeltaSeconds() {
    assertEquals(Duration.ofSeconds(3600), HeaderValues.retryAfter(" 3600 ", NOW));
  }

  @Test
  void shouldReadRetryAfterHttpDateRelativeToNow() {
    assertEquals(Duration.ofMinutes(28),
        HeaderValues.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
  }

  @Test
  void shouldTreatRetryAfterDateInThePastAsZero() {
    assertEquals(Duration.ZERO, HeaderValues.retryAfter("Wed, 21 Oct 2015 06:00:00 GMT", NOW));
  }

  @Test
  void shouldIgnoreUnreadableRetryAfter() {
    assertNull(HeaderValues.retryAfter("soon", NOW));
    assertNull(HeaderValues.retryAfter("-5", NOW));
    assertNull(HeaderValues.retryAfter("99999999999999999999999", NOW));
    assertNull(HeaderValues.retryAfter(null, NOW));
  }

  @Test
  void shouldReadMaxAgeAmongOtherDirectives() {
    assertEquals(Duration.ofSeconds(600),
        HeaderValues.maxAge(List.of("public, s-maxage=60", "max-age=600, must-revalidate"), null, NOW));
  }

  @Test
  void shouldFallBackToExpiresWithoutMaxAge() {
    assertEquals(Duration.ofHours(2),
        HeaderValues.maxAge(List.of("public"), "Wed, 21 Oct 2015 09:00:00 GMT", NOW));
  }

  @Test
  void shouldIgnoreZeroMaxAgeAndPastOrInvalidExpires() {
    assertNull(HeaderValues.maxAge(List.of("max-age=0"), null, NOW));
    assertNull(HeaderValues.maxAge(List.of(), "Wed, 21 Oct 2015 06:00:00 GMT", NOW));
    assertNull(HeaderValues.maxAge(List.of(), "0", NOW));
  }
}
