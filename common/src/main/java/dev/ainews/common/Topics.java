package dev.ainews.common;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic contract of ainews (see README "Topics"). Keys are UTF-8 strings,
 * values JSON; each value type has a JSON Schema under
 * {@code common/src/main/resources/schemas/}.
 */
public final class Topics {

  private Topics() {}

  public static final Serde<String> KEY = Serdes.String();

  private static final Map<String, String> COMPACTED = Map.of(
      "cleanup.policy", "compact",
      "min.cleanable.dirty.ratio", "0.1",
      "segment.ms", "3600000");

  /** Replay needs the raw history: never deleted by time or size. */
  private static final Map<String, String> FOREVER = Map.of(
      "cleanup.policy", "delete",
      "retention.ms", "-1",
      "retention.bytes", "-1",
      "compression.type", "producer");

  private static final Map<String, String> RETAINED = FOREVER;

  /** Key: feed id. Value: {@link FeedSubscription}; a tombstone removes the feed. */
  public static final Topic<String, FeedSubscription> FEEDS =
      new Topic<>("ainews.feeds", KEY, JsonSerde.of(FeedSubscription.class), COMPACTED);

  /** Key: feed id. Value: {@link FeedState}, ingest's own bookkeeping. */
  public static final Topic<String, FeedState> FEED_STATE =
      new Topic<>("ainews.feeds.state", KEY, JsonSerde.of(FeedState.class), COMPACTED);

  /** Key: item id. Value: {@link RawItem}. Timestamp: publish time. */
  public static final Topic<String, RawItem> RAW =
      new Topic<>("ainews.raw.v1", KEY, JsonSerde.of(RawItem.class), FOREVER);

  /** Key: item id. Value: {@link EnrichedItem}. Timestamp: publish time. */
  public static final Topic<String, EnrichedItem> ENRICHED =
      new Topic<>("ainews.enriched.v1", KEY, JsonSerde.of(EnrichedItem.class), RETAINED);

  /**
   * Key: the failed record's original key bytes. Value: its original value bytes.
   * Headers say why and where from (see {@code dev.ainews.common.Dlq}).
   */
  public static final Topic<byte[], byte[]> DLQ =
      new Topic<>("ainews.dlq.v1", Serdes.ByteArray(), Serdes.ByteArray(), RETAINED);

  /** Topics every deployment has, in creation order. */
  public static List<Topic<?, ?>> core() {
    return List.of(FEEDS, FEED_STATE, RAW, ENRICHED, DLQ);
  }
}
