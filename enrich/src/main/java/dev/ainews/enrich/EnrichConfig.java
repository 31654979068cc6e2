package dev.ainews.enrich;

import dev.ainews.common.Env;
import dev.ainews.common.kafka.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the enrich app, from environment variables.
 *
 * @param bootstrapServers KAFKA_BOOTSTRAP_SERVERS
 * @param applicationId    AINEWS_ENRICH_APP_ID: the Streams application id (consumer group, state, internal topics)
 * @param stateDir         AINEWS_STATE_DIR: where Streams keeps its local state
 * @param threads          AINEWS_ENRICH_THREADS: stream threads
 * @param metricsPort      AINEWS_ENRICH_METRICS_PORT: port of /metrics when run alone, 0 for none
 * @param commitIntervalMs AINEWS_COMMIT_INTERVAL_MS: transaction commit interval (latency vs throughput)
 * @param instanceId       AINEWS_STREAMS_INSTANCE_ID (optional): static group membership; a restarted instance
 *                         with the same id takes its partitions back at once instead of waiting for the session
 *                         of its dead predecessor to time out. Unique per instance of the app; null for dynamic
 * @param taskIdle         AINEWS_TASK_IDLE (default 1s, {@link KafkaClients#STREAMS_TASK_IDLE}): Streams'
 *                         {@code max.task.idle.ms}, how long the story task waits for a raw partition's items before
 *                         it goes on without them (and so out of publish-time order); 0 waits only for items
 *                         already on the broker. A replay waits longer
 */
public record EnrichConfig(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    int threads,
    int metricsPort,
    int commitIntervalMs,
    String instanceId,
    Duration taskIdle) {

  public EnrichConfig {
    if (taskIdle == null || taskIdle.isNegative()) {
      throw new IllegalArgumentException("taskIdle must be zero or more, was " + taskIdle);
    }
  }

  /** Without static membership, with the default task idling. */
  public EnrichConfig(String bootstrapServers, String applicationId, Path stateDir, int threads, int metricsPort,
      int commitIntervalMs) {
    this(bootstrapServers, applicationId, stateDir, threads, metricsPort, commitIntervalMs, null,
        KafkaClients.STREAMS_TASK_IDLE);
  }

  public static EnrichConfig fromEnv(Env env) {
    return new EnrichConfig(
        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.string("AINEWS_ENRICH_APP_ID", "ainews-enrich"),
        Path.of(env.string("AINEWS_STATE_DIR", "data/streams")),
        env.integer("AINEWS_ENRICH_THREADS", 2, 1, 64),
        env.integer("AINEWS_ENRICH_METRICS_PORT", 9402, 0, 65535),
        env.integer("AINEWS_COMMIT_INTERVAL_MS", 100, 10, 60_000),
        env.string("AINEWS_STREAMS_INSTANCE_ID", null),
        env.duration("AINEWS_TASK_IDLE", KafkaClients.STREAMS_TASK_IDLE));
  }

  public EnrichConfig with(String bootstrap, String appId, Path dir) {
    return new EnrichConfig(bootstrap, appId, dir, threads, metricsPort, commitIntervalMs, instanceId, taskIdle);
  }

  public EnrichConfig withCommitIntervalMs(int ms) {
    return new EnrichConfig(bootstrapServers, applicationId, stateDir, threads, metricsPort, ms, instanceId,
        taskIdle);
  }

  public EnrichConfig withTaskIdle(Duration idle) {
    return new EnrichConfig(bootstrapServers, applicationId, stateDir, threads, metricsPort, commitIntervalMs,
        instanceId, idle);
  }
}
