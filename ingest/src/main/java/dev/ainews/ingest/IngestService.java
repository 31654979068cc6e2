package dev.ainews.ingest;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest instance. Instances form a consumer group on {@code ainews.feeds}:
 * Kafka assigns each the partitions, hence the feeds, it polls; when an instance
 * stops, or dies and its session times out, its partitions move to the survivors,
 * which restore those feeds' state from {@code ainews.feeds.state} and carry on.
 * An instance with a given id is a static member: restarted under that id after a
 * crash, it gets its partitions back without waiting for the session to time out.
 * Membership and failover are Kafka's; nothing here elects or heartbeats.
 *
 * <p>Threads: one loop thread owns the consumer, the producer and all state;
 * fetches run on a worker pool and hand their {@link PollResult}s back through a
 * queue. A result is applied only after its transaction committed.
 */
public final class IngestService implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);
  private static final Duration RETRY_AFTER_PUBLISH_FAILURE = Duration.ofSeconds(30);
  private static final Duration BUSY_TICK = Duration.ofMillis(10);
  private static final long STATUS_EVERY_NANOS = 500_000_000L;
  private long statusAt;

  /** A feed this instance owns, with the assignment generation it was loaded in. */
  private record Owned(FeedSubscription feed, int partition, long generation) {}

  private record Completed(PollResult result, long generation, int partition) {}

  private final Consumer<String, FeedSubscription> consumer;
  private final IngestSink sink;
  private final Function<Collection<Integer>, Map<String, FeedState>> stateLoader;
  private final FeedPoller poller;
  private final ExecutorService workers;
  private final int maxInFlight;
  private final IngestMetrics metrics;
  private final Clock clock;

  private final Map<String, Owned> owned = new HashMap<>();
  private final Map<String, FeedState> states = new HashMap<>();
  private final Map<String, Instant> inFlight = new HashMap<>();
  /** Due feeds were left waiting for a free worker at the last scheduling round. */
  private boolean backlog;
  private final LinkedBlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Status status = new Status(0, 0, 0, 0, 0L, null);
  private long generation;
  private volatile Throwable fatal;
  private final List<AutoCloseable> closeAlso = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * What the instance is doing, for status lines and health checks.
   *
   * @param feedsPolledOnce feeds with at least one poll result (now or restored)
   * @param feedsFailing    feeds whose last poll failed
   * @param feedsUnhealthy  feeds failing for longer than the unhealthy threshold
   */
  public record Status(int feedsOwned, int feedsPolledOnce, int feedsFailing, int feedsUnhealthy, long itemsPublished,
      Instant lastPublishAt) {}

  public IngestService(Consumer<String, FeedSubscription> consumer, IngestSink sink,
      Function<Collection<Integer>, Map<String, FeedState>> stateLoader, FeedPoller poller, ExecutorService workers,
      int maxInFlight, IngestMetrics metrics, Clock clock) {
    this.consumer = consumer;
    this.sink = sink;
    this.stateLoader = stateLoader;
    this.poller = poller;
    this.workers = workers;
    this.maxInFlight = maxInFlight;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Resources (the fetcher) closed together with the Kafka clients when the loop ends. */
  public IngestService closing(AutoCloseable resource) {
    closeAlso.add(resource);
    return this;
  }

  public Status status() {
    return status;
  }

  /** The error that stopped the loop, or null. */
  public Throwable failure() {
    return fatal;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(Topics.FEEDS.name()), new Rebalance());
      while (!closing.get()) {
        pollFeedList();
        publishCompleted();
        scheduleDue();
        // The loop turns every 10 ms while busy; the status (a walk over every owned
        // feed) is only read by people and gauges, so twice a second is enough.
        if (System.nanoTime() - statusAt > STATUS_EVERY_NANOS) {
          updateStatus(status.itemsPublished(), status.lastPublishAt());
          statusAt = System.nanoTime();
        }
      }
      publishCompleted();
    } catch (WakeupException e) {
      if (!closing.get()) {
        fatal = e;
        throw e;
      }
    } catch (RuntimeException e) {
      fatal = e;
      log.error("ingest instance stopped: {}", e.toString(), e);
      throw e;
    } finally {
      workers.shutdownNow();
      try {
        // Leave the group explicitly: a static member otherwise stays in it until its session times out (45 s),
        // and its feeds go unpolled that long. Only a stop takes this path; a crashed instance never says goodbye,
        // and restarted with the same instance id it takes its feeds back at once.
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(10)));
      } catch (RuntimeException e) {
        log.warn("closing the feed-list consumer failed: {}", e.toString());
      }
      sink.close();
      for (AutoCloseable c : closeAlso) {
        try {
          c.close();
        } catch (Exception e) {
          log.warn("closing {} failed: {}", c, e.toString());
        }
      }
      stopped.countDown();
    }
  }

  private void pollFeedList() {
    // While fetches are in flight or due feeds wait for a worker, look back soon:
    // a result waiting for the next 200 ms tick would cap a large feed list at
    // a few dozen fetches a second.
    Duration tick = inFlight.isEmpty() && !backlog ? IngestConfig.LOOP_TICK : BUSY_TICK;
    try {
      for (ConsumerRecord<String, FeedSubscription> rec : consumer.poll(tick)) {
        if (rec.value() == null) {
          Owned gone = owned.remove(rec.key());
          if (gone != null) {
            log.info("feed {} removed from the feed list", rec.key());
            states.remove(rec.key());
            sink.forget(rec.key(), rec.partition(), positions(), consumer.groupMetadata());
          }
        } else {
          Owned prev = owned.put(rec.key(), new Owned(rec.value(), rec.partition(), generation));
          if (prev == null) {
            log.debug("feed {} ({}) assigned from {}-{}", rec.key(), rec.value().url(), rec.topic(), rec.partition());
          }
        }
      }
    } catch (RecordDeserializationException e) {
      // A broken subscription record must not stop every other feed: skip it.
      log.error("skipping unreadable feed subscription at {}-{} offset {}: {}", e.topicPartition().topic(),
          e.topicPartition().partition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void scheduleDue() {
    Instant now = clock.instant();
    backlog = false;
    for (Owned o : owned.values()) {
      if (inFlight.size() >= maxInFlight) {
        backlog = true;
        break;
      }
      FeedSubscription feed = o.feed();
      if (!feed.isEnabled() || inFlight.containsKey(feed.id())) {
        continue;
      }
      FeedState state = states.get(feed.id());
      if (state != null && state.url().equals(feed.url()) && state.nextPollAt().isAfter(now)) {
        continue;
      }
      inFlight.put(feed.id(), now);
      long gen = o.generation();
      int partition = o.partition();
      workers.execute(() -> {
        PollResult r;
        try {
          r = poller.poll(feed, state);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // Every poll must hand back a result: a feed whose task died without one would stay "in flight" and
          // never be polled again. An oversized document's memory is free again once its parse has unwound.
          log.error("polling feed {} ({}) failed unexpectedly: {}", feed.id(), feed.url(), e.toString(), e);
          FeedState s = state != null ? state : FeedState.initial(feed.id(), feed.url());
          r = new PollResult(feed, new FeedState(s.feedId(), feed.url(), s.etag(), s.lastModified(),
              clock.instant().plus(RETRY_AFTER_PUBLISH_FAILURE), s.consecutiveFailures() + 1, "internal_error",
              e.toString(), s.lastSuccessAt(), s.seen()), List.of(), "internal_error", Duration.ZERO);
        }
        completed.add(new Completed(r, gen, partition));
      });
    }
  }

  private void publishCompleted() {
    List<Completed> batch = new ArrayList<>();
    completed.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    List<IngestSink.Entry> entries = new ArrayList<>();
    for (Completed c : batch) {
      String id = c.result().feed().id();
      inFlight.remove(id);
      Owned o = owned.get(id);
      if (o == null || o.generation() != c.generation()) {
        // The feed moved to another instance (or was removed) while we fetched:
        // its new owner polls it; emitting here would duplicate.
        log.debug("dropping the result of feed {}: no longer owned", id);
        continue;
      }
      entries.add(new IngestSink.Entry(c.result(), c.partition()));
    }
    if (entries.isEmpty()) {
      return;
    }
    try {
      sink.publish(entries, positions(), consumer.groupMetadata());
    } catch (ProducerFencedException | AuthorizationException | UnsupportedVersionException e) {
      throw e;
    } catch (KafkaException e) {
      metrics.publishFailed();
      log.warn("publishing {} feed results failed, will poll them again in {}: {}", entries.size(),
          RETRY_AFTER_PUBLISH_FAILURE, e.toString());
      Instant retry = clock.instant().plus(RETRY_AFTER_PUBLISH_FAILURE);
      for (IngestSink.Entry e2 : entries) {
        FeedSubscription feed = e2.result().feed();
        // A feed never published before has no state yet: without one it would be due again at once and
        // re-fetched on every loop tick until the broker is back.
        FeedState old = states.getOrDefault(feed.id(), FeedState.initial(feed.id(), feed.url()));
        states.put(old.feedId(), new FeedState(old.feedId(), old.url(), old.etag(), old.lastModified(), retry,
            old.consecutiveFailures(), old.lastOutcome(), old.lastError(), old.lastSuccessAt(), old.seen()));
      }
      return;
    }
    long items = status.itemsPublished();
    for (IngestSink.Entry e : entries) {
      PollResult r = e.result();
      states.put(r.feed().id(), r.state());
      metrics.fetched(r.feed().id(), r.outcome(), r.elapsed());
      if (!r.newItems().isEmpty()) {
        metrics.published(r.feed().id(), r.newItems().size());
        items += r.newItems().size();
        log.info("feed {}: {} new items", r.feed().id(), r.newItems().size());
      }
    }
    updateStatus(items, clock.instant());
  }

  private void updateStatus(long items, Instant lastPublish) {
    int unhealthy = 0;
    int failing = 0;
    int polled = 0;
    for (Owned o : owned.values()) {
      FeedState s = states.get(o.feed().id());
      if (s != null && s.lastOutcome() != null) {
        polled++;
        if (s.consecutiveFailures() > 0) {
          failing++;
        }
        if (poller.isUnhealthy(s)) {
          unhealthy++;
        }
      }
    }
    metrics.feeds(owned.size(), unhealthy);
    status = new Status(owned.size(), polled, failing, unhealthy, items, lastPublish);
  }

  private Map<TopicPartition, OffsetAndMetadata> positions() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      out.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    }
    return out;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Land what is already fetched while we still own it, then let go.
      publishCompleted();
      dropPartitions(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Another instance owns them already: publishing now could duplicate.
      dropPartitions(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      generation++;
      // The feed list is state, not a stream: read the owned partitions whole.
      consumer.seekToBeginning(partitions);
      Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      Map<String, FeedState> restored = stateLoader.apply(numbers);
      states.putAll(restored);
      log.info("assigned feed-list partitions {}; restored state of {} feeds", numbers, restored.size());
    }

    private void dropPartitions(Collection<TopicPartition> partitions) {
      Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      owned.values().removeIf(o -> {
        if (numbers.contains(o.partition())) {
          states.remove(o.feed().id());
          return true;
        }
        return false;
      });
      if (!numbers.isEmpty()) {
        log.info("released feed-list partitions {}", numbers);
      }
      updateStatus(status.itemsPublished(), status.lastPublishAt());
    }
  }

  /** Stops the loop, lands nothing half-done, and waits up to the timeout. */
  public boolean stop(Duration timeout) throws InterruptedException {
    // No wakeup(): the loop polls in short ticks and, once told to stop, lands
    // the results already fetched before it closes the clients.
    closing.set(true);
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
