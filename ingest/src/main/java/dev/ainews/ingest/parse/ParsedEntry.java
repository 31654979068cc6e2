package dev.ainews.ingest.parse;

import java.time.Instant;

/**
 * One entry as the feed states it. Text fields may hold HTML; all may be null.
 *
 * @param guid            RSS guid, Atom id, RDF about or JSON Feed id, raw; null when absent
 * @param guidIsPermaLink true when the guid is declared (or, for RSS, defaults to being) the article URL
 * @param link            article URL, absolute (resolved against xml:base, the feed link or the source URL)
 * @param title           title, may contain HTML
 * @param summaryHtml     RSS description, Atom summary, JSON Feed summary
 * @param contentHtml     content:encoded, Atom content, JSON Feed content_html/content_text
 * @param author          author names, comma separated
 * @param published       publish time
 * @param updated         last update time
 * @param language        entry language when the entry declares one
 */
public record ParsedEntry(
    String guid,
    boolean guidIsPermaLink,
    String link,
    String title,
    String summaryHtml,
    String contentHtml,
    String author,
    Instant published,
    Instant updated,
    String language) {}
