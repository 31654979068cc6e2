package dev.ainews.common;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The part of an enriched record that the aggregate counts: its tags, its story and its times. Reading only this
 * from the JSON skips the text and the evidence, which are most of a record's bytes and of its reading time.
 *
 * <p>{@link #fromJson} accepts and refuses exactly the records {@link EnrichedItem}'s serde does, with the same
 * message: a record outside the lean reader's plain shape, or one it finds invalid, is read by the full serde.
 *
 * @param id          the item id
 * @param storyId     the story, the item's own id when the record names none
 * @param publishedAt publish time
 * @param fetchedAt   fetch time, may be null
 */
public record EnrichedTags(String id, String storyId, Instant publishedAt, Instant fetchedAt, List<String> companies,
    List<String> countries, List<String> themes) {

  private static final JsonSerde<EnrichedItem> FULL = JsonSerde.of(EnrichedItem.class);

  public EnrichedTags {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storyId, "storyId");
    companies = List.copyOf(companies);
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
  }

  public static EnrichedTags of(EnrichedItem item) {
    return new EnrichedTags(item.id(), item.storyId(), item.publishedAt(), item.fetchedAt(), item.companies(),
        item.countries(), item.themes());
  }

  /**
   * Reads an enriched record's tags; null for a null payload (a tombstone). Throws the
   * {@link org.apache.kafka.common.errors.SerializationException} the full serde throws for an invalid record.
   */
  public static EnrichedTags fromJson(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    EnrichedTags lean = ItemJson.readTags(bytes);
    if (lean != null) {
      return lean;
    }
    EnrichedItem item = FULL.fromBytes(bytes);
    return item == null ? null : of(item);
  }
}
