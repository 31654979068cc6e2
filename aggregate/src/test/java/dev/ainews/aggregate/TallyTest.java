package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TallyTest {

  @Test
  void shouldCountItemsPartAndNewStories() {
    Tally t = Tally.EMPTY.add(true, true).add(false, true).add(false, false);
    assertEquals(new Tally(3, 1, 2), t);
  }

  @Test
  void shouldReadBackWhatItWritesInTwentyFourBytes() {
    Tally t = new Tally(123_456, 789, 45_678);
    byte[] bytes = Tally.SERDE.serializer().serialize("t", t);
    assertEquals(24, bytes.length, "a day of DeepSeek weighs what a quiet hour does");
    assertEquals(t, Tally.SERDE.deserializer().deserialize("t", bytes));
  }

  @Test
  void shouldReadTheEarlierFormatThatCarriedStoryHashes() {
    byte[] legacy = ByteBuffer.allocate(20 + 3 * 8).putLong(5).putLong(2).putInt(3).putLong(-9).putLong(4).putLong(77)
        .array();
    assertEquals(new Tally(5, 2, 3), Tally.SERDE.deserializer().deserialize("t", legacy));
    byte[] legacyEmpty = ByteBuffer.allocate(20).putLong(1).putLong(1).putInt(0).array();
    assertEquals(new Tally(1, 1, 0), Tally.SERDE.deserializer().deserialize("t", legacyEmpty));
  }

  @Test
  void shouldRejectBytesThatAreNotATally() {
    byte[] truncated = ByteBuffer.allocate(28).putLong(1).putLong(0).putInt(2).putLong(5).array();
    assertThrows(SerializationException.class, () -> Tally.SERDE.deserializer().deserialize("t", truncated));
    assertThrows(SerializationException.class, () -> Tally.SERDE.deserializer().deserialize("t", new byte[12]));
  }
}
