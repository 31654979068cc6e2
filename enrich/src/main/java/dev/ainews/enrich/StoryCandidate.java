package dev.ainews.enrich;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * An item on its way to story clustering: the SimHash of its headline and its
 * finished enriched JSON (story id = its own id). Internal to the enrich app (the
 * value of its story repartition topic), not part of the public contract.
 *
 * <p>Binary on the wire, 8 bytes of fingerprint then the JSON, so the single
 * story task copies bytes instead of parsing and writing JSON for every item.
 * A candidate without JSON (8 bytes on the wire) is the end marker a replay writes
 * once a raw partition's items are all in ({@link EnrichTopology#endOfInput}).
 */
public record StoryCandidate(long simhash, byte[] enrichedJson) {

  public StoryCandidate {
    Objects.requireNonNull(enrichedJson, "enrichedJson");
  }

  /** Whether this is the end marker rather than an item. */
  public boolean isEnd() {
    return enrichedJson.length == 0;
  }

  public static final Serde<StoryCandidate> SERDE = Serdes.serdeFrom(
      (topic, c) -> c == null ? null : ByteBuffer.allocate(8 + c.enrichedJson.length).putLong(c.simhash)
          .put(c.enrichedJson).array(),
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length < 8) {
          throw new SerializationException("story candidate of " + bytes.length + " bytes, expected at least 8");
        }
        return new StoryCandidate(ByteBuffer.wrap(bytes).getLong(), Arrays.copyOfRange(bytes, 8, bytes.length));
      });

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryCandidate c && c.simhash == simhash && Arrays.equals(c.enrichedJson, enrichedJson);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(simhash) * 31 + Arrays.hashCode(enrichedJson);
  }

  @Override
  public String toString() {
    return "StoryCandidate[simhash=" + Long.toHexString(simhash) + ", " + enrichedJson.length + " bytes of JSON]";
  }
}
