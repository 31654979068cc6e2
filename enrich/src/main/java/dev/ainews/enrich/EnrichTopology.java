package dev.ainews.enrich;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.enrich.story.SimHash;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.tag.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The enrichment stream: {@code ainews.raw.v1} -> {@code ainews.enriched.v1}.
 *
 * <pre>
 * raw (key id, JSON bytes)
 *   -> enrich-read-tag: read the JSON, drop ids seen in the last 30 days
 *      (enrich-dedupe-store), tag company/country/theme, SimHash the text;
 *      an unreadable or untaggable record goes to ainews.dlq.v1 with headers
 *   -> enrich-story repartition (one partition: copies of one story come from
 *      different feeds, so under different ids and partitions; clustering must
 *      see them together, and it is cheap next to tagging)
 *   -> enrich-story-cluster: the first item of a story within 48 h gives the
 *      story id to its near-duplicates (enrich-story-store)
 *   -> enriched (key id)
 * </pre>
 */
public final class EnrichTopology {

  public static final String SOURCE = "enrich-raw-source";
  public static final String READ_TAG = "enrich-read-tag";
  public static final String DEDUPE_STORE = "enrich-dedupe-store";
  public static final String STORY_REPARTITION = "enrich-story";
  public static final String STORY_CLUSTER = "enrich-story-cluster";
  public static final String STORY_STORE = "enrich-story-store";
  public static final String DLQ_SINK = "enrich-dlq-sink";
  public static final String ENRICHED_SINK = "enrich-enriched-sink";

  /** An id seen again within this time (event time) is a duplicate. */
  public static final Duration DEDUPE_RETENTION = Duration.ofDays(30);
  /** Syndicated copies of a story appear within hours; two days covers time zones and slow feeds. */
  public static final Duration STORY_WINDOW = Duration.ofHours(48);

  /**
   * Topic names, so a replay can run the same topology into its own topics, and
   * the event-time range it takes from the raw topic: records with a timestamp in
   * [from, to) are enriched, the others skipped (not sent to the DLQ: they are not
   * bad, only out of the replay's range). A null bound is open.
   */
  public record Names(String raw, String enriched, String dlq, Instant from, Instant to) {

    public Names {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(enriched, "enriched");
      Objects.requireNonNull(dlq, "dlq");
      if (from != null && to != null && !to.isAfter(from)) {
        throw new IllegalArgumentException("to " + to + " is not after from " + from);
      }
    }

    /** All of the raw topic. */
    public Names(String raw, String enriched, String dlq) {
      this(raw, enriched, dlq, null, null);
    }

    public static Names live() {
      return new Names(Topics.RAW.name(), Topics.ENRICHED.name(), Topics.DLQ.name());
    }

    /** The same topics, restricted to records with a timestamp in [from, to). */
    public Names between(Instant from, Instant to) {
      return new Names(raw, enriched, dlq, from, to);
    }

    /** Whether a raw record with this timestamp (epoch ms) is in the range. */
    public boolean accepts(long timestamp) {
      return (from == null || timestamp >= from.toEpochMilli()) && (to == null || timestamp < to.toEpochMilli());
    }
  }

  private EnrichTopology() {}

  public static Topology build(Tagger tagger, Names names, EnrichMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUPE_STORE, DEDUPE_RETENTION, Duration.ofMillis(1), false),
        Serdes.String(), Serdes.Long()));
    // One small entry per (band, item), found by a prefix scan of the band: a lookup
    // touches only the band's own entries (a window-store fetch walks every timestamp
    // of the range before it filters the key), and a write is one short changelog record.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORY_STORE),
        Serdes.String(), Serdes.String()));

    JsonSerde<Tagged> taggedSerde = JsonSerde.of(Tagged.class);
    KStream<String, byte[]> raw = builder.stream(names.raw(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE));

    KStream<String, Step> steps = raw.process(() -> new ReadTag(tagger, metrics, names), Named.as(READ_TAG),
        DEDUPE_STORE);
    steps.split(Named.as("enrich-"))
        .branch((k, s) -> s.failed != null, Branched.withConsumer(failed -> failed
            .mapValues(s -> s.failed, Named.as("enrich-dlq-bytes"))
            .to(names.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(DLQ_SINK)), "failed"))
        .defaultBranch(Branched.withConsumer(ok -> ok
            .mapValues(s -> s.tagged, Named.as("enrich-tagged"))
            .repartition(Repartitioned.with(Serdes.String(), taggedSerde).withName(STORY_REPARTITION)
                .withNumberOfPartitions(1))
            .process(() -> new StoryCluster(metrics), Named.as(STORY_CLUSTER), STORY_STORE)
            .to(names.enriched(), Produced.with(Serdes.String(), Topics.ENRICHED.valueSerde())
                .withName(ENRICHED_SINK)), "ok"));
    return builder.build();
  }

  /** Either a tagged item or the original bytes of a failed record; lives only inside one task. */
  static final class Step {
    final Tagged tagged;
    final byte[] failed;

    private Step(Tagged tagged, byte[] failed) {
      this.tagged = tagged;
      this.failed = failed;
    }
  }

  static final class ReadTag implements Processor<String, byte[], String, Step> {
    private static final JsonSerde<RawItem> RAW = JsonSerde.of(RawItem.class);
    private final Tagger tagger;
    private final EnrichMetrics metrics;
    private final Names range;
    private ProcessorContext<String, Step> context;
    private WindowStore<String, Long> seen;

    ReadTag(Tagger tagger, EnrichMetrics metrics) {
      this(tagger, metrics, Names.live());
    }

    ReadTag(Tagger tagger, EnrichMetrics metrics, Names range) {
      this.tagger = Objects.requireNonNull(tagger);
      this.metrics = metrics;
      this.range = range;
    }

    @Override
    public void init(ProcessorContext<String, Step> context) {
      this.context = context;
      this.seen = context.getStateStore(DEDUPE_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (!range.accepts(record.timestamp())) {
        return;
      }
      RawItem item;
      try {
        item = RAW.fromBytes(record.value());
        if (item == null) {
          throw new IllegalArgumentException("null value (tombstone) in the raw topic");
        }
        if (record.key() != null && !record.key().equals(item.id())) {
          throw new IllegalArgumentException("key '" + record.key() + "' differs from item id '" + item.id() + "'");
        }
      } catch (RuntimeException e) {
        toDlq(record, "enrich.read", e);
        return;
      }
      long ts = record.timestamp();
      try (WindowStoreIterator<Long> it = seen.fetch(item.id(), Instant.ofEpochMilli(ts).minus(DEDUPE_RETENTION),
          Instant.ofEpochMilli(ts).plus(DEDUPE_RETENTION))) {
        if (it.hasNext()) {
          metrics.duplicates.increment();
          return;
        }
      }
      Tagged tagged;
      try {
        Tags tags = tagger.tag(item.title(), item.summary(), item.content(), item.language());
        EnrichedItem enriched = EnrichedItem.of(item, tags.companies(), tags.countries(), tags.themes(),
            tags.evidence(), item.id(), tagger.taxonomyVersion());
        tagged = new Tagged(enriched, SimHash.of(item.title(), item.summary()));
      } catch (RuntimeException e) {
        toDlq(record, "enrich.tag", e);
        return;
      }
      seen.put(item.id(), ts, ts);
      context.forward(record.withKey(item.id()).withValue(new Step(tagged, null)));
    }

    private void toDlq(Record<String, byte[]> record, String stage, RuntimeException e) {
      RecordMetadata m = context.recordMetadata().orElse(null);
      metrics.dlq.increment();
      org.slf4j.LoggerFactory.getLogger(EnrichTopology.class).warn("{}: record at {}-{} offset {} sent to the DLQ: {}",
          stage, m == null ? "?" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset(),
          e.getMessage());
      context.forward(new Record<>(record.key(), new Step(null, record.value() == null ? new byte[0] : record.value()),
          record.timestamp(), Dlq.headers(stage, e, m == null ? "?" : m.topic(), m == null ? -1 : m.partition(),
          m == null ? -1 : m.offset())));
    }
  }

  static final class StoryCluster implements Processor<String, Tagged, String, EnrichedItem> {
    private static final org.apache.kafka.common.serialization.StringSerializer KEYS =
        new org.apache.kafka.common.serialization.StringSerializer();

    private final EnrichMetrics metrics;
    private ProcessorContext<String, EnrichedItem> context;
    private KeyValueStore<String, String> index;

    StoryCluster(EnrichMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedItem> context) {
      this.context = context;
      this.index = context.getStateStore(STORY_STORE);
    }

    /**
     * Index entries: key {@code "<band>|<item id>"}, value {@code "<publish ms> <simhash hex> <story id>"}.
     * Entries older than twice the story window are deleted when a scan meets them.
     */
    @Override
    public void process(Record<String, Tagged> record) {
      Tagged t = record.value();
      long ts = record.timestamp();
      long window = STORY_WINDOW.toMillis();
      String[] bands = SimHash.bands(t.simhash());
      String story = null;
      int best = SimHash.NEAR + 1;
      java.util.List<String> expired = new java.util.ArrayList<>();
      for (String band : bands) {
        try (KeyValueIterator<String, String> it = index.prefixScan(band + "|", KEYS)) {
          while (it.hasNext()) {
            org.apache.kafka.streams.KeyValue<String, String> kv = it.next();
            String[] f = kv.value.split(" ");
            long at = Long.parseLong(f[0]);
            if (at < ts - 2 * window) {
              expired.add(kv.key);
              continue;
            }
            if (Math.abs(at - ts) > window) {
              continue;
            }
            int d = SimHash.distance(Long.parseUnsignedLong(f[1], 16), t.simhash());
            if (d < best) {
              best = d;
              story = f[2];
            }
          }
        }
      }
      expired.forEach(index::delete);
      EnrichedItem item = t.item();
      if (story != null && !story.equals(item.id())) {
        metrics.joined.increment();
        item = withStory(item, story);
      } else {
        story = item.id();
      }
      String entry = ts + " " + Long.toHexString(t.simhash()) + " " + story;
      for (String band : bands) {
        index.put(band + "|" + item.id(), entry);
      }
      metrics.enriched.increment();
      context.forward(record.withValue(item));
    }

    private static EnrichedItem withStory(EnrichedItem i, String story) {
      return new EnrichedItem(i.id(), i.feed(), i.source(), i.url(), i.title(), i.summary(), i.content(), i.author(),
          i.language(), i.publishedAt(), i.fetchedAt(), i.companies(), i.countries(), i.themes(), i.evidence(), story,
          i.taxonomyVersion());
    }
  }
}
