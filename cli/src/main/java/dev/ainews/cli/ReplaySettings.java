package dev.ainews.cli;

import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateSettings;
import dev.ainews.enrich.EnrichConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The settings a replay runs the live apps with; shared by {@code ainews replay} and its benchmark. */
public final class ReplaySettings {

  /** History arrives out of order across partitions: a week of event-time lateness is accepted. */
  public static final Duration GRACE = Duration.ofDays(7);
  /** A replay is a batch job: fewer, longer transactions than the live apps' for throughput. */
  public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  private ReplaySettings() {}

  /** The live enrich settings with a replay's app id, state directory and commit interval. */
  public static EnrichConfig enrichConfig(EnrichConfig live, String bootstrap, String appId, Path state,
      Duration commitInterval) {
    return live.with(bootstrap, appId, state).withCommitIntervalMs((int) commitInterval.toMillis());
  }

  /**
   * The live aggregate settings for a replay: its app id and state, no HTTP port, the raw
   * topic's partition count, a grace (with retentions at least window + grace) fit for
   * history, which arrives out of order across partitions, and a stream thread per core (up to
   * the partitions; more if AINEWS_AGGREGATE_THREADS says so). The live app's one thread keeps up
   * with news; a replay's aggregate is left alone on the machine once enrich has caught up, and
   * with one thread it used one core of two then (1,000,000 items: 9,169 items/s with one
   * thread, 9,552–10,067 with two, one run each).
   */
  public static AggregateConfig aggregateConfig(AggregateConfig live, String bootstrap, String appId, Path state,
      int partitions, Duration grace, Duration commitInterval) {
    return aggregateConfig(live, bootstrap, appId, state, partitions, grace, commitInterval,
        Runtime.getRuntime().availableProcessors());
  }

  static AggregateConfig aggregateConfig(AggregateConfig live, String bootstrap, String appId, Path state,
      int partitions, Duration grace, Duration commitInterval, int cores) {
    AggregateSettings d = live.settings();
    AggregateSettings settings = new AggregateSettings(
        new AggregateSettings.PerWindow(grace, max(d.hour().retention(), Duration.ofHours(1).plus(grace)),
            d.hour().burst()),
        new AggregateSettings.PerWindow(grace, max(d.day().retention(), Duration.ofDays(1).plus(grace)),
            d.day().burst()));
    int threads = Math.max(live.threads(), Math.min(cores, partitions));
    return new AggregateConfig(bootstrap, appId, state, threads, 0, live.advertisedHost(), partitions,
        commitInterval, live.cacheBytes(), settings);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
