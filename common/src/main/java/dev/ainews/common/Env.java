package dev.ainews.common;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of configuration from environment variables (or any map, for
 * tests), each with a default and validation. A bad value fails fast with a
 * {@link ConfigException} that names the variable, the value and what was expected.
 */
public final class Env {

  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public String string(String name, String defaultValue) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  public String required(String name, String hint) {
    String v = string(name, null);
    if (v == null) {
      throw new ConfigException(name + " is not set: " + hint);
    }
    return v;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return parse(name, defaultValue, "an integer between " + min + " and " + max, s -> {
      int i = Integer.parseInt(s);
      if (i < min || i > max) {
        throw new IllegalArgumentException();
      }
      return i;
    });
  }

  public long longValue(String name, long defaultValue, long min, long max) {
    return parse(name, defaultValue, "an integer between " + min + " and " + max, s -> {
      long l = Long.parseLong(s);
      if (l < min || l > max) {
        throw new IllegalArgumentException();
      }
      return l;
    });
  }

  public boolean bool(String name, boolean defaultValue) {
    return parse(name, defaultValue, "true or false", s -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException();
    });
  }

  /** A duration as ISO-8601 ({@code PT30S}) or a number with unit: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}. */
  public Duration duration(String name, Duration defaultValue) {
    return parse(name, defaultValue, "a duration such as 30s, 15m, 2h, 7d or PT30S", Env::parseDuration);
  }

  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
    }
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("no number in '" + s + "'");
    }
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "s", "" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown unit in '" + s + "'");
    };
  }

  private <T> T parse(String name, T defaultValue, String expected, Function<String, T> parser) {
    String v = string(name, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      throw new ConfigException(name + "='" + v + "' is invalid: expected " + expected);
    }
  }
}
