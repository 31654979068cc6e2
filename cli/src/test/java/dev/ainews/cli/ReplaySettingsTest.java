package dev.ainews.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
import dev.ainews.enrich.EnrichConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySettingsTest {

  private static AggregateConfig replay(Map<String, String> env, int partitions, int cores) {
    return ReplaySettings.aggregateConfig(AggregateConfig.fromEnv(new Env(env)), "127.0.0.1:9092",
        "ainews-replay-x-aggregate", Path.of("state"), partitions, ReplaySettings.GRACE,
        ReplaySettings.COMMIT_INTERVAL, cores);
  }

  @Test
  void shouldRunTheReplaysAggregateOnAThreadPerCoreUpToThePartitions() {
    assertEquals(1, replay(Map.of(), 1, 8).threads());
    assertEquals(8, replay(Map.of(), 64, 8).threads());
    assertEquals(2, replay(Map.of(), 3, 2).threads());
    // More threads asked for than that: as asked.
    assertEquals(3, replay(Map.of("AINEWS_AGGREGATE_THREADS", "3"), 2, 2).threads());
  }

  @Test
  void shouldAcceptHistoryAWeekLateAndCommitEverySecond() {
    AggregateConfig c = replay(Map.of(), 3, 2);
    assertEquals(ReplaySettings.GRACE, c.settings().hour().grace());
    assertEquals(ReplaySettings.GRACE, c.settings().day().grace());
    assertEquals(ReplaySettings.COMMIT_INTERVAL, c.commitInterval());
    assertEquals(0, c.httpPort());
  }

  /**
   * The stages that merge partitions keep publish-time order only while they wait for a slower partition's next
   * transaction: a replay, whose transactions last 1 s, waits up to TASK_IDLE (more if AINEWS_TASK_IDLE says so), the
   * live apps 1 s, ten of their transactions.
   */
  @Test
  void shouldWaitForASlowerPartitionLongerInAReplay() {
    assertEquals(java.time.Duration.ofSeconds(1), AggregateConfig.fromEnv(new Env(Map.of())).taskIdle());
    assertEquals(java.time.Duration.ofSeconds(1), EnrichConfig.fromEnv(new Env(Map.of())).taskIdle());
    assertEquals(java.time.Duration.ZERO, EnrichConfig.fromEnv(new Env(Map.of("AINEWS_TASK_IDLE", "0"))).taskIdle());
    assertEquals(ReplaySettings.TASK_IDLE, replay(Map.of(), 3, 2).taskIdle());
    assertEquals(ReplaySettings.TASK_IDLE, ReplaySettings.enrichConfig(EnrichConfig.fromEnv(new Env(Map.of())),
        "127.0.0.1:9092", "ainews-replay-x-enrich", Path.of("state"), ReplaySettings.COMMIT_INTERVAL).taskIdle());
    assertEquals(java.time.Duration.ofMinutes(1), replay(Map.of("AINEWS_TASK_IDLE", "1m"), 3, 2).taskIdle());
    assertTrue(ReplaySettings.TASK_IDLE.compareTo(ReplaySettings.COMMIT_INTERVAL.multipliedBy(5)) >= 0,
        "a replay must wait out several of its commit intervals");
  }
}
