package dev.ainews.ingest.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one fetch; failures are outcomes, never exceptions.
 *
 * @param outcome what happened
 * @param httpStatus the final HTTP status, 0 when no response was received
 * @param body the decompressed body for {@link FetchOutcome#OK}, otherwise null
 * @param contentType the Content-Type header of the final response, or null
 * @param finalUrl the URL after redirects (the last URL tried when the fetch failed)
 * @param etag the ETag to send next time; on 304 the one we sent when the server repeats none
 * @param lastModified the Last-Modified to send next time; on 304 as for {@code etag}
 * @param retryAfter the server's Retry-After on an error response, or null
 * @param maxAge Cache-Control max-age (or Expires) of a successful response, or null
 * @param elapsed time spent on the fetch, waiting for the per-host limit excluded
 * @param error what went wrong, naming the URL; null on success
 */
public record FetchResult(
    FetchOutcome outcome,
    int httpStatus,
    byte[] body,
    String contentType,
    String finalUrl,
    String etag,
    String lastModified,
    Duration retryAfter,
    Duration maxAge,
    Duration elapsed,
    String error) {

  public FetchResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  public boolean isSuccess() {
    return outcome.isSuccess();
  }

  /** A failure with no usable response (network, guard, deadline). */
  static FetchResult failure(FetchOutcome outcome, int status, String url, Duration elapsed, String error) {
    return new FetchResult(outcome, status, null, null, url, null, null, null, null, elapsed, error);
  }

  @Override
  public String toString() {
    // The body can be megabytes; the record default would print the array reference anyway.
    return "FetchResult[outcome=" + outcome.label() + ", httpStatus=" + httpStatus
        + ", bodyBytes=" + (body == null ? "null" : body.length)
        + ", contentType=" + contentType + ", finalUrl=" + finalUrl + ", etag=" + etag
        + ", lastModified=" + lastModified + ", retryAfter=" + retryAfter + ", maxAge=" + maxAge
        + ", elapsed=" + elapsed + ", error=" + error + "]";
  }
}
