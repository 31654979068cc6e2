package dev.ainews.common.kafka;

import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of the contract, idempotently: a topic that already exists is left as it is. */
public final class TopicAdmin {

  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

  /** Three replicas where the cluster has them; fewer only because a small cluster has fewer brokers. */
  private static final int MAX_REPLICATION = 3;

  private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates each topic that does not exist yet with {@code partitions},
   * {@code replication} and its {@link Topic#configs()}. Existing topics are not
   * altered (their partition count and configs may have been tuned on purpose).
   *
   * @return the names of the topics this call created, in the given order
   */
  public static Set<String> createTopics(Admin admin, Collection<? extends Topic<?, ?>> topics, int partitions,
      short replication) {
    List<NewTopic> requests = new ArrayList<>();
    for (Topic<?, ?> t : topics) {
      requests.add(new NewTopic(t.name(), partitions, replication).configs(t.configs()));
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(requests).values();
    Set<String> created = new LinkedHashSet<>();
    for (NewTopic request : requests) {
      String name = request.name();
      try {
        results.get(name).get();
        created.add(name);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + name + " (" + partitions + " partitions, "
              + "replication " + replication + "): " + ex.getCause().getMessage(), ex.getCause());
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topic " + name, ex);
      }
    }
    awaitVisible(admin, created);
    if (!created.isEmpty()) {
      log.info("Created topics {} with {} partitions, replication {}", created, partitions, replication);
    }
    return created;
  }

  /**
   * The controller acknowledges a creation before the brokers have applied it; until
   * then a describe or a fetch answers "unknown topic". Callers get topics they can use.
   */
  private static void awaitVisible(Admin admin, Set<String> names) {
    if (names.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() >= deadline) {
          throw new IllegalStateException("created topics " + names + " but they did not become visible within "
              + VISIBLE_TIMEOUT.toSeconds() + "s: " + e.getCause().getMessage(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics " + names, e);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /**
   * Waits for the broker (up to 30s), then creates {@link Topics#core()} with
   * {@code partitions} each and a replication of min(3, brokers in the cluster).
   *
   * @return the names of the topics this call created
   */
  public static Set<String> ensureCoreTopics(String bootstrap, int partitions) {
    KafkaClients.waitForBroker(bootstrap, Duration.ofSeconds(30));
    try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "ainews-topic-admin"))) {
      int brokers = admin.describeCluster().nodes().get().size();
      short replication = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
      return createTopics(admin, Topics.core(), partitions, replication);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the Kafka cluster at " + bootstrap + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the core topics at " + bootstrap, e);
    }
  }

  /**
   * The partitions of {@code topic}, once the broker answers (up to 30 s); a missing topic is an error naming it, as
   * an app that reads it cannot plan its tasks without it.
   */
  public static int partitions(String bootstrap, String topic) {
    KafkaClients.waitForBroker(bootstrap, Duration.ofSeconds(30));
    try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrap, "ainews-topic-admin"))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrap
            + "; create it (ingest and `ainews run` create the core topics) before starting an app that reads it");
      }
      throw new IllegalStateException("cannot describe topic " + topic + " at " + bootstrap + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic + " at " + bootstrap, e);
    }
  }
}
