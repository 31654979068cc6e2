package dev.ainews.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  private static Env env(String... pairs) {
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put(pairs[i], pairs[i + 1]);
    }
    return new Env(vars);
  }

  /** The feed-list consumer's config every ingest instance has, static or not. */
  private static Map<String, Object> dynamicConsumer(String clientId) {
    return Map.of(
        "bootstrap.servers", "kafka-1:9092",
        "client.id", clientId,
        "group.id", "ainews-ingest",
        "isolation.level", "read_committed",
        "enable.auto.commit", false,
        "auto.offset.reset", "earliest");
  }

  @Test
  void shouldJoinTheIngestGroupAsStaticMemberWhenInstanceIdIsSet() {
    IngestConfig c = IngestConfig.fromEnv(env("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092", "AINEWS_INSTANCE_ID",
        "ingest-1"));

    assertEquals("ingest-1", c.instanceId());
    assertTrue(c.staticMembership());
    Map<String, Object> expected = new HashMap<>(dynamicConsumer("ainews-ingest-ingest-1"));
    expected.put("group.instance.id", "ingest-1");
    assertEquals(expected, Ingest.feedListConsumerConfig(c, "ainews-ingest-ingest-1"));
  }

  @Test
  void shouldStayDynamicMemberWithTheDefaultInstanceIdNewOnEveryStart() {
    IngestConfig c = IngestConfig.fromEnv(env("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"));

    assertTrue(c.instanceId().endsWith("-" + ProcessHandle.current().pid()), c.instanceId());
    assertFalse(c.staticMembership());
    assertEquals(dynamicConsumer("ainews-ingest-x"), Ingest.feedListConsumerConfig(c, "ainews-ingest-x"));
  }

  @Test
  void shouldStayDynamicMemberWhenInstanceIdIsBlank() {
    IngestConfig c = IngestConfig.fromEnv(env("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092", "AINEWS_INSTANCE_ID", " "));

    assertFalse(c.staticMembership());
    assertEquals(dynamicConsumer("ainews-ingest-x"), Ingest.feedListConsumerConfig(c, "ainews-ingest-x"));
  }

  @Test
  void shouldJoinAsStaticMemberWhenTheCallerNamesTheInstance() {
    IngestConfig c = IngestConfig.fromEnv(env("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092")).withInstanceId("embedded");

    assertTrue(c.staticMembership());
    assertEquals("embedded", Ingest.feedListConsumerConfig(c, "ainews-ingest-embedded").get("group.instance.id"));
  }

  @Test
  void shouldKeepTheMembershipThroughTheOtherWithMethods() {
    IngestConfig given = IngestConfig.fromEnv(env("AINEWS_INSTANCE_ID", "ingest-1"));
    IngestConfig defaulted = IngestConfig.fromEnv(env());

    for (IngestConfig c : new IngestConfig[] {given, defaulted}) {
      IngestConfig changed = c.withBootstrap("kafka-2:9092").withMetricsPort(0)
          .withMinPollInterval(Duration.ofSeconds(5)).withFetch(c.fetch().withAllowPrivateNetworks(true));
      assertEquals(c.staticMembership(), changed.staticMembership(), c.instanceId());
      assertEquals(c.instanceId(), changed.instanceId());
    }
  }

  @Test
  void shouldRefuseAnInstanceIdKafkaWouldRefuseAsGroupInstanceId() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> IngestConfig.fromEnv(env("AINEWS_INSTANCE_ID", "ingest@host 1")));

    assertEquals("AINEWS_INSTANCE_ID='ingest@host 1' is not a valid instance id: expected 1 to 249 letters, digits, "
        + "'.', '_' or '-' (it is the feed-list consumer's group.instance.id)", e.getMessage());
  }
}
