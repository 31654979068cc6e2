package dev.ainews.enrich;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.RawItem;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.WindowedChangelogs;
import dev.ainews.enrich.story.SimHash;
import dev.ainews.enrich.story.StoryIndex;
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
import org.apache.kafka.streams.kstream.Windowed;
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
 *      (enrich-dedupe-store, looked up only for ids its in-memory filter
 *      {@link SeenIds} has seen), tag company/country/theme, SimHash the headline,
 *      write the enriched JSON (its own id as story id); an unreadable or
 *      untaggable record goes to ainews.dlq.v1 with headers
 *   -> enrich-story(-P) repartition, one per raw partition P, of one partition each
 *      (copies of one story come from different feeds, so under different ids and
 *      partitions; clustering must see them together). Their value is the
 *      fingerprint and the finished JSON ({@link StoryCandidate}), so this
 *      single-threaded stage reads and writes no JSON for an item that starts a
 *      story, the common case. Its one task reads all of them, in publish-time
 *      order across them (see {@link #build})
 *   -> enrich-story-cluster: the first item of a story within 48 h gives the
 *      story id to its near-duplicates (enrich-story-store: one entry per
 *      recent item; the band index in memory is rebuilt from it)
 *   -> enriched (key id)
 * </pre>
 *
 * Every parsing, tagging and serializing step runs in the first stage, in
 * parallel over the raw partitions; the second stage only looks up a
 * fingerprint.
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

  /** The enriched record's JSON, written once in the parallel stage and read again only to join a story. */
  private static final JsonSerde<EnrichedItem> ENRICHED_JSON = JsonSerde.of(EnrichedItem.class);

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

  /**
   * The topology for a raw topic of {@code rawPartitions} partitions: the story stage reads one single-partition
   * topic per raw partition, so its one task takes their items in publish-time order (Streams hands a task the
   * record with the earliest timestamp among its input partitions, and {@code max.task.idle.ms} makes it wait for a
   * partition that has none buffered). Through one shared topic, items reached it in the order the raw tasks
   * happened to run: in a replay, where the whole history is there at once, a raw task that ran ahead (it started
   * first, or had a thread to itself) put its partition's weeks ahead of the others', and the aggregate counted
   * the others' items late.
   */
  public static Topology build(Tagger tagger, Names names, EnrichMetrics metrics, int rawPartitions) {
    if (rawPartitions < 1) {
      throw new IllegalArgumentException("rawPartitions must be at least 1, got " + rawPartitions);
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUPE_STORE, DEDUPE_RETENTION, Duration.ofMillis(1), false),
        Serdes.String(), Serdes.Long()).withLoggingEnabled(WindowedChangelogs.CONFIG));
    // One small entry per (band, item), found by a prefix scan of the band: a lookup
    // touches only the band's own entries (a window-store fetch walks every timestamp
    // of the range before it filters the key), and a write is one short changelog record.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORY_STORE),
        Serdes.String(), Serdes.ByteArray()));

    KStream<String, byte[]> raw = builder.stream(names.raw(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE));

    KStream<String, Step> steps = raw.process(() -> new ReadTag(tagger, metrics, names), Named.as(READ_TAG),
        DEDUPE_STORE);
    steps.split(Named.as("enrich-"))
        .branch((k, s) -> s.failed != null, Branched.withConsumer(failed -> failed
            .mapValues(s -> s.failed, Named.as("enrich-dlq-bytes"))
            .to(names.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(DLQ_SINK)), "failed"))
        .defaultBranch(Branched.withConsumer(ok -> {
          KStream<String, StoryCandidate> stories = null;
          for (int p = 0; p < rawPartitions; p++) {
            int from = p;
            KStream<String, StoryCandidate> one = (rawPartitions == 1 ? ok
                : ok.filter((k, s) -> Math.floorMod(s.partition, rawPartitions) == from, Named.as("enrich-from-" + p)))
                .mapValues(s -> s.tagged, Named.as("enrich-tagged-" + p))
                .repartition(Repartitioned.with(Serdes.String(), StoryCandidate.SERDE)
                    .withName(storyRepartition(p)).withNumberOfPartitions(1));
            stories = stories == null ? one : stories.merge(one, Named.as("enrich-story-merge-" + p));
          }
          stories.process(() -> new StoryCluster(metrics), Named.as(STORY_CLUSTER), STORY_STORE)
              .to(names.enriched(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(ENRICHED_SINK));
        }, "ok"));
    return builder.build();
  }

  /**
   * The value of the end marker a replay writes into a story topic once all items of its raw partition are in: its
   * timestamp (the end of the replayed range) puts it after every item, so the story task, which takes the earliest
   * record among its input topics, stops waiting for that partition's next item (up to {@code max.task.idle.ms}) and
   * goes on with the others'. The story stage drops it.
   */
  public static byte[] endOfInput() {
    return StoryCandidate.SERDE.serializer().serialize(null, new StoryCandidate(0, new byte[0]));
  }

  /**
   * The repartition name of the items of raw partition {@code p} on their way to the story stage: topic
   * {@code <application.id>-enrich-story-<p>-repartition}, except for partition 0, whose topic keeps the name of the
   * one topic earlier versions had ({@code <application.id>-enrich-story-repartition}), so that what they left in it
   * is still read after an upgrade.
   */
  public static String storyRepartition(int p) {
    return p == 0 ? STORY_REPARTITION : STORY_REPARTITION + "-" + p;
  }

  /** Either a tagged item or the original bytes of a failed record; lives only inside one task. */
  static final class Step {
    final StoryCandidate tagged;
    final byte[] failed;
    /** The raw partition the item came from: its story-stage topic. */
    final int partition;

    private Step(StoryCandidate tagged, byte[] failed, int partition) {
      this.tagged = tagged;
      this.failed = failed;
      this.partition = partition;
    }
  }

  static final class ReadTag implements Processor<String, byte[], String, Step> {
    private static final JsonSerde<RawItem> RAW = JsonSerde.of(RawItem.class);
    private final Tagger tagger;
    private final EnrichMetrics metrics;
    private final Names range;
    private ProcessorContext<String, Step> context;
    private WindowStore<String, Long> seen;
    private SeenIds ids;

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
      // Rebuilt on every (re)start, restore and revive: the store is the record, the filter its index.
      this.ids = new SeenIds(DEDUPE_RETENTION.toMillis());
      try (KeyValueIterator<Windowed<String>, Long> it = seen.all()) {
        while (it.hasNext()) {
          Windowed<String> k = it.next().key;
          ids.add(k.key(), k.window().start());
        }
      }
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
      // The long-millis overload: the Instant one formats an error-message prefix on every call.
      long retention = DEDUPE_RETENTION.toMillis();
      if (ids.mightContain(item.id())) {
        try (WindowStoreIterator<Long> it = seen.fetch(item.id(), ts - retention, ts + retention)) {
          if (it.hasNext()) {
            metrics.duplicates.increment();
            return;
          }
        }
      }
      StoryCandidate tagged;
      try {
        Tags tags = tagger.tag(item.title(), item.summary(), item.content(), item.language());
        EnrichedItem enriched = EnrichedItem.of(item, tags.companies(), tags.countries(), tags.themes(),
            tags.evidence(), item.id(), tagger.taxonomyVersion());
        tagged = new StoryCandidate(SimHash.of(item.title(), item.summary()), ENRICHED_JSON.toBytes(enriched));
      } catch (RuntimeException e) {
        toDlq(record, "enrich.tag", e);
        return;
      }
      seen.put(item.id(), ts, ts);
      ids.add(item.id(), ts);
      context.forward(record.withKey(item.id()).withValue(new Step(tagged, null,
          context.recordMetadata().map(RecordMetadata::partition).orElse(0))));
    }

    private void toDlq(Record<String, byte[]> record, String stage, RuntimeException e) {
      RecordMetadata m = context.recordMetadata().orElse(null);
      metrics.dlq.increment();
      org.slf4j.LoggerFactory.getLogger(EnrichTopology.class).warn("{}: record at {}-{} offset {} sent to the DLQ: {}",
          stage, m == null ? "?" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset(),
          e.getMessage());
      byte[] bytes = record.value() == null ? new byte[0] : record.value();
      context.forward(new Record<>(record.key(), new Step(null, bytes, -1), record.timestamp(), Dlq.headers(stage, e,
          m == null ? "?" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset())));
    }
  }

  static final class StoryCluster implements Processor<String, StoryCandidate, String, byte[]> {

    private final EnrichMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private StoryIndex index;
    /** The latest publish time seen: entries twice the story window older than it are forgotten. */
    private long streamTime;

    StoryCluster(EnrichMetrics metrics) {
      this.metrics = metrics;
    }

    /**
     * Rebuilds the in-memory index from the store: on the first start, after a
     * restore, and after Streams revived a task whose transaction failed (its
     * store is rolled back to the last commit, so the index must be too).
     */
    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
      this.store = context.getStateStore(STORY_STORE);
      this.index = new StoryIndex();
      this.streamTime = Long.MIN_VALUE;
      try (KeyValueIterator<String, byte[]> it = store.all()) {
        while (it.hasNext()) {
          org.apache.kafka.streams.KeyValue<String, byte[]> kv = it.next();
          StoryIndex.Entry e = StoryIndex.Entry.fromStore(kv.key, kv.value);
          index.add(e);
          streamTime = Math.max(streamTime, e.timestamp());
        }
      }
    }

    @Override
    public void process(Record<String, StoryCandidate> record) {
      StoryCandidate c = record.value();
      if (c.isEnd()) {
        return;
      }
      String id = record.key();
      long ts = record.timestamp();
      long window = STORY_WINDOW.toMillis();
      streamTime = Math.max(streamTime, ts);
      for (StoryIndex.Entry old : index.evictBefore(streamTime - 2 * window)) {
        store.delete(old.id());
      }
      StoryIndex.Entry near = index.nearest(c.simhash(), ts, window, SimHash.NEAR);
      byte[] json = c.enrichedJson();
      String story = id;
      if (near != null && !near.story().equals(id)) {
        story = near.story();
        metrics.joined.increment();
        json = ENRICHED_JSON.toBytes(withStory(ENRICHED_JSON.fromBytes(json), story));
      }
      StoryIndex.Entry entry = new StoryIndex.Entry(id, c.simhash(), ts, story);
      index.add(entry);
      store.put(id, entry.storeValue());
      metrics.enriched.increment();
      context.forward(record.withValue(json));
    }

    private static EnrichedItem withStory(EnrichedItem i, String story) {
      return new EnrichedItem(i.id(), i.feed(), i.source(), i.url(), i.title(), i.summary(), i.content(), i.author(),
          i.language(), i.publishedAt(), i.fetchedAt(), i.companies(), i.countries(), i.themes(), i.evidence(), story,
          i.taxonomyVersion());
    }
  }
}
