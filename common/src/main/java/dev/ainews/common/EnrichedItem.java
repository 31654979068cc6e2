package dev.ainews.common;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tagged item: the value of {@code ainews.enriched.v1}, keyed by item id, record
 * timestamp = publish time. Carries every field of {@link RawItem} plus the tags.
 *
 * @param companies       canonical company ids, sorted
 * @param countries       ISO 3166 alpha-2 codes plus "EU", sorted
 * @param themes          theme ids, sorted
 * @param evidence        the matches that produced the tags
 * @param storyId         id shared by syndicated copies of one story (the first copy's item id)
 * @param taxonomyVersion version of the taxonomy that tagged it
 */
public record EnrichedItem(
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
    Instant fetchedAt,
    List<String> companies,
    List<String> countries,
    List<String> themes,
    List<Evidence> evidence,
    String storyId,
    String taxonomyVersion) {

  public EnrichedItem {
    Objects.requireNonNull(id, "id is required");
    Objects.requireNonNull(title, "title is required");
    Objects.requireNonNull(publishedAt, "publishedAt is required");
    // The same bounds as RawItem: a record enrich would never write must not be counted either.
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    if (title.length() > RawItem.MAX_TITLE_CHARS) {
      throw new IllegalArgumentException("title is " + title.length() + " chars, more than " + RawItem.MAX_TITLE_CHARS);
    }
    companies = companies == null ? List.of() : List.copyOf(companies);
    countries = countries == null ? List.of() : List.copyOf(countries);
    themes = themes == null ? List.of() : List.copyOf(themes);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    if (storyId == null) {
      storyId = id;
    }
  }

  public static EnrichedItem of(RawItem raw, List<String> companies, List<String> countries, List<String> themes,
      List<Evidence> evidence, String storyId, String taxonomyVersion) {
    return new EnrichedItem(raw.id(), raw.feed(), raw.source(), raw.url(), raw.title(), raw.summary(), raw.content(),
        raw.author(), raw.language(), raw.publishedAt(), raw.fetchedAt(), companies, countries, themes, evidence,
        storyId, taxonomyVersion);
  }
}
