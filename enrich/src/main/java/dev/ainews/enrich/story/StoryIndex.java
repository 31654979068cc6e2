package dev.ainews.enrich.story;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The fingerprints of recent items, looked up by SimHash band: the memory of story
 * clustering. A lookup touches only the items that share a band with the new one
 * (a handful in real news: a band is 16 bits), so its cost does not grow with the
 * number of items indexed. Entries older than the eviction horizon are dropped
 * oldest first.
 *
 * <p>Not thread-safe; one per stream task. It holds no state of its own that
 * matters: the task's state store is the record of what was indexed, and the
 * index is rebuilt from it whenever the task (re)starts.
 */
public final class StoryIndex {

  /** One indexed item: its fingerprint, publish time (epoch ms) and the story it belongs to. */
  public record Entry(String id, long simhash, long timestamp, String story) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(story, "story");
    }

    /** The story store's value for this entry (its key is the id): publish time, fingerprint, story id. */
    public byte[] storeValue() {
      byte[] s = story.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(16 + s.length).putLong(timestamp).putLong(simhash).put(s).array();
    }

    /** The entry a story store record holds: {@code id} is its key, {@code value} what {@link #storeValue} wrote. */
    public static Entry fromStore(String id, byte[] value) {
      if (value.length < 16) {
        throw new IllegalArgumentException("a story store value has at least 16 bytes, got " + value.length);
      }
      ByteBuffer b = ByteBuffer.wrap(value);
      long timestamp = b.getLong();
      long simhash = b.getLong();
      return new Entry(id, simhash, timestamp, new String(value, 16, value.length - 16, StandardCharsets.UTF_8));
    }
  }

  /**
   * Ties between equally near candidates go to the earliest item, then the smallest id: the same answer whatever
   * order the entries were indexed in, so a task restored from its store decides as the one that built it.
   */
  private static final Comparator<Entry> EARLIEST = Comparator.comparingLong(Entry::timestamp)
      .thenComparing(Entry::id);

  /**
   * The entries of each (band, 16-bit band value), indexed directly by {@link #bandKey}: 2^18 slots, 1 MiB of
   * references, no hashing. With a hash map keyed by the band, its lookups (in tree bins) were two thirds of the
   * story stage's profile samples in the 100,000-item enrich benchmark.
   */
  @SuppressWarnings("unchecked")
  private final ArrayList<Entry>[] byBand = new ArrayList[4 << 16];
  private final PriorityQueue<Entry> byTime = new PriorityQueue<>(EARLIEST);
  private final Map<String, Entry> byId = new HashMap<>();

  /** Indexes an item; an entry already indexed under its id is replaced. */
  public void add(Entry entry) {
    Entry previous = byId.put(entry.id(), entry);
    if (previous != null) {
      byTime.remove(previous);
      unlink(previous);
    }
    for (int band = 0; band < 4; band++) {
      int key = bandKey(entry.simhash(), band);
      ArrayList<Entry> list = byBand[key];
      if (list == null) {
        list = new ArrayList<>(2);
        byBand[key] = list;
      }
      list.add(entry);
    }
    byTime.add(entry);
  }

  /**
   * The nearest indexed item within {@code maxDistance} bits of {@code simhash} whose
   * publish time is within {@code window} ms of {@code timestamp}, or null.
   * Two fingerprints within 3 bits share at least one of the four 16-bit bands
   * (pigeonhole), so looking in the item's own four bands finds every candidate.
   */
  public Entry nearest(long simhash, long timestamp, long window, int maxDistance) {
    if (maxDistance > 3) {
      throw new IllegalArgumentException("band lookups find every candidate only within 3 bits, not " + maxDistance);
    }
    Entry best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (int band = 0; band < 4; band++) {
      List<Entry> candidates = byBand[bandKey(simhash, band)];
      if (candidates == null) {
        continue;
      }
      for (Entry c : candidates) {
        if (Math.abs(c.timestamp() - timestamp) > window) {
          continue;
        }
        int d = SimHash.distance(c.simhash(), simhash);
        if (d > maxDistance) {
          continue;
        }
        if (best == null || d < bestDistance || (d == bestDistance && EARLIEST.compare(c, best) < 0)) {
          best = c;
          bestDistance = d;
        }
      }
    }
    return best;
  }

  /** Removes and returns the entries published before {@code cutoff} (epoch ms), oldest first. */
  public List<Entry> evictBefore(long cutoff) {
    List<Entry> evicted = new ArrayList<>();
    while (!byTime.isEmpty() && byTime.peek().timestamp() < cutoff) {
      Entry e = byTime.poll();
      byId.remove(e.id());
      unlink(e);
      evicted.add(e);
    }
    return evicted;
  }

  private void unlink(Entry e) {
    for (int band = 0; band < 4; band++) {
      int key = bandKey(e.simhash(), band);
      List<Entry> list = byBand[key];
      list.remove(e);
      if (list.isEmpty()) {
        byBand[key] = null;
      }
    }
  }

  public int size() {
    return byTime.size();
  }

  private static int bandKey(long simhash, int band) {
    return band << 16 | (int) ((simhash >>> (16 * band)) & 0xFFFF);
  }
}
