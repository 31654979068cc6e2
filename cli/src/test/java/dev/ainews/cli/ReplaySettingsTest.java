package dev.ainews.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
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
}
