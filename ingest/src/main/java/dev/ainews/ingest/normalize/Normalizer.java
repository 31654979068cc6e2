package dev.ainews.ingest.normalize;

import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.parse.ParsedEntry;
import dev.ainews.ingest.parse.ParsedFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link ParsedFeed} into {@link RawItem}s: plain text, canonical URL, stable id, event time, language,
 * capped sizes. Stateless and thread-safe.
 */
public final class Normalizer {

  public static final int MAX_TITLE_CHARS = 1000;
  public static final int MAX_SUMMARY_CHARS = 4000;
  public static final int MAX_CONTENT_CHARS = 20_000;
  static final int MAX_AUTHOR_CHARS = 500;
  /** Clock skew we accept before calling a publish time "in the future" and using the fetch time instead. */
  static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  private static final int FALLBACK_TITLE_WORDS = 12;
  private static final int FALLBACK_TITLE_CHARS = 160;

  /**
   * The items and what was dropped.
   *
   * @param items      items in document order, one per distinct id
   * @param skipped    entries with neither title nor text
   * @param duplicates entries that repeated an earlier entry's id in the same document
   */
  public record Result(List<RawItem> items, int skipped, int duplicates) {}

  public List<RawItem> normalize(ParsedFeed feed, FeedSubscription sub, Instant fetchedAt) {
    return normalizeCounted(feed, sub, fetchedAt).items();
  }

  public Result normalizeCounted(ParsedFeed feed, FeedSubscription sub, Instant fetchedAt) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    List<ParsedEntry> entries = feed.entries();
    List<String> urls = new ArrayList<>(entries.size());
    for (ParsedEntry e : entries) {
      urls.add(CanonicalUrl.of(e.link()));
    }
    Set<String> sharedGuids = guidsSharedByDifferentArticles(entries, urls);
    String feedLanguage = Languages.primary(feed.language());
    String subLanguage = Languages.primary(sub.language());

    Map<String, RawItem> byId = new LinkedHashMap<>();
    int skipped = 0;
    int duplicates = 0;
    for (int i = 0; i < entries.size(); i++) {
      ParsedEntry e = entries.get(i);
      String url = urls.get(i);
      String summary = PlainText.cap(PlainText.inline(e.summaryHtml()), MAX_SUMMARY_CHARS);
      String content = PlainText.cap(PlainText.blocks(e.contentHtml()), MAX_CONTENT_CHARS);
      if (summary != null && summary.equals(content)) {
        content = null; // RSS feeds often repeat the description as content:encoded; one copy is enough
      }
      String title = PlainText.inline(e.title());
      if (title == null) {
        title = PlainText.firstWords(summary != null ? summary : content, FALLBACK_TITLE_WORDS, FALLBACK_TITLE_CHARS);
      }
      if (title == null) {
        skipped++;
        continue;
      }
      title = PlainText.cap(title, MAX_TITLE_CHARS);

      String id;
      if (ItemIds.plausibleGuid(e.guid()) && !sharedGuids.contains(e.guid().strip())) {
        id = ItemIds.fromGuid(sub.id(), e.guid());
      } else if (url != null) {
        id = ItemIds.fromUrl(url);
      } else {
        id = ItemIds.fromText(title, content != null ? content : summary);
      }
      if (byId.containsKey(id)) {
        duplicates++;
        continue;
      }
      String language = firstNonNull(Languages.primary(e.language()), feedLanguage, subLanguage);
      if (language == null) {
        language = Languages.guess(summary == null ? title : title + " " + summary);
      }
      byId.put(id, new RawItem(id, sub.id(), sub.name(), url, title, summary, content,
          PlainText.cap(PlainText.inline(e.author()), MAX_AUTHOR_CHARS), language,
          publishTime(e, fetchedAt), fetchedAt));
    }
    return new Result(List.copyOf(byId.values()), skipped, duplicates);
  }

  /** Published, else updated; the fetch time when neither is given or the feed claims a time in the future. */
  static Instant publishTime(ParsedEntry e, Instant fetchedAt) {
    Instant t = e.published() != null ? e.published() : e.updated();
    if (t == null || t.isAfter(fetchedAt.plus(FUTURE_TOLERANCE))) {
      return fetchedAt;
    }
    return t;
  }

  /**
   * GUIDs that several entries of this document share while pointing at different articles: a broken feed
   * (e.g. every guid is the site URL), so those GUIDs identify nothing. Entries sharing a GUID and a URL are
   * copies of one article and keep the GUID, which then collapses them.
   */
  private static Set<String> guidsSharedByDifferentArticles(List<ParsedEntry> entries, List<String> urls) {
    Map<String, String> firstUrl = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String guid = entries.get(i).guid();
      if (guid == null || guid.isBlank()) {
        continue;
      }
      String g = guid.strip();
      String url = urls.get(i) == null ? "\u0000" + Objects.toString(entries.get(i).title()) : urls.get(i);
      String previous = firstUrl.putIfAbsent(g, url);
      if (previous != null && !previous.equals(url)) {
        shared.add(g);
      }
    }
    return shared;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
