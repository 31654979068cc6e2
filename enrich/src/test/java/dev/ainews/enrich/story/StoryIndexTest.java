package dev.ainews.enrich.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoryIndexTest {

  /** What the story store keeps is what the index is rebuilt from after a restart: nothing may change on the way. */
  @Test
  void anEntryRoundTripsThroughTheStoreValue() {
    StoryIndex.Entry e = new StoryIndex.Entry("id-1", 0x8000_0000_0000_0001L, 1_737_966_300_000L, "故事-story-7");
    assertEquals(e, StoryIndex.Entry.fromStore("id-1", e.storeValue()));
    assertThrows(IllegalArgumentException.class, () -> StoryIndex.Entry.fromStore("id-1", new byte[15]));
  }

  private static final long HOUR = 3_600_000L;
  private static final long WINDOW = 48 * HOUR;
  private static final long A = 0x0123_4567_89AB_CDEFL;

  @Test
  void shouldFindAFingerprintThreeBitsAwayInThreeDifferentBands() {
    StoryIndex index = new StoryIndex();
    index.add(new StoryIndex.Entry("a", A, 0, "a"));
    // One flipped bit in each of bands 0, 2 and 3: only band 1 is shared.
    long near = A ^ 0x0001_0000_0100_0001L;
    assertEquals("a", index.nearest(near, HOUR, WINDOW, 3).story());
    assertNull(index.nearest(near ^ 0x0000_0001_0000_0000L, HOUR, WINDOW, 3), "four bits away is another story");
    index.add(new StoryIndex.Entry("b", A ^ 0x0F, 0, "b"));
    assertNull(index.nearest(A ^ 0xF0, HOUR, WINDOW, 3), "candidates sharing three bands but 8 bits away are not near");
    assertEquals("b", index.nearest(A ^ 0x0E, HOUR, WINDOW, 3).story(), "one bit from b, three from a");
  }

  @Test
  void shouldOnlyMatchItemsWithinTheWindowOfTheNewOne() {
    StoryIndex index = new StoryIndex();
    index.add(new StoryIndex.Entry("a", A, 0, "a"));
    assertEquals("a", index.nearest(A, WINDOW, WINDOW, 3).id());
    assertNull(index.nearest(A, WINDOW + 1, WINDOW, 3));
    assertNull(index.nearest(A, -WINDOW - 1, WINDOW, 3), "the window looks both ways: feeds arrive out of order");
  }

  @Test
  void shouldPreferTheNearestThenTheEarliestCandidateWhateverTheOrderOfIndexing() {
    StoryIndex.Entry early = new StoryIndex.Entry("z-early", A ^ 1, 0, "s1");
    StoryIndex.Entry late = new StoryIndex.Entry("a-late", A ^ 2, HOUR, "s2");
    StoryIndex.Entry exact = new StoryIndex.Entry("m-exact", A, 2 * HOUR, "s3");
    for (List<StoryIndex.Entry> order : List.of(List.of(early, late), List.of(late, early))) {
      StoryIndex index = new StoryIndex();
      order.forEach(index::add);
      assertEquals("s1", index.nearest(A, 3 * HOUR, WINDOW, 3).story(), "equally near: the earlier item wins");
      index.add(exact);
      assertEquals("s3", index.nearest(A, 3 * HOUR, WINDOW, 3).story(), "nearer wins over earlier");
    }
  }

  @Test
  void shouldEvictOldestFirstAndForgetEvictedItems() {
    StoryIndex index = new StoryIndex();
    index.add(new StoryIndex.Entry("b", A ^ 1, 5 * HOUR, "b"));
    index.add(new StoryIndex.Entry("a", A, HOUR, "a"));
    index.add(new StoryIndex.Entry("c", ~A, 9 * HOUR, "c"));
    assertEquals(List.of("a", "b"), index.evictBefore(6 * HOUR).stream().map(StoryIndex.Entry::id).toList());
    assertEquals(1, index.size());
    assertNull(index.nearest(A, 6 * HOUR, WINDOW, 3));
    assertEquals("c", index.nearest(~A, 6 * HOUR, WINDOW, 3).id());
  }

  @Test
  void shouldReplaceAnEntryIndexedAgainUnderTheSameId() {
    StoryIndex index = new StoryIndex();
    index.add(new StoryIndex.Entry("a", A, 0, "a"));
    index.add(new StoryIndex.Entry("a", ~A, 10 * HOUR, "a"));
    assertEquals(1, index.size());
    assertNull(index.nearest(A, 0, WINDOW, 3), "the old fingerprint is gone");
    assertEquals(List.of(), index.evictBefore(HOUR), "the old entry is not evicted twice");
  }

  @Test
  void shouldRefuseADistanceTheBandsCannotGuarantee() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new StoryIndex().nearest(A, 0, WINDOW, 4));
  }
}
