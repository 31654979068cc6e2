package dev.ainews.aggregate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One item counted under one key ({@code dimension|value} or {@code share|name}):
 * the value of the aggregate's repartition topic. Internal to the app, so it is a
 * fixed 9-byte binary rather than JSON: it is written once per tag of every item.
 *
 * @param story 64-bit hash of the item's story id
 * @param part  for a share key: the item counts in the numerator
 */
record Hit(long story, boolean part) {

  static final Serde<Hit> SERDE = Serdes.serdeFrom(
      (topic, hit) -> hit == null ? null : ByteBuffer.allocate(9).putLong(hit.story).put((byte) (hit.part ? 1 : 0))
          .array(),
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length != 9) {
          throw new SerializationException("a Hit has 9 bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Hit(b.getLong(), b.get() != 0);
      });

  /**
   * Story ids are item ids (64 hex chars); 64 bits of their hash keep the story sets
   * of the aggregate small, and a collision between two stories of one value in one
   * window (p ~ n^2 / 2^65) is far below any count anyone reads.
   */
  static long storyHash(String storyId) {
    UUID u = UUID.nameUUIDFromBytes(storyId.getBytes(StandardCharsets.UTF_8));
    return u.getMostSignificantBits() ^ u.getLeastSignificantBits();
  }
}
