package dev.ainews.ingest.fetch;

import java.util.Locale;

/**
 * What became of one fetch. Every failure the network or the server can cause is one of these,
 * never an exception, so a poller can count, back off and move on.
 */
public enum FetchOutcome {
  /** 200: a body to parse. */
  OK,
  /** 304: the feed has not changed since the ETag / Last-Modified we sent. */
  NOT_MODIFIED,
  /** A 4xx other than 429, or a URL we cannot even form a request from. */
  CLIENT_ERROR,
  /** A 5xx (503 carries Retry-After when the server sent one), or a response we cannot decode. */
  SERVER_ERROR,
  /** 429: the server asked us to slow down; Retry-After is carried when sent. */
  RATE_LIMITED,
  /** The total deadline passed (headers or body). */
  TIMEOUT,
  /** The body, once decompressed, would exceed the byte cap. */
  TOO_LARGE,
  /** The URL or a redirect target is not http(s) or points into a private network. */
  BLOCKED,
  /** DNS failure, refused or reset connection, TLS failure, connect timeout. */
  NETWORK_ERROR,
  /** More redirects than allowed, or a redirect back to a URL already visited. */
  TOO_MANY_REDIRECTS;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** A stable lowercase name, safe as a metric tag value (bounded set). */
  public String label() {
    return label;
  }

  /** True when the feed answered as it should: the poller resets its failure count. */
  public boolean isSuccess() {
    return this == OK || this == NOT_MODIFIED;
  }
}
