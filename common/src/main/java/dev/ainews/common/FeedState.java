package dev.ainews.common;

import java.time.Instant;
import java.util.List;

/**
 * Per-feed poll state kept by ingest in the compacted {@code ainews.feeds.state}
 * topic, keyed by feed id, so that a restarted or replacing instance neither
 * re-emits items nor storms the server.
 *
 * @param feedId              the feed
 * @param url                 the URL the validators below belong to (a changed URL resets them)
 * @param etag                last ETag, null if none
 * @param lastModified        last Last-Modified, null if none
 * @param nextPollAt          earliest time of the next poll
 * @param consecutiveFailures failures since the last success
 * @param lastOutcome         outcome label of the last fetch (e.g. "ok", "not_modified", "timeout")
 * @param lastError           message of the last failure, null after a success
 * @param lastSuccessAt       time of the last successful fetch
 * @param seen                item ids already emitted, newest first, bounded
 */
public record FeedState(
    String feedId,
    String url,
    String etag,
    String lastModified,
    Instant nextPollAt,
    int consecutiveFailures,
    String lastOutcome,
    String lastError,
    Instant lastSuccessAt,
    List<String> seen) {

  public FeedState {
    seen = seen == null ? List.of() : List.copyOf(seen);
  }

  public static FeedState initial(String feedId, String url) {
    return new FeedState(feedId, url, null, null, Instant.EPOCH, 0, null, null, null, List.of());
  }
}
