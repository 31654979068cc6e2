package dev.ainews.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.RawItem;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.story.SimHash;
import dev.ainews.enrich.story.StoryIndex;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorpusTest {

  /**
   * The benchmark corpus promises 6 % syndicated copies, which story clustering joins, and distinct stories
   * otherwise. Run through the enrich app's story index as the story stage runs it: the copies join, the
   * originals (almost) never do.
   */
  @Test
  void onlySyndicatedCopiesJoinAStory() {
    int n = 20_000;
    Corpus corpus = Corpus.standard();
    StoryIndex index = new StoryIndex();
    long window = EnrichTopology.STORY_WINDOW.toMillis();
    Set<String> ids = new HashSet<>();
    long streamTime = Long.MIN_VALUE;
    int distinct = 0;
    int copies = 0;
    int joinedCopies = 0;
    int joinedOriginals = 0;
    for (int i = 0; i < n; i++) {
      RawItem item = corpus.item(i, n);
      if (!ids.add(item.id())) {
        assertTrue(corpus.isRepeat(i), "item " + i + " repeats an id but is not an exact repeat");
        continue;
      }
      distinct++;
      boolean copy = item.source().startsWith("Wire ");
      copies += copy ? 1 : 0;
      long simhash = SimHash.of(item.title(), item.summary());
      long ts = item.publishedAt().toEpochMilli();
      streamTime = Math.max(streamTime, ts);
      index.evictBefore(streamTime - 2 * window);
      StoryIndex.Entry near = index.nearest(simhash, ts, window, SimHash.NEAR);
      if (near != null) {
        if (copy) {
          joinedCopies++;
        } else {
          joinedOriginals++;
        }
      }
      index.add(new StoryIndex.Entry(item.id(), simhash, ts, near == null ? item.id() : near.story()));
    }
    // Chance near-collisions (two headlines that differ only in one number, within 48 h) join a few originals, as
    // they would in real news; far fewer than one in a thousand.
    assertTrue(joinedOriginals < 0.001 * distinct, joinedOriginals + " original stories joined to another story");
    double copyShare = copies / (double) distinct;
    assertTrue(copyShare > 0.05 && copyShare < 0.07, "share of syndicated copies " + copyShare);
    assertTrue(joinedCopies >= 0.9 * copies, joinedCopies + " of " + copies + " copies joined their story");
  }
}
