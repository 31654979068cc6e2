package dev.ainews.aggregate;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import dev.ainews.common.kafka.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of one aggregate instance, from environment variables.
 *
 * @param bootstrapServers KAFKA_BOOTSTRAP_SERVERS
 * @param applicationId    AINEWS_AGGREGATE_APP_ID (default ainews-aggregate): instances sharing it share the work
 * @param stateDir         AINEWS_STATE_DIR (default ./data/streams): RocksDB stores; kept across restarts
 * @param threads          AINEWS_AGGREGATE_THREADS (default 1)
 * @param httpPort         AINEWS_HTTP_PORT (default 8080): metrics and API, when the app runs its own endpoint
 * @param advertisedHost   AINEWS_ADVERTISED_HOST (default 127.0.0.1): how the other instances reach this one's API
 * @param partitions       AINEWS_PARTITIONS (default 3): partitions of the topics the app creates
 * @param commitInterval   AINEWS_AGGREGATE_COMMIT_INTERVAL (default 100ms): with the cache, the update rate of a window
 * @param cacheBytes       AINEWS_AGGREGATE_CACHE_BYTES (default 10 MiB): record cache that coalesces updates
 * @param settings         windows and bursts: AINEWS_AGGREGATE_GRACE_1H (6h), AINEWS_AGGREGATE_GRACE_1D (2d),
 *                         AINEWS_AGGREGATE_RETENTION_1H (30d), AINEWS_AGGREGATE_RETENTION_1D (400d),
 *                         AINEWS_BURST_ALPHA_1H (0.1), AINEWS_BURST_ALPHA_1D (0.2), AINEWS_BURST_WARMUP_1H (24),
 *                         AINEWS_BURST_WARMUP_1D (7), AINEWS_BURST_FLOOR (1.0), AINEWS_BURST_THRESHOLD (3.0),
 *                         AINEWS_BURST_MIN_1H (5), AINEWS_BURST_MIN_1D (10)
 * @param instanceId       AINEWS_STREAMS_INSTANCE_ID (optional): static group membership; a restarted instance
 *                         with the same id takes its tasks back at once instead of waiting for the session of its
 *                         dead predecessor to time out. Unique per instance of the app; null for dynamic
 * @param taskIdle         AINEWS_TASK_IDLE (default 1s, {@link KafkaClients#STREAMS_TASK_IDLE}): Streams'
 *                         {@code max.task.idle.ms}, how long a counting task waits for an enriched partition's batches
 *                         before it goes on without them (and so out of publish-time order); 0 waits only for
 *                         batches already on the broker. A replay waits longer
 */
public record AggregateConfig(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    int threads,
    int httpPort,
    String advertisedHost,
    int partitions,
    Duration commitInterval,
    long cacheBytes,
    AggregateSettings settings,
    String instanceId,
    Duration taskIdle) {

  public AggregateConfig {
    if (taskIdle == null || taskIdle.isNegative()) {
      throw new IllegalArgumentException("taskIdle must be zero or more, was " + taskIdle);
    }
  }

  /** Without static membership, with the default task idling. */
  public AggregateConfig(String bootstrapServers, String applicationId, Path stateDir, int threads, int httpPort,
      String advertisedHost, int partitions, Duration commitInterval, long cacheBytes, AggregateSettings settings) {
    this(bootstrapServers, applicationId, stateDir, threads, httpPort, advertisedHost, partitions, commitInterval,
        cacheBytes, settings, null, KafkaClients.STREAMS_TASK_IDLE);
  }

  public static AggregateConfig fromEnv(Env env) {
    AggregateSettings d = AggregateSettings.defaults();
    double floor = decimal(env, "AINEWS_BURST_FLOOR", d.hour().burst().floor());
    double threshold = decimal(env, "AINEWS_BURST_THRESHOLD", d.hour().burst().threshold());
    AggregateSettings settings;
    try {
      settings = new AggregateSettings(
          new AggregateSettings.PerWindow(
              env.duration("AINEWS_AGGREGATE_GRACE_1H", d.hour().grace()),
              env.duration("AINEWS_AGGREGATE_RETENTION_1H", d.hour().retention()),
              new BurstDetector.Settings(decimal(env, "AINEWS_BURST_ALPHA_1H", d.hour().burst().alpha()),
                  env.integer("AINEWS_BURST_WARMUP_1H", d.hour().burst().warmup(), 1, 10_000), floor, threshold,
                  env.longValue("AINEWS_BURST_MIN_1H", d.hour().burst().minCount(), 1, Long.MAX_VALUE))),
          new AggregateSettings.PerWindow(
              env.duration("AINEWS_AGGREGATE_GRACE_1D", d.day().grace()),
              env.duration("AINEWS_AGGREGATE_RETENTION_1D", d.day().retention()),
              new BurstDetector.Settings(decimal(env, "AINEWS_BURST_ALPHA_1D", d.day().burst().alpha()),
                  env.integer("AINEWS_BURST_WARMUP_1D", d.day().burst().warmup(), 1, 10_000), floor, threshold,
                  env.longValue("AINEWS_BURST_MIN_1D", d.day().burst().minCount(), 1, Long.MAX_VALUE))));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("aggregate settings are invalid: " + e.getMessage());
    }
    return new AggregateConfig(
        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.string("AINEWS_AGGREGATE_APP_ID", "ainews-aggregate"),
        Path.of(env.string("AINEWS_STATE_DIR", "./data/streams")),
        env.integer("AINEWS_AGGREGATE_THREADS", 1, 1, 64),
        env.integer("AINEWS_HTTP_PORT", 8080, 0, 65535),
        env.string("AINEWS_ADVERTISED_HOST", "127.0.0.1"),
        env.integer("AINEWS_PARTITIONS", 3, 1, 1000),
        env.duration("AINEWS_AGGREGATE_COMMIT_INTERVAL", Duration.ofMillis(100)),
        env.longValue("AINEWS_AGGREGATE_CACHE_BYTES", 10L * 1024 * 1024, 0, Long.MAX_VALUE),
        settings,
        env.string("AINEWS_STREAMS_INSTANCE_ID", null),
        env.duration("AINEWS_TASK_IDLE", KafkaClients.STREAMS_TASK_IDLE));
  }

  public AggregateConfig withBootstrap(String bootstrap) {
    return new AggregateConfig(bootstrap, applicationId, stateDir, threads, httpPort, advertisedHost, partitions,
        commitInterval, cacheBytes, settings, instanceId, taskIdle);
  }

  public AggregateConfig withStateDir(Path dir) {
    return new AggregateConfig(bootstrapServers, applicationId, dir, threads, httpPort, advertisedHost, partitions,
        commitInterval, cacheBytes, settings, instanceId, taskIdle);
  }

  public AggregateConfig withApplicationId(String id) {
    return new AggregateConfig(bootstrapServers, id, stateDir, threads, httpPort, advertisedHost, partitions,
        commitInterval, cacheBytes, settings, instanceId, taskIdle);
  }

  public AggregateConfig withCommitInterval(Duration interval) {
    return new AggregateConfig(bootstrapServers, applicationId, stateDir, threads, httpPort, advertisedHost,
        partitions, interval, cacheBytes, settings, instanceId, taskIdle);
  }

  public AggregateConfig withTaskIdle(Duration idle) {
    return new AggregateConfig(bootstrapServers, applicationId, stateDir, threads, httpPort, advertisedHost,
        partitions, commitInterval, cacheBytes, settings, instanceId, idle);
  }

  private static double decimal(Env env, String name, double defaultValue) {
    String v = env.string(name, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "='" + v + "' is invalid: expected a decimal number such as 0.1");
    }
  }
}
