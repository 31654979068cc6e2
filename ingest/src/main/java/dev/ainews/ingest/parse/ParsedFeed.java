package dev.ainews.ingest.parse;

import java.util.List;

/**
 * A feed as the document states it, before normalization: text fields may hold HTML.
 *
 * @param format     Rome's feed type ({@code rss_2.0}, {@code rss_1.0}, {@code rss_0.91U}, {@code atom_1.0},
 *                   {@code atom_0.3}) or {@code json_1.0}/{@code json_1.1} for JSON Feed
 * @param title      feed title, may be null
 * @param link       feed home page, absolute when the feed gives one, may be null
 * @param language   language as declared (e.g. "en-US"), may be null
 * @param ttlMinutes RSS {@code <ttl>}, null when absent
 * @param entries    entries in document order
 */
public record ParsedFeed(
    String format,
    String title,
    String link,
    String language,
    Integer ttlMinutes,
    List<ParsedEntry> entries) {

  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
