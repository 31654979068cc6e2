package dev.ainews.enrich;

/**
 * The item ids a task's dedupe store holds, in memory, as 64-bit hashes with the latest
 * publish time of each: a filter in front of the store. An id the filter has never seen
 * cannot be in the store, so its 30-day range fetch (several RocksDB segments, about a
 * tenth of the enrich app's CPU per item) is skipped; an id it has seen, or whose hash
 * collides with one it has, is looked up in the store, which decides. The filter may
 * therefore say "seen" wrongly, never "not seen" wrongly, as long as it holds every id the
 * store can still return: it is rebuilt from the store whenever the task (re)starts, is
 * told of every write, and forgets an id only once its publish time is at least the
 * retention behind the latest time written, where the store no longer returns it either.
 *
 * <p>Open addressing over two parallel arrays, 16 bytes a slot, at most half full; expired
 * ids go when the table would grow. Not thread-safe: one per stream task.
 */
final class SeenIds {

  private static final int MIN_CAPACITY = 1 << 10;

  private final long retention;
  private long[] hashes = new long[MIN_CAPACITY];
  private long[] times = new long[MIN_CAPACITY];
  private int size;
  /** The latest publish time written: ids at or before {@code latest - retention} are expired. */
  private long latest = Long.MIN_VALUE;

  /** @param retention how long (ms) the store keeps an id after its publish time */
  SeenIds(long retention) {
    if (retention <= 0) {
      throw new IllegalArgumentException("retention must be positive: " + retention);
    }
    this.retention = retention;
  }

  /** Whether the store may hold {@code id}: false means it certainly does not. */
  boolean mightContain(String id) {
    long h = hash(id);
    int mask = hashes.length - 1;
    for (int i = slot(h, mask); hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == h) {
        return true;
      }
    }
    return false;
  }

  /** Records that the store now holds {@code id} at publish time {@code time}. */
  void add(String id, long time) {
    long h = hash(id);
    latest = Math.max(latest, time);
    int mask = hashes.length - 1;
    int i = slot(h, mask);
    for (; hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == h) {
        times[i] = Math.max(times[i], time);
        return;
      }
    }
    if (2 * (size + 1) > hashes.length) {
      rebuild();
      add(id, time);
      return;
    }
    hashes[i] = h;
    times[i] = time;
    size++;
  }

  /** Ids held (hashes, so two ids of one hash count once). */
  int size() {
    return size;
  }

  /** Slots allocated: twice to four times the ids held after a rebuild. */
  int capacity() {
    return hashes.length;
  }

  /**
   * Drops the expired ids, then sizes the table to four times the rest, so the next
   * rebuild is at least as many writes away as there are live ids.
   */
  private void rebuild() {
    long horizon = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - retention;
    int live = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0 && times[i] > horizon) {
        live++;
      }
    }
    int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live) * 4 - 1) << 1);
    long[] oldHashes = hashes;
    long[] oldTimes = times;
    hashes = new long[capacity];
    times = new long[capacity];
    size = 0;
    int mask = capacity - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      if (oldHashes[j] != 0 && oldTimes[j] > horizon) {
        int i = slot(oldHashes[j], mask);
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        times[i] = oldTimes[j];
        size++;
      }
    }
  }

  private static int slot(long h, int mask) {
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** FNV-1a over the UTF-16 units, then a 64-bit finalizer so every bit depends on every unit; never 0. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
