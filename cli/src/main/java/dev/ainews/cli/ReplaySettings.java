package dev.ainews.cli;

import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateSettings;
import dev.ainews.enrich.EnrichConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The settings a replay runs the live apps with; shared by {@code ainews replay} and its benchmark. */
public final class ReplaySettings {

  /**
   * A week of event-time lateness is accepted. The stages that merge partitions keep publish-time order across them
   * (see {@link #TASK_IDLE}); what is left is the raw topic's own disorder within a partition (an item fetched a day
   * after it was published), a fraction of a day in the demo's history.
   */
  public static final Duration GRACE = Duration.ofDays(7);
  /** A replay is a batch job: fewer, longer transactions than the live apps' for throughput. */
  public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
  /**
   * How long a replay's story task and counting tasks wait for an input partition that has nothing buffered before
   * they go on without it (Streams' {@code max.task.idle.ms}). They read one topic per upstream task and take the
   * earliest record among them, so they keep publish-time order whatever pace the upstream tasks run at, as long as
   * a slower one's next transaction (one commit interval, plus a fetch) arrives within this time. An upstream task
   * that has finished its part would cost this wait: the replay writes end markers instead ({@link ReplayEnds}). The
   * live apps wait 1 s ({@code AINEWS_TASK_IDLE}), ten of their commit intervals: a replay's are 1 s.
   */
  public static final Duration TASK_IDLE = Duration.ofSeconds(10);

  private ReplaySettings() {}

  /** The live enrich settings with a replay's app id, state directory, commit interval and task idling. */
  public static EnrichConfig enrichConfig(EnrichConfig live, String bootstrap, String appId, Path state,
      Duration commitInterval) {
    return live.with(bootstrap, appId, state).withCommitIntervalMs((int) commitInterval.toMillis())
        .withTaskIdle(max(live.taskIdle(), TASK_IDLE));
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
        commitInterval, live.cacheBytes(), settings, null, max(live.taskIdle(), TASK_IDLE));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
