package dev.ainews.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.common.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicAdminIT {

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.startTemporary();
    admin = Admin.create(KafkaClients.adminConfig(kafka.bootstrapServers(), "topic-admin-it"));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    kafka.close();
  }

  @Test
  void shouldCreateCoreTopicsOnceAndLeaveThemAloneTheSecondTime() {
    Set<String> first = TopicAdmin.ensureCoreTopics(kafka.bootstrapServers(), 4);
    Set<String> second = TopicAdmin.ensureCoreTopics(kafka.bootstrapServers(), 4);

    assertEquals(List.of("ainews.feeds", "ainews.feeds.state", "ainews.raw.v1", "ainews.enriched.v1",
        "ainews.dlq.v1"), List.copyOf(first));
    assertEquals(Set.of(), second);
  }

  @Test
  void shouldApplyPartitionsReplicationAndEachTopicsConfigs() throws Exception {
    TopicAdmin.createTopics(admin, List.of(Topics.FEEDS.withSuffix("cfg"), Topics.RAW.withSuffix("cfg")), 2,
        (short) 1);

    Map<String, TopicDescription> described =
        admin.describeTopics(List.of("ainews.feeds.cfg", "ainews.raw.v1.cfg")).allTopicNames().get();
    ConfigResource feeds = new ConfigResource(ConfigResource.Type.TOPIC, "ainews.feeds.cfg");
    ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, "ainews.raw.v1.cfg");
    Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(feeds, raw)).all().get();

    assertEquals(2, described.get("ainews.feeds.cfg").partitions().size());
    assertEquals(1, described.get("ainews.raw.v1.cfg").partitions().get(0).replicas().size());
    assertEquals("compact", configs.get(feeds).get("cleanup.policy").value());
    assertEquals("0.1", configs.get(feeds).get("min.cleanable.dirty.ratio").value());
    assertEquals("delete", configs.get(raw).get("cleanup.policy").value());
    assertEquals("-1", configs.get(raw).get("retention.ms").value());
  }
}
