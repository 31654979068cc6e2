package dev.ainews.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The aggregate of one key in one window: items, share numerator, and distinct
 * stories. Which stories a window has already counted is not kept here but in the
 * story gate's store ({@link AggregateTopology#STORY_STORE}), which lists per (story, hour)
 * the keys it was first counted under: a tally stays 24 bytes however busy its key, so reading and
 * writing it through the store costs the same on DeepSeek's biggest day as on a
 * quiet one. Immutable: {@link #add} returns a new tally.
 *
 * @param items   hits counted (for a share key: the denominator)
 * @param part    share numerator; 0 for a dimension key
 * @param stories distinct stories; 0 for a share key
 */
record Tally(long items, long part, long stories) {

  static final Tally EMPTY = new Tally(0, 0, 0);

  /** Counts one hit; {@code newStory}: its story is counted in this key and window for the first time. */
  Tally add(boolean inPart, boolean newStory) {
    return new Tally(items + 1, part + (inPart ? 1 : 0), stories + (newStory ? 1 : 0));
  }

  private static final int BYTES = 24;
  /** Before the story gate, a tally carried its story hashes: items, part, n, then n longs. */
  private static final int LEGACY_HEADER = 20;

  /**
   * items, part, stories: the state store and changelog format. Reads the earlier
   * format too (items, part, n story hashes), so a store written by an earlier
   * version keeps its counts: its stories are the n.
   */
  static final Serde<Tally> SERDE = Serdes.serdeFrom(
      (topic, t) -> t == null ? null : ByteBuffer.allocate(BYTES).putLong(t.items).putLong(t.part)
          .putLong(t.stories).array(),
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length == BYTES) {
          return new Tally(b.getLong(), b.getLong(), b.getLong());
        }
        if (bytes.length < LEGACY_HEADER) {
          throw new SerializationException("a Tally has " + BYTES + " bytes, got " + bytes.length);
        }
        long items = b.getLong();
        long part = b.getLong();
        int n = b.getInt();
        if (n < 0 || bytes.length != LEGACY_HEADER + 8L * n) {
          throw new SerializationException("a Tally has " + BYTES + " bytes, or is the earlier format of "
              + LEGACY_HEADER + " + 8 per story; got " + bytes.length + " bytes claiming " + n + " stories");
        }
        return new Tally(items, part, n);
      });
}
