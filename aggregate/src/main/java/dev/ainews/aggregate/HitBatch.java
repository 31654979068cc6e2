package dev.ainews.aggregate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The hits of one item that one task counts: the value of the aggregate's repartition topic. An item with tags
 * becomes about a dozen hits (a key {@code dimension|value} or {@code share|name} each); they travel as one
 * record per task that owns some of their keys rather than one record per key, since every record through the
 * repartition topic costs a produce, a broker write, a fetch and a trip through the task, which was most of the
 * aggregate's CPU.
 *
 * <p>A key's task is the partition Kafka's default partitioner gives it, {@code murmur2(UTF-8 key) % partitions}:
 * the same task as when each hit was a record of its own keyed by its key, so the counts already in the stores stay
 * on their task across an upgrade, and interactive queries find a key's owner with the default partitioner.
 *
 * <p>Binary and internal to the app: {@code 1, story (8 bytes), hits (2 bytes)}, then per hit its flags (1 byte),
 * key length (2 bytes) and UTF-8 key. A record of exactly 9 bytes is the earlier format, one hit per record (story,
 * part), whose key is the record's key: an upgrade reads what the previous version left in the topic. A batch of no
 * hits ({@link #END}) is the end marker a replay writes once a partition's batches are all in (see
 * {@link AggregateTopology#END_OF_INPUT}).
 *
 * <p>Immutable; the story gate adds its verdicts with {@link #withFlags}.
 */
final class HitBatch {

  /** The hit counts in its share's numerator. */
  static final byte PART = 1;
  /** Set by the story gate: the hit is its story's first in its key's hour. */
  static final byte NEW_IN_HOUR = 2;
  /** Set by the story gate: the hit is its story's first in its key's day. */
  static final byte NEW_IN_DAY = 4;

  private static final byte FORMAT = 1;
  private static final int LEGACY_BYTES = 9;
  private static final int HEADER = 1 + 8 + 2;
  static final int MAX_HITS = 0xFFFF;

  final long story;
  /** The hits' keys; null for a record of the earlier format, whose one hit's key is the record's. */
  private final String[] keys;
  /** UTF-8 of {@link #keys}, kept from partitioning for the serializer; null when read. */
  private final byte[][] keyBytes;
  private final byte[] flags;
  /** The partition the batch is for; set when built, not serialized. */
  final int partition;

  private HitBatch(long story, String[] keys, byte[][] keyBytes, byte[] flags, int partition) {
    this.story = story;
    this.keys = keys;
    this.keyBytes = keyBytes;
    this.flags = flags;
    this.partition = partition;
  }

  /** The end marker: no hits. */
  static final HitBatch END = new HitBatch(0, new String[0], null, new byte[0], -1);

  /** Whether this is the {@link #END} marker rather than an item's hits. */
  boolean isEnd() {
    return flags.length == 0;
  }

  static HitBatch of(long story, String[] keys, byte[][] keyBytes, byte[] flags, int partition) {
    if (keys.length == 0 || keys.length > MAX_HITS || keys.length != keyBytes.length || keys.length != flags.length) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_HITS + " hits, with a key, its bytes and flags "
          + "each; got " + keys.length + " keys, " + keyBytes.length + " encoded, " + flags.length + " flags");
    }
    return new HitBatch(story, keys, keyBytes, flags, partition);
  }

  int size() {
    return flags.length;
  }

  /** The key of hit {@code i}; {@code recordKey} is the record's key, which an earlier-format record's hit has. */
  String key(int i, String recordKey) {
    return keys == null ? recordKey : keys[i];
  }

  boolean has(int i, byte flag) {
    return (flags[i] & flag) != 0;
  }

  /** This batch with {@code flags} (one per hit) instead of its own. */
  HitBatch withFlags(byte[] flags) {
    if (flags.length != this.flags.length) {
      throw new IllegalArgumentException(this.flags.length + " hits, " + flags.length + " flags");
    }
    return new HitBatch(story, keys, keyBytes, flags, partition);
  }

  /** A copy of the flags, for {@link #withFlags}. */
  byte[] flags() {
    return flags.clone();
  }

  /** The partition of {@code key} among {@code partitions}: Kafka's default partitioner on its UTF-8 bytes. */
  static int partitionOf(byte[] keyUtf8, int partitions) {
    return Utils.toPositive(Utils.murmur2(keyUtf8)) % partitions;
  }

  /**
   * Story ids are item ids (64 hex chars); 64 bits of their hash keep the story sets of the aggregate small, and a
   * collision between two stories of one value in one window (p ~ n^2 / 2^65) is far below any count anyone reads.
   */
  static long storyHash(String storyId) {
    UUID u = UUID.nameUUIDFromBytes(storyId.getBytes(StandardCharsets.UTF_8));
    return u.getMostSignificantBits() ^ u.getLeastSignificantBits();
  }

  /**
   * Sends a batch to the partition it was built for. The topic must have the partition count the batches were
   * built with; the topology fixes it on the repartition topic, so a mismatch here is a bug, not bad input.
   */
  static final StreamPartitioner<String, HitBatch> PARTITIONER = new StreamPartitioner<>() {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, HitBatch batch, int numPartitions) {
      if (batch.partition >= numPartitions) {
        throw new IllegalStateException("a hit batch for partition " + batch.partition + " of " + topic
            + ", which has " + numPartitions + " partitions");
      }
      return Optional.of(Set.of(batch.partition));
    }
  };

  static final Serde<HitBatch> SERDE = Serdes.serdeFrom(HitBatch::write, HitBatch::read);

  private static byte[] write(String topic, HitBatch b) {
    if (b == null) {
      return null;
    }
    if (b.keys == null) {
      return ByteBuffer.allocate(LEGACY_BYTES).putLong(b.story).put((byte) (b.flags[0] & PART)).array();
    }
    byte[][] encoded = new byte[b.keys.length][];
    int length = HEADER;
    for (int i = 0; i < b.keys.length; i++) {
      byte[] k = b.keyBytes != null && b.keyBytes[i] != null ? b.keyBytes[i]
          : b.keys[i].getBytes(StandardCharsets.UTF_8);
      if (k.length > 0xFFFF) {
        throw new SerializationException("a hit key of " + k.length + " bytes; at most 65535");
      }
      encoded[i] = k;
      length += 3 + k.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length).put(FORMAT).putLong(b.story).putShort((short) b.keys.length);
    for (int i = 0; i < b.keys.length; i++) {
      out.put(b.flags[i]).putShort((short) encoded[i].length).put(encoded[i]);
    }
    return out.array();
  }

  private static HitBatch read(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length == LEGACY_BYTES) {
      long story = in.getLong();
      return new HitBatch(story, null, null, new byte[] {(byte) (in.get() != 0 ? PART : 0)}, -1);
    }
    if (bytes.length < HEADER || bytes[0] != FORMAT) {
      throw new SerializationException("not a hit batch: " + bytes.length + " bytes"
          + (bytes.length > 0 ? ", format " + bytes[0] : ""));
    }
    in.get();
    long story = in.getLong();
    int n = Short.toUnsignedInt(in.getShort());
    if (n == 0) {
      if (in.hasRemaining()) {
        throw new SerializationException("an end marker with " + in.remaining() + " bytes after it");
      }
      return END;
    }
    String[] keys = new String[n];
    byte[] flags = new byte[n];
    for (int i = 0; i < n; i++) {
      if (in.remaining() < 3) {
        throw new SerializationException("a hit batch cut short at hit " + i + " of " + n);
      }
      flags[i] = in.get();
      int length = Short.toUnsignedInt(in.getShort());
      if (in.remaining() < length) {
        throw new SerializationException("a hit batch cut short in the key of hit " + i + " of " + n);
      }
      keys[i] = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
    }
    if (in.hasRemaining()) {
      throw new SerializationException("a hit batch with " + in.remaining() + " bytes after its " + n + " hits");
    }
    return new HitBatch(story, keys, null, flags, -1);
  }
}
