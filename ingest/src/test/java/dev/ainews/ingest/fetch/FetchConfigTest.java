package dev.ainews.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchConfigTest {

  @Test
  void shouldUseDefaultsWhenNothingIsSet() {
    FetchConfig c = FetchConfig.fromEnv(new Env(Map.of()));

    assertEquals(FetchConfig.defaults(), c);
    assertEquals("ainews/0.1 (+https://github.com/ainews; feed reader)", c.userAgent());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(30), c.deadline());
    assertEquals(15L * 1024 * 1024, c.maxBytes());
    assertEquals(5, c.maxRedirects());
    assertEquals(2, c.perHostConcurrency());
    assertEquals(false, c.allowPrivateNetworks());
  }

  @Test
  void shouldReadEveryVariable() {
    FetchConfig c = FetchConfig.fromEnv(new Env(Map.of(
        "AINEWS_USER_AGENT", "test-agent/1.0",
        "AINEWS_FETCH_CONNECT_TIMEOUT", "3s",
        "AINEWS_FETCH_DEADLINE", "2m",
        "AINEWS_FETCH_MAX_BYTES", "1048576",
        "AINEWS_FETCH_PER_HOST", "4",
        "AINEWS_ALLOW_PRIVATE_NETWORKS", "true")));

    assertEquals(new FetchConfig("test-agent/1.0", Duration.ofSeconds(3), Duration.ofMinutes(2),
        1_048_576, 5, 4, true), c);
  }

  @Test
  void shouldNameVariableWhenPerHostIsOutOfRange() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> FetchConfig.fromEnv(new Env(Map.of("AINEWS_FETCH_PER_HOST", "0"))));

    assertEquals("AINEWS_FETCH_PER_HOST='0' is invalid: expected an integer between 1 and 64",
        e.getMessage());
  }

  @Test
  void shouldNameVariableWhenDeadlineIsZero() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> FetchConfig.fromEnv(new Env(Map.of("AINEWS_FETCH_DEADLINE", "0s"))));

    assertEquals("AINEWS_FETCH_DEADLINE='0s' is invalid: expected a positive duration",
        e.getMessage());
  }

  @Test
  void shouldNameVariableWhenConnectTimeoutIsGarbage() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> FetchConfig.fromEnv(new Env(Map.of("AINEWS_FETCH_CONNECT_TIMEOUT", "soon"))));

    assertEquals("AINEWS_FETCH_CONNECT_TIMEOUT='soon' is invalid: expected a duration such as"
        + " 30s, 15m, 2h, 7d or PT30S", e.getMessage());
  }

  @Test
  void shouldNameVariableWhenAllowPrivateNetworksIsNotBoolean() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> FetchConfig.fromEnv(new Env(Map.of("AINEWS_ALLOW_PRIVATE_NETWORKS", "maybe"))));

    assertEquals("AINEWS_ALLOW_PRIVATE_NETWORKS='maybe' is invalid: expected true or false",
        e.getMessage());
  }
}
