package dev.ainews.common;

import java.time.Instant;
import java.util.Objects;

/**
 * One news item as ingest publishes it: the value of {@code ainews.raw.v1}, keyed
 * by {@link #id()}, record timestamp = {@link #publishedAt()}. All text fields are
 * plain text (no markup).
 *
 * @param id          64 hex chars: SHA-256 of the feed GUID, else the canonical URL, else title+content
 * @param feed        id of the {@link FeedSubscription} it came from
 * @param source      human name of the source
 * @param url         canonical link to the article (tracking parameters stripped), may be null
 * @param title       plain-text title, never blank
 * @param summary     plain-text summary, may be null
 * @param content     plain-text full content when the feed carries it, may be null
 * @param author      author names, may be null
 * @param language    BCP 47 primary language ("en", "zh"), may be null
 * @param publishedAt publish time; fetch time when the feed gives none or one in the future
 * @param fetchedAt   when ingest fetched it
 */
public record RawItem(
    String id,
    String feed,
    String source,
    String url,
    String title,
    String summary,
    String content,
    String author,
    String language,
    Instant publishedAt,
    Instant fetchedAt) {

  public RawItem {
    Objects.requireNonNull(id, "id is required");
    Objects.requireNonNull(title, "title is required");
    Objects.requireNonNull(publishedAt, "publishedAt is required");
    if (!isSha256Hex(id)) {
      throw new IllegalArgumentException("id must be 64 lowercase hex chars (SHA-256), got '" + abbreviate(id) + "'");
    }
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    if (title.length() > MAX_TITLE_CHARS) {
      throw new IllegalArgumentException("title is " + title.length() + " chars, more than " + MAX_TITLE_CHARS);
    }
  }

  /** Titles past this are not news headlines but a broken or hostile feed. */
  public static final int MAX_TITLE_CHARS = 2000;

  /** {@code id.matches("[0-9a-f]{64}")} without compiling a pattern for every item read. */
  private static boolean isSha256Hex(String id) {
    if (id.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
