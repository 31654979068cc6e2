package dev.ainews.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

  private static final long DAY = 86_400_000L;

  @Test
  void shouldNeverMissAnIdItWasToldOfWhileItIsRetained() {
    SeenIds ids = new SeenIds(30 * DAY);
    for (int i = 0; i < 200_000; i++) {
      ids.add("item-" + i, i * 1_000L);
    }
    for (int i = 0; i < 200_000; i++) {
      assertTrue(ids.mightContain("item-" + i), "item-" + i);
    }
    assertEquals(200_000, ids.size());
  }

  @Test
  void shouldSayNotSeenForAlmostEveryOtherId() {
    SeenIds ids = new SeenIds(30 * DAY);
    for (int i = 0; i < 100_000; i++) {
      ids.add("seen-" + i, 0);
    }
    int wrong = 0;
    for (int i = 0; i < 100_000; i++) {
      if (ids.mightContain("other-" + i)) {
        wrong++;
      }
    }
    // 64-bit hashes: a false "seen" (which only costs a store lookup) is a collision, about 1 in 10^14 here.
    assertEquals(0, wrong);
  }

  @Test
  void shouldForgetIdsOnlyOnceTheyAreARetentionBehindTheLatestWrite() {
    SeenIds ids = new SeenIds(30 * DAY);
    ids.add("old", 0);
    ids.add("edge", DAY);
    // Writes 31 days on: "old" is 31 days behind (expired), "edge" exactly 30 (expired: the
    // store returns only times after latest - retention); the rest are live.
    for (int i = 0; i < 5_000; i++) {
      ids.add("new-" + i, 31 * DAY + i);
    }
    assertFalse(ids.mightContain("old"));
    assertFalse(ids.mightContain("edge"));
    for (int i = 0; i < 5_000; i++) {
      assertTrue(ids.mightContain("new-" + i));
    }
  }

  @Test
  void shouldKeepAnIdWrittenAgainLaterByItsLatestTime() {
    SeenIds ids = new SeenIds(30 * DAY);
    ids.add("again", 0);
    ids.add("again", 20 * DAY);
    for (int i = 0; i < 5_000; i++) {
      ids.add("new-" + i, 45 * DAY);
    }
    assertTrue(ids.mightContain("again"), "written again at day 20, retained until day 50");
  }

  @Test
  void shouldStayBoundedWhenIdsKeepExpiring() {
    SeenIds ids = new SeenIds(DAY);
    // A million ids over 1,000 days at 1,000 a day: about a day's worth (1,000) is ever live.
    for (int i = 0; i < 1_000_000; i++) {
      ids.add("id-" + i, i * (DAY / 1_000));
    }
    assertTrue(ids.capacity() <= 8 * 1_024, "capacity " + ids.capacity());
    assertTrue(ids.size() <= 4 * 1_024, "size " + ids.size());
    assertTrue(ids.mightContain("id-999999"));
  }

  @Test
  void shouldSpreadIdsThatDifferInOneCharacter() {
    Set<Long> hashes = new HashSet<>();
    for (char c = 0; c < 1_000; c++) {
      hashes.add(SeenIds.hash("abc" + c));
    }
    assertEquals(1_000, hashes.size());
    assertTrue(SeenIds.hash("") != 0);
    assertThrows(IllegalArgumentException.class, () -> new SeenIds(0));
  }
}
