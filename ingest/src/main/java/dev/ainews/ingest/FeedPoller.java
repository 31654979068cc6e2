package dev.ainews.ingest;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.fetch.FetchOutcome;
import dev.ainews.ingest.fetch.FetchRequest;
import dev.ainews.ingest.fetch.FetchResult;
import dev.ainews.ingest.fetch.PollPolicy;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParseException;
import dev.ainews.ingest.parse.FeedParser;
import dev.ainews.ingest.parse.ParsedFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed, fetch -> parse -> normalize -> filter seen items, in the
 * manner of Miniflux's layering. Pure apart from the fetch: it returns the new
 * state instead of storing it, so the caller advances the state only after the
 * items were committed to Kafka (nothing lost, nothing twice).
 */
public final class FeedPoller {

  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

  /**
   * Entries read from one document, in document order (newest first in practice). A feed of 100,000 entries
   * would otherwise become one transaction of 100,000 items and a feed state remembering 300,000 ids, a record
   * far above Kafka's 1 MB limit that fails every publish it is part of. At 1,000 the state stays near 200 KB.
   */
  public static final int MAX_ENTRIES_PER_POLL = 1000;

  private final Function<FetchRequest, FetchResult> fetcher;
  private final FeedParser parser;
  private final Normalizer normalizer;
  private final PollPolicy policy;
  private final Clock clock;
  private final int seenPerFeed;

  public FeedPoller(Function<FetchRequest, FetchResult> fetcher, FeedParser parser, Normalizer normalizer,
      PollPolicy policy, Clock clock, int seenPerFeed) {
    this.fetcher = Objects.requireNonNull(fetcher);
    this.parser = Objects.requireNonNull(parser);
    this.normalizer = Objects.requireNonNull(normalizer);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
    this.seenPerFeed = seenPerFeed;
  }

  public PollResult poll(FeedSubscription feed, FeedState previous) {
    FeedState state = previous == null || !feed.url().equals(previous.url())
        ? carrySeen(FeedState.initial(feed.id(), feed.url()), previous)
        : previous;
    Instant started = clock.instant();
    FetchResult fetched = fetcher.apply(new FetchRequest(feed.url(), state.etag(), state.lastModified(), feed.maxBytes()));
    Instant now = clock.instant();
    Duration elapsed = fetched.elapsed() != null ? fetched.elapsed() : Duration.between(started, now);

    if (fetched.outcome() == FetchOutcome.NOT_MODIFIED) {
      FeedState next = new FeedState(feed.id(), feed.url(), orElse(fetched.etag(), state.etag()),
          orElse(fetched.lastModified(), state.lastModified()),
          policy.nextPoll(now, feed.pollIntervalSeconds(), fetched.outcome(), 0, null, fetched.maxAge(),
              fetched.retryAfter()),
          0, fetched.outcome().label(), null, now, state.seen());
      return new PollResult(feed, next, List.of(), fetched.outcome().label(), elapsed);
    }
    if (fetched.outcome() != FetchOutcome.OK) {
      return failed(feed, state, fetched, fetched.outcome().label(), fetched.error(), now, elapsed);
    }

    ParsedFeed parsed;
    List<RawItem> items;
    try {
      parsed = parser.parse(fetched.body(), fetched.contentType(), orElse(fetched.finalUrl(), feed.url()));
      if (parsed.entries().size() > MAX_ENTRIES_PER_POLL) {
        log.warn("feed {} ({}) lists {} entries; only the first {} are read", feed.id(), feed.url(),
            parsed.entries().size(), MAX_ENTRIES_PER_POLL);
        parsed = new ParsedFeed(parsed.format(), parsed.title(), parsed.link(), parsed.language(),
            parsed.ttlMinutes(), parsed.entries().subList(0, MAX_ENTRIES_PER_POLL));
      }
      items = normalizer.normalize(parsed, feed, now);
    } catch (FeedParseException e) {
      return failed(feed, state, fetched, "parse_error", e.getMessage(), now, elapsed);
    }

    Set<String> seen = new HashSet<>(state.seen());
    List<RawItem> fresh = new ArrayList<>();
    for (RawItem item : items) {
      if (seen.add(item.id())) {
        fresh.add(item);
      }
    }
    // Feeds list newest first; publishing in publish order keeps event time moving
    // forward downstream (windows, burst baselines) instead of jumping back.
    fresh.sort(java.util.Comparator.comparing(RawItem::publishedAt));
    // Newest ids first; keep at least three documents' worth so that an item
    // that drops out of the feed and comes back is still recognised.
    LinkedHashSet<String> nextSeen = new LinkedHashSet<>();
    fresh.forEach(i -> nextSeen.add(i.id()));
    items.forEach(i -> nextSeen.add(i.id()));
    nextSeen.addAll(state.seen());
    int keep = Math.max(seenPerFeed, 3 * items.size());
    List<String> bounded = nextSeen.stream().limit(keep).toList();

    FeedState next = new FeedState(feed.id(), feed.url(), fetched.etag(), fetched.lastModified(),
        policy.nextPoll(now, feed.pollIntervalSeconds(), fetched.outcome(), 0, parsed.ttlMinutes(), fetched.maxAge(),
            fetched.retryAfter()),
        0, fetched.outcome().label(), null, now, bounded);
    return new PollResult(feed, next, fresh, fetched.outcome().label(), elapsed);
  }

  private PollResult failed(FeedSubscription feed, FeedState state, FetchResult fetched, String outcome, String error,
      Instant now, Duration elapsed) {
    int failures = state.consecutiveFailures() + 1;
    Instant next = policy.nextPoll(now, feed.pollIntervalSeconds(), fetched.outcome() == FetchOutcome.OK
        ? FetchOutcome.SERVER_ERROR : fetched.outcome(), failures, null, null, fetched.retryAfter());
    if (Thread.currentThread().isInterrupted()) {
      // The service is shutting down; this result is discarded anyway.
      log.debug("feed {} poll interrupted by shutdown", feed.id());
    } else if (failures == 1) {
      // The first failure of a feed is worth a line on the console; repeats go to the log.
      log.warn("feed {} ({}) failed: {}", feed.id(), feed.url(), error);
    } else if (failures == policy.unhealthyThreshold()) {
      log.warn("feed {} ({}) is unhealthy: {} consecutive failures, last: {}; next try at {}", feed.id(), feed.url(),
          failures, error, next);
    } else {
      log.info("feed {} ({}) failed ({}): {}; retry at {}", feed.id(), feed.url(), outcome, error, next);
    }
    FeedState s = new FeedState(feed.id(), feed.url(), state.etag(), state.lastModified(), next, failures, outcome,
        error, state.lastSuccessAt(), state.seen());
    return new PollResult(feed, s, List.of(), outcome, elapsed);
  }

  public boolean isUnhealthy(FeedState state) {
    return policy.isUnhealthy(state.consecutiveFailures());
  }

  /** A feed whose URL changed starts with fresh validators but keeps its seen ids. */
  private static FeedState carrySeen(FeedState fresh, FeedState previous) {
    if (previous == null) {
      return fresh;
    }
    return new FeedState(fresh.feedId(), fresh.url(), null, null, Instant.EPOCH, 0, null, null,
        previous.lastSuccessAt(), previous.seen());
  }

  private static String orElse(String a, String b) {
    return a != null ? a : b;
  }
}
