package dev.ainews.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parsing of the caching and back-off headers a feed server sends. */
final class HeaderValues {

  private HeaderValues() {}

  /**
   * Retry-After as delta-seconds ({@code 120}) or an HTTP-date, relative to {@code now}; a date in
   * the past gives zero. Null when absent or unreadable: a garbled header must not stall a feed.
   */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return seconds(v);
    }
    Instant at = httpDate(v);
    if (at == null) {
      return null;
    }
    Duration d = Duration.between(now, at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The max-age directive of Cache-Control (all header lines), else the time left until Expires.
   * Null when neither gives a positive lifetime; s-maxage is for shared caches, not for us.
   */
  static Duration maxAge(List<String> cacheControl, String expires, Instant now) {
    for (String line : cacheControl) {
      for (String directive : line.split(",")) {
        String d = directive.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("max-age=")) {
          String n = d.substring("max-age=".length()).replace("\"", "").trim();
          if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            Duration age = seconds(n);
            return age == null || age.isZero() ? null : age;
          }
        }
      }
    }
    Instant at = expires == null ? null : httpDate(expires.trim());
    if (at == null || !at.isAfter(now)) {
      return null;
    }
    return Duration.between(now, at);
  }

  /** An RFC 1123 date ({@code Wed, 21 Oct 2015 07:28:00 GMT}), or null. */
  static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration seconds(String digits) {
    try {
      return Duration.ofSeconds(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      // More digits than a long holds: absurd, treat as absent rather than as forever.
      return null;
    }
  }
}
