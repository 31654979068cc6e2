package dev.ainews.aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stories each (key, window) of one window size has counted, in memory: the story gate's lookup, so a hit
 * costs a hash probe however many stories its window already holds. The gate's store is the record of the same
 * sets (per story and hour, the keys it was first counted under); this mirror is rebuilt from it
 * whenever the task (re)starts, and forgets a window once it has closed (end + grace at or before stream time),
 * since no hit reaches the gate for a closed window.
 *
 * <p>Not thread-safe; one per stream task and window size.
 */
final class SeenStories {

  /** window start (epoch ms) -> key -> story hashes. */
  private final TreeMap<Long, Map<String, LongSet>> byWindow = new TreeMap<>();
  private int size;

  /**
   * Records that {@code story} was counted under {@code key} in the window starting at {@code windowStart}.
   * Returns true if it had not been before: the hit is its story's first in that key and window.
   */
  boolean add(String key, long windowStart, long story) {
    LongSet stories = byWindow.computeIfAbsent(windowStart, w -> new HashMap<>())
        .computeIfAbsent(key, k -> new LongSet());
    boolean added = stories.add(story);
    if (added) {
      size++;
    }
    return added;
  }

  /** Forgets the windows that start before {@code start}. */
  void forgetBefore(long start) {
    Map<Long, Map<String, LongSet>> closed = byWindow.headMap(start);
    for (Map<String, LongSet> keys : closed.values()) {
      for (LongSet s : keys.values()) {
        size -= s.size();
      }
    }
    closed.clear();
  }

  /** Stories remembered, over every key and window. */
  int size() {
    return size;
  }

  /** Windows remembered. */
  int windows() {
    return byWindow.size();
  }

  /** An open-addressing set of longs: no boxing, 8 to 16 bytes per story. */
  static final class LongSet {
    private long[] slots = new long[8];
    private boolean hasZero;
    private int nonZero;

    boolean add(long v) {
      if (v == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      if (2 * (nonZero + 1) > slots.length) {
        grow();
      }
      if (!insert(slots, v)) {
        return false;
      }
      nonZero++;
      return true;
    }

    int size() {
      return nonZero + (hasZero ? 1 : 0);
    }

    private static boolean insert(long[] table, long v) {
      int mask = table.length - 1;
      int i = (int) mix(v) & mask;
      while (table[i] != 0) {
        if (table[i] == v) {
          return false;
        }
        i = (i + 1) & mask;
      }
      table[i] = v;
      return true;
    }

    private void grow() {
      long[] bigger = new long[slots.length * 2];
      for (long v : slots) {
        if (v != 0) {
          insert(bigger, v);
        }
      }
      slots = bigger;
    }

    /** Story hashes are already hashes, but the low bits alone index the table: fold the high ones in. */
    private static long mix(long v) {
      return v ^ (v >>> 32) ^ (v >>> 17);
    }
  }
}
