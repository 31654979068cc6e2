package dev.ainews.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ainews.common.Env;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {

  @Test
  void shouldJoinAsAStaticMemberOnlyWhenAnInstanceIdIsSet() {
    Properties fixed = EnrichApp.properties(EnrichConfig.fromEnv(new Env(Map.of("AINEWS_STREAMS_INSTANCE_ID",
        "enrich-a"))));
    assertEquals("enrich-a-2", new StreamsConfig(fixed).getMainConsumerConfigs("ainews-enrich", "c", 2)
        .get("group.instance.id"), "Streams gives each thread's consumer its own id");
    Properties dynamic = EnrichApp.properties(EnrichConfig.fromEnv(new Env(Map.of())));
    assertNull(new StreamsConfig(dynamic).getMainConsumerConfigs("ainews-enrich", "c", 1).get("group.instance.id"));
  }

  @Test
  void shouldKeepTheInstanceIdWhenPointedAtAnotherAppOrBroker() {
    EnrichConfig c = EnrichConfig.fromEnv(new Env(Map.of("AINEWS_STREAMS_INSTANCE_ID", "enrich-a")));
    assertEquals("enrich-a", c.with("127.0.0.1:1", "replay-1", java.nio.file.Path.of("x")).instanceId());
  }
}
