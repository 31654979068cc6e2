package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenStoriesTest {

  private static final long H10 = 36_000_000L;
  private static final long H11 = 39_600_000L;

  @Test
  void aStoryIsNewOncePerKeyAndWindow() {
    SeenStories seen = new SeenStories();
    assertTrue(seen.add("company|deepseek", H10, 42));
    assertFalse(seen.add("company|deepseek", H10, 42), "a copy of the story in the same key and window");
    assertTrue(seen.add("company|nvidia", H10, 42), "the same story under another key");
    assertTrue(seen.add("company|deepseek", H11, 42), "the same story in the next window");
    assertEquals(3, seen.size());
  }

  @Test
  void storyHashZeroAndNegativeHashesAreStoriesLikeAnyOther() {
    SeenStories seen = new SeenStories();
    assertTrue(seen.add("k", H10, 0));
    assertFalse(seen.add("k", H10, 0));
    assertTrue(seen.add("k", H10, Long.MIN_VALUE));
    assertTrue(seen.add("k", H10, -1));
    assertFalse(seen.add("k", H10, -1));
    assertEquals(3, seen.size());
  }

  @Test
  void forgettingClosedWindowsKeepsTheOpenOnes() {
    SeenStories seen = new SeenStories();
    seen.add("k", H10, 1);
    seen.add("k", H10, 2);
    seen.add("k", H11, 1);
    seen.forgetBefore(H11);
    assertEquals(1, seen.windows());
    assertEquals(1, seen.size());
    assertFalse(seen.add("k", H11, 1), "the open window still remembers its story");
  }

  /** Tens of thousands of stories in one key's day: every distinct one is new exactly once, as a set would say. */
  @Test
  void agreesWithAHashSetOnABusyDay() {
    SeenStories seen = new SeenStories();
    Set<Long> reference = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      // A third of the hits repeat a story already seen: syndicated copies.
      long story = random.nextInt(3) == 0 && !reference.isEmpty() ? random.nextInt(60_000) : random.nextLong();
      assertEquals(reference.add(story), seen.add("theme|market", H10, story), "hit " + i + ", story " + story);
    }
    assertEquals(reference.size(), seen.size());
  }
}
