package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TallyTest {

  @Test
  void shouldCountEachStoryOnceAndEveryItem() {
    Tally t = Tally.EMPTY.add(new Hit(7, true), true).add(new Hit(3, false), true).add(new Hit(7, false), true);
    assertEquals(3, t.items());
    assertEquals(1, t.part());
    assertEquals(2, t.distinctStories());
    assertArrayEquals(new long[] {3, 7}, t.stories(), "kept sorted");
  }

  @Test
  void shouldReadBackWhatItWritesInTheStoreFormat() {
    Tally t = Tally.EMPTY;
    for (long s = -50_000; s < 50_000; s += 7) {
      t = t.add(new Hit(s * 1_000_003L, s % 3 == 0), true);
    }
    byte[] bytes = Tally.SERDE.serializer().serialize("t", t);
    assertEquals(t, Tally.SERDE.deserializer().deserialize("t", bytes));
    // The changelog format: items, part, n, then n big-endian story hashes.
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertEquals(t.items(), b.getLong());
    assertEquals(t.part(), b.getLong());
    assertEquals(t.stories().length, b.getInt());
    assertEquals(t.stories()[0], b.getLong());
    assertEquals(t.stories()[t.stories().length - 1], b.getLong(bytes.length - 8));
  }

  @Test
  void shouldRejectBytesThatAreNotATally() {
    byte[] truncated = ByteBuffer.allocate(28).putLong(1).putLong(0).putInt(2).putLong(5).array();
    assertThrows(SerializationException.class, () -> Tally.SERDE.deserializer().deserialize("t", truncated));
  }
}
