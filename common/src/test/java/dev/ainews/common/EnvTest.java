package dev.ainews.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void shouldUseDefaultsWhenVariablesAreUnsetOrBlank() {
    Env env = new Env(Map.of("BLANK", "  "));
    assertEquals(7, env.integer("BLANK", 7, 1, 10));
    assertEquals("d", env.string("MISSING", "d"));
    assertEquals(Duration.ofSeconds(30), env.duration("MISSING", Duration.ofSeconds(30)));
  }

  @Test
  void shouldParseDurationsWithUnitsAndIso() {
    Env env = new Env(Map.of("A", "500ms", "B", "15m", "C", "2h", "D", "7d", "E", "PT30S", "F", "45"));
    assertEquals(Duration.ofMillis(500), env.duration("A", null));
    assertEquals(Duration.ofMinutes(15), env.duration("B", null));
    assertEquals(Duration.ofHours(2), env.duration("C", null));
    assertEquals(Duration.ofDays(7), env.duration("D", null));
    assertEquals(Duration.ofSeconds(30), env.duration("E", null));
    assertEquals(Duration.ofSeconds(45), env.duration("F", null));
  }

  @Test
  void shouldNameTheVariableAndTheExpectationWhenAValueIsInvalid() {
    Env env = new Env(Map.of("AINEWS_INGEST_WORKERS", "lots", "AINEWS_X", "0", "AINEWS_FLAG", "maybe"));
    assertEquals("AINEWS_INGEST_WORKERS='lots' is invalid: expected an integer between 1 and 256",
        assertThrows(ConfigException.class, () -> env.integer("AINEWS_INGEST_WORKERS", 8, 1, 256)).getMessage());
    assertEquals("AINEWS_X='0' is invalid: expected an integer between 1 and 10",
        assertThrows(ConfigException.class, () -> env.integer("AINEWS_X", 3, 1, 10)).getMessage());
    assertEquals("AINEWS_FLAG='maybe' is invalid: expected true or false",
        assertThrows(ConfigException.class, () -> env.bool("AINEWS_FLAG", false)).getMessage());
  }
}
