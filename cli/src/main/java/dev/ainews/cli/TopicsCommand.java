package dev.ainews.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.Json;
import dev.ainews.common.kafka.BrokerUnavailableException;
import dev.ainews.common.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ainews topics}: the topic contract (key format, value schema, policy) and, when a
 * broker answers, partitions and approximate record counts, including replay topics.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {"List the ainews topics: key format, value schema (common/src/main/resources/schemas/),",
        "cleanup policy and, when a broker is reachable, partitions and approximate record counts."})
final class TopicsCommand implements Callable<Integer> {

  /** Short: listing the contract must not hang when nobody runs a broker. */
  private static final Duration PROBE = Duration.ofSeconds(3);

  @Mixin
  BrokerOption broker;

  @Option(names = "--json", description = "one JSON object per topic and line")
  boolean json;

  /** One row of the listing; partitions and records are null without a broker or when the topic is absent. */
  record Row(String topic, String key, String schema, String policy, Integer partitions, Long records) {}

  @Override
  public Integer call() throws Exception {
    String bootstrap = broker.bootstrap();
    List<TopicCatalog.Entry> entries = new ArrayList<>(TopicCatalog.all());
    List<Row> rows = new ArrayList<>();
    boolean reachable = true;
    try {
      KafkaClients.waitForBroker(bootstrap, PROBE);
    } catch (BrokerUnavailableException e) {
      reachable = false;
      System.err.println("ainews topics: " + e.getMessage() + "; partitions and counts left out");
    }
    if (!reachable) {
      entries.forEach(e -> rows.add(new Row(e.name(), e.key(), e.schema(), e.policy(), null, null)));
    } else {
      try (Admin admin = KafkaReads.admin(bootstrap)) {
        Set<String> present = admin.listTopics().names().get();
        for (String name : new TreeSet<>(present)) {
          // replay topics (ainews.enriched.v1.exp1, ...) follow their base topic
          if (entries.stream().noneMatch(e -> e.name().equals(name))) {
            TopicCatalog.find(name).ifPresent(entries::add);
          }
        }
        for (TopicCatalog.Entry e : entries) {
          Integer partitions = null;
          Long records = null;
          if (present.contains(e.name())) {
            List<TopicPartition> tps = KafkaReads.partitions(admin, e.name(), bootstrap);
            Map<TopicPartition, Long> end = KafkaReads.endOffsets(admin, tps);
            Map<TopicPartition, Long> start = KafkaReads.startOffsets(admin, tps);
            partitions = tps.size();
            records = KafkaReads.sum(end, start);
          }
          rows.add(new Row(e.name(), e.key(), e.schema(), e.policy(), partitions, records));
        }
      } catch (ExecutionException e) {
        throw new Main.UserException("cannot list the topics at " + bootstrap + ": " + e.getCause().getMessage());
      }
    }
    print(rows, reachable);
    return 0;
  }

  private void print(List<Row> rows, boolean reachable) throws Exception {
    if (json) {
      for (Row r : rows) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("topic", r.topic());
        o.put("key", r.key());
        o.put("schema", r.schema());
        o.put("policy", r.policy());
        o.put("exists", r.partitions() != null);
        if (r.partitions() != null) {
          o.put("partitions", r.partitions());
          o.put("records", r.records());
        }
        System.out.println(Json.MAPPER.writeValueAsString(o));
      }
      return;
    }
    String format = "%-40s %-28s %-38s %-26s %10s %10s%n";
    System.out.printf(format, "TOPIC", "KEY", "VALUE SCHEMA", "POLICY", "PARTITIONS", "RECORDS");
    for (Row r : rows) {
      System.out.printf(format, r.topic(), r.key(), r.schema(), r.policy(),
          r.partitions() == null ? (reachable ? "absent" : "?") : r.partitions(),
          r.records() == null ? "-" : "~" + r.records());
    }
    if (reachable) {
      System.out.println("RECORDS = end minus start offsets: approximate (transaction markers, compaction).");
    }
  }
}
