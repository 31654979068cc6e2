package dev.ainews.common;

import java.net.URI;
import java.util.Objects;

/**
 * A feed subscription: the value of {@code ainews.feeds}, keyed by {@link #id()}.
 * A null value (tombstone) for a key removes the feed.
 *
 * @param id             short stable id, lowercase {@code [a-z0-9._-]}; also the metric tag
 * @param url            absolute http(s) URL of the RSS/Atom/JSON feed
 * @param name           human name of the source, e.g. "TechCrunch AI"
 * @param language       BCP 47 language of the feed ("en", "zh"), null when unknown
 * @param pollIntervalSeconds base interval between polls; the fetcher adapts it to ttl/max-age/backoff
 * @param enabled        false keeps the subscription but stops polling
 * @param maxBytes       cap on the decompressed body, null for the service default
 */
public record FeedSubscription(
    String id,
    String url,
    String name,
    String language,
    Integer pollIntervalSeconds,
    Boolean enabled,
    Long maxBytes) {

  public static final int DEFAULT_POLL_INTERVAL_SECONDS = 900;
  /**
   * The smallest interval a subscription may ask for. The polite minimum between
   * two polls of a real feed (60 s by default) is the fetch policy's to enforce:
   * the offline demo polls its local server every second.
   */
  public static final int MIN_POLL_INTERVAL_SECONDS = 1;

  public FeedSubscription {
    Objects.requireNonNull(id, "feed id is required");
    Objects.requireNonNull(url, "feed url is required");
    if (!isFeedId(id)) {
      throw new IllegalArgumentException("feed id '" + id + "' must match [a-z0-9][a-z0-9._-]{0,63}");
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feed '" + id + "': invalid url '" + url + "': " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("feed '" + id + "': url must be absolute http(s), got '" + url + "'");
    }
    url = url.trim();
    if (name == null || name.isBlank()) {
      name = uri.getHost();
    }
    if (pollIntervalSeconds == null) {
      pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
    } else if (pollIntervalSeconds < MIN_POLL_INTERVAL_SECONDS) {
      throw new IllegalArgumentException("feed '" + id + "': pollIntervalSeconds " + pollIntervalSeconds
          + " must be at least " + MIN_POLL_INTERVAL_SECONDS);
    }
    if (enabled == null) {
      enabled = Boolean.TRUE;
    }
    if (maxBytes != null && maxBytes <= 0) {
      throw new IllegalArgumentException("feed '" + id + "': maxBytes must be positive");
    }
  }

  /** {@code id.matches("[a-z0-9][a-z0-9._-]{0,63}")} without compiling a pattern per record read. */
  private static boolean isFeedId(String id) {
    if (id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (!alnum && (i == 0 || c != '.' && c != '_' && c != '-')) {
        return false;
      }
    }
    return true;
  }

  public static FeedSubscription of(String id, String url, String name, String language) {
    return new FeedSubscription(id, url, name, language, null, null, null);
  }

  public boolean isEnabled() {
    return Boolean.TRUE.equals(enabled);
  }
}
