package dev.ainews.ingest;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import dev.ainews.ingest.fetch.FetchConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Configuration of one ingest instance, from environment variables (see the
 * README's configuration table).
 *
 * @param bootstrapServers    KAFKA_BOOTSTRAP_SERVERS
 * @param groupId             AINEWS_INGEST_GROUP: instances sharing it share the feed list
 * @param instanceId          AINEWS_INSTANCE_ID: unique per instance; names its transactional producer
 * @param staticMembership    whether the instance id was given (AINEWS_INSTANCE_ID set, or {@link #withInstanceId}):
 *                            then the feed-list consumer is a static group member ({@code group.instance.id}), so
 *                            an instance restarted after a crash takes its feeds back at once instead of after the
 *                            consumer session timeout (45 s). The default id (host name + pid) is new on every start:
 *                            as a static id it would leave a ghost member holding the feeds until that timeout, so
 *                            with it the consumer stays a dynamic member
 * @param workers             AINEWS_INGEST_WORKERS: fetches in flight at once
 * @param unhealthyAfter      AINEWS_UNHEALTHY_AFTER: consecutive failures that mark a feed unhealthy
 * @param seenPerFeed         AINEWS_SEEN_PER_FEED: item ids remembered per feed (at least 3x the feed's size is kept);
 *                            at most 10,000, so a feed's state stays well under Kafka's 1 MB record limit
 * @param metricsPort         AINEWS_INGEST_METRICS_PORT: port of /metrics, 0 for none, -1 for a free port
 * @param minPollInterval     AINEWS_MIN_POLL_INTERVAL: polite minimum between two polls of one feed
 * @param fetch               the HTTP fetch settings
 */
public record IngestConfig(
    String bootstrapServers,
    String groupId,
    String instanceId,
    boolean staticMembership,
    int workers,
    int unhealthyAfter,
    int seenPerFeed,
    int metricsPort,
    Duration minPollInterval,
    FetchConfig fetch) {

  /**
   * Kafka's rule for a {@code group.instance.id}. A transactional id has none, so an id that only named the producer
   * before can be refused now: better said at start, naming the variable, than by the Kafka client.
   */
  private static final Pattern GROUP_INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public IngestConfig {
    if (staticMembership && !GROUP_INSTANCE_ID.matcher(instanceId).matches()) {
      throw new ConfigException("AINEWS_INSTANCE_ID='" + instanceId + "' is not a valid instance id: expected 1 to 249 "
          + "letters, digits, '.', '_' or '-' (it is the feed-list consumer's group.instance.id)");
    }
  }

  public static IngestConfig fromEnv(Env env) {
    String given = env.string("AINEWS_INSTANCE_ID", null);
    return new IngestConfig(
        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.string("AINEWS_INGEST_GROUP", "ainews-ingest"),
        given != null ? given : defaultInstanceId(),
        given != null,
        env.integer("AINEWS_INGEST_WORKERS", 8, 1, 256),
        env.integer("AINEWS_UNHEALTHY_AFTER", 5, 1, 1000),
        env.integer("AINEWS_SEEN_PER_FEED", 1000, 50, 10_000),
        env.integer("AINEWS_INGEST_METRICS_PORT", 9401, -1, 65535),
        env.duration("AINEWS_MIN_POLL_INTERVAL", Duration.ofMinutes(1)),
        FetchConfig.fromEnv(env));
  }

  public IngestConfig withBootstrap(String bootstrap) {
    return new IngestConfig(bootstrap, groupId, instanceId, staticMembership, workers, unhealthyAfter, seenPerFeed,
        metricsPort, minPollInterval, fetch);
  }

  /** A given id, hence a static member of the ingest group: the caller keeps it across restarts. */
  public IngestConfig withInstanceId(String id) {
    return new IngestConfig(bootstrapServers, groupId, id, true, workers, unhealthyAfter, seenPerFeed, metricsPort,
        minPollInterval, fetch);
  }

  public IngestConfig withMetricsPort(int port) {
    return new IngestConfig(bootstrapServers, groupId, instanceId, staticMembership, workers, unhealthyAfter,
        seenPerFeed, port, minPollInterval, fetch);
  }

  public IngestConfig withMinPollInterval(Duration d) {
    return new IngestConfig(bootstrapServers, groupId, instanceId, staticMembership, workers, unhealthyAfter,
        seenPerFeed, metricsPort, d, fetch);
  }

  public IngestConfig withFetch(FetchConfig f) {
    return new IngestConfig(bootstrapServers, groupId, instanceId, staticMembership, workers, unhealthyAfter,
        seenPerFeed, metricsPort, minPollInterval, f);
  }

  /** How long the loop waits for a fetch before it looks at the feed list again. */
  static final Duration LOOP_TICK = Duration.ofMillis(200);

  private static String defaultInstanceId() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT) + "-"
          + ProcessHandle.current().pid();
    } catch (UnknownHostException e) {
      return "ingest-" + ProcessHandle.current().pid();
    }
  }
}
