package dev.ainews.aggregate;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The aggregate of one key in one window: items, share numerator, and the set of
 * story hashes seen, so a story is counted once however many copies arrive. The
 * set is what makes the distinct count exact without a second store; it holds one
 * long per story of the value in the window (a busy company has a few hundred a
 * day: a few KiB). Immutable: {@link #add} returns a new tally.
 *
 * @param items   hits counted (for a share key: the denominator)
 * @param part    share numerator; 0 for a dimension key
 * @param stories sorted, distinct story hashes; empty for a share key
 */
record Tally(long items, long part, long[] stories) {

  static final Tally EMPTY = new Tally(0, 0, new long[0]);

  Tally add(Hit hit, boolean countStory) {
    long[] s = stories;
    if (countStory) {
      int i = Arrays.binarySearch(stories, hit.story());
      if (i < 0) {
        int at = -i - 1;
        s = new long[stories.length + 1];
        System.arraycopy(stories, 0, s, 0, at);
        s[at] = hit.story();
        System.arraycopy(stories, at, s, at + 1, stories.length - at);
      }
    }
    return new Tally(items + 1, part + (hit.part() ? 1 : 0), s);
  }

  long distinctStories() {
    return stories.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && t.items == items && t.part == part && Arrays.equals(t.stories, stories);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(items) * 31 + Arrays.hashCode(stories);
  }

  @Override
  public String toString() {
    return "Tally[items=" + items + ", part=" + part + ", stories=" + stories.length + "]";
  }

  /** items, part, n, then n story hashes: the state store and changelog format. */
  static final Serde<Tally> SERDE = Serdes.serdeFrom(
      (topic, t) -> {
        if (t == null) {
          return null;
        }
        ByteBuffer b = ByteBuffer.allocate(20 + 8 * t.stories.length).putLong(t.items).putLong(t.part)
            .putInt(t.stories.length);
        // One bulk copy: every hit reads and writes its tally through the store's byte cache, and the story set
        // of a busy key in a day window runs to thousands of longs.
        b.asLongBuffer().put(t.stories);
        return b.array();
      },
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 20) {
          throw new SerializationException("a Tally has at least 20 bytes, got " + bytes.length);
        }
        long items = b.getLong();
        long part = b.getLong();
        int n = b.getInt();
        if (n < 0 || bytes.length != 20 + 8L * n) {
          throw new SerializationException("a Tally of " + n + " stories cannot have " + bytes.length + " bytes");
        }
        long[] stories = new long[n];
        b.asLongBuffer().get(stories);
        return new Tally(items, part, stories);
      });
}
