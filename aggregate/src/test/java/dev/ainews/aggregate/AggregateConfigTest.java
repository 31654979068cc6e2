package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AggregateConfigTest {

  @Test
  void shouldUseTheDocumentedDefaults() {
    AggregateConfig c = AggregateConfig.fromEnv(new Env(Map.of()));
    assertEquals("ainews-aggregate", c.applicationId());
    assertEquals(Path.of("./data/streams"), c.stateDir());
    assertEquals(Duration.ofHours(6), c.settings().hour().grace());
    assertEquals(Duration.ofDays(2), c.settings().day().grace());
    assertEquals(3.0, c.settings().hour().burst().threshold());
    assertEquals(5, c.settings().hour().burst().minCount());
    assertEquals(10, c.settings().day().burst().minCount());
  }

  @Test
  void shouldRunExactlyOnceWithAnExplicitStateDir() {
    Properties p = new AggregateApp(AggregateConfig.fromEnv(new Env(Map.of("AINEWS_STATE_DIR", "/var/ainews"))),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).streamsProperties();
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("/var/ainews", p.get(StreamsConfig.STATE_DIR_CONFIG));
  }

  @Test
  void shouldNameTheVariableOfABadValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AggregateConfig.fromEnv(new Env(Map.of("AINEWS_BURST_ALPHA_1H", "lots"))));
    assertTrue(e.getMessage().startsWith("AINEWS_BURST_ALPHA_1H='lots' is invalid"), e.getMessage());
  }

  @Test
  void shouldRejectAGraceLongerThanTheRetention() {
    ConfigException e = assertThrows(ConfigException.class, () -> AggregateConfig.fromEnv(new Env(Map.of(
        "AINEWS_AGGREGATE_GRACE_1H", "40d"))));
    assertTrue(e.getMessage().contains("1h retention"), e.getMessage());
  }

  @Test
  void shouldJoinAsAStaticMemberOnlyWhenAnInstanceIdIsSet() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Properties fixed = new AggregateApp(AggregateConfig.fromEnv(new Env(Map.of("AINEWS_STREAMS_INSTANCE_ID",
        "aggregate-a"))), registry).streamsProperties();
    assertEquals("aggregate-a", fixed.get(StreamsConfig.mainConsumerPrefix("group.instance.id")));
    assertEquals("aggregate-a-1", new StreamsConfig(fixed).getMainConsumerConfigs("ainews-aggregate", "c", 1)
        .get("group.instance.id"), "Streams gives each thread's consumer its own id");
    Properties dynamic = new AggregateApp(AggregateConfig.fromEnv(new Env(Map.of())), registry).streamsProperties();
    assertNull(new StreamsConfig(dynamic).getMainConsumerConfigs("ainews-aggregate", "c", 1)
        .get("group.instance.id"));
  }
}
