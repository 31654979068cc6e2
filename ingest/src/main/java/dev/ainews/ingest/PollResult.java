package dev.ainews.ingest;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import java.time.Duration;
import java.util.List;

/**
 * What one poll of one feed produced: the items not seen before and the feed
 * state to store once those items are safely in Kafka.
 *
 * @param outcome metric label: a fetch outcome or {@code parse_error}
 */
public record PollResult(
    FeedSubscription feed,
    FeedState state,
    List<RawItem> newItems,
    String outcome,
    Duration elapsed) {

  public PollResult {
    newItems = List.copyOf(newItems);
  }
}
