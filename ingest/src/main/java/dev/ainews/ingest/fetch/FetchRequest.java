package dev.ainews.ingest.fetch;

import java.util.Objects;

/**
 * One feed to fetch.
 *
 * @param url the feed URL (http or https)
 * @param etag the ETag from the last successful fetch, sent as If-None-Match; null if none
 * @param lastModified the Last-Modified from the last successful fetch, sent as If-Modified-Since;
 *     null if none
 * @param maxBytes a cap on the decompressed body overriding {@link FetchConfig#maxBytes()} for this
 *     request; null to use the configured cap
 */
public record FetchRequest(String url, String etag, String lastModified, Long maxBytes) {

  public FetchRequest {
    Objects.requireNonNull(url, "url");
    if (maxBytes != null && maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
  }

  /** An unconditional fetch with the configured byte cap. */
  public static FetchRequest of(String url) {
    return new FetchRequest(url, null, null, null);
  }

  /** A conditional fetch with the validators stored from the previous one. */
  public static FetchRequest conditional(String url, String etag, String lastModified) {
    return new FetchRequest(url, etag, lastModified, null);
  }
}
