package dev.ainews.aggregate;

import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedTags;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.kafka.WindowedChangelogs;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate stream: {@code ainews.enriched.v1} -> trend counts, shares of voice, burst signals.
 *
 * <pre>
 * enriched (key id, JSON bytes)
 *   -> aggregate-read: read the JSON; an unreadable record goes to ainews.dlq.v1 (stage aggregate.read)
 *   -> aggregate-explode: the item's hits, one per tag and pair, keyed "dimension|value" (company|deepseek,
 *      company_theme|deepseek|cost, ...), plus "share|NAME" hits for items with a company; grouped by the task
 *      that owns each key, one {@link HitBatch} per task
 *   -> aggregate-by-value-P repartition, one per enriched partition P: each batch to its task, so each key is
 *      counted on one task; a task reads its partition of all of them, in publish-time order (see {@link #build})
 *   -> aggregate-story-gate: marks the hits whose story is new in their key's hour and day (in memory,
 *      recorded in aggregate-story-keys-store)
 *   -> per window size (1h, 1d):
 *        aggregate-W-count: a hit whose window closed (end + grace <= the task's stream time) is counted in
 *          ainews.aggregate.late and not in its window, as Streams' windowed aggregations would drop it unseen;
 *          the others add to their key's Tally (items, part, stories) in aggregate-W-store, a tumbling window
 *          with explicit grace; its record cache emits the updated tallies at commit, as the DSL's would
 *        -> trend topics (per dimension) and the share topic, as updates: no suppression, the
 *           record cache and commit interval set the rate
 *        -> aggregate-W-burst (company, theme): BurstDetector state in aggregate-burst-W-store;
 *           bursts to ainews.signals.v1 and aggregate-signals-store
 * </pre>
 *
 * <p>Distinct stories: the story gate remembers, per (value, window), the 64-bit story hashes already counted,
 * in memory for the open windows and in its store (per story and hour, the keys); a hit costs a hash probe and the
 * tally stays three longs, however busy the key. Exact however the copies of a story are spread over the window.
 * (Sets of story hashes inside the tallies were cheaper while they were small, and quadratic when a key's day
 * held tens of thousands of stories.)
 */
public final class AggregateTopology {

  private static final Logger log = LoggerFactory.getLogger(AggregateTopology.class);

  public static final String SOURCE = "aggregate-enriched-source";
  public static final String READ = "aggregate-read";
  public static final String DLQ_SINK = "aggregate-dlq-sink";
  public static final String EXPLODE = "aggregate-explode";
  /** Prefix of the repartition names: see {@link #byValue}. */
  public static final String BY_VALUE = "aggregate-by-value";
  /** Marks each hit whose story is new in its key's hour and day windows. */
  public static final String STORY_GATE = "aggregate-story-gate";
  /**
   * Window store of the stories counted: key {@code <story hash hex>} at the start of an hour, value the keys
   * ({@code dimension|value}, one per line) under which this task first counted the story in that hour (a story
   * first seen under a key in another hour of the same day is listed in that hour too, which is what the hour
   * windows need). One entry per story and hour rather than per key: an item's hits reach a task one after the
   * other, so the record cache folds those that land on one task into one changelog record per task, where one
   * record per key cost ~20 µs of the aggregate's CPU per item. An entry holds at most the item's keys (tens for
   * a busy item, a few hundred bytes), rewritten whole when a key is added. (Before this layout the store was
   * {@code aggregate-stories-store}, one entry per key and story.)
   */
  public static final String STORY_STORE = "aggregate-story-keys-store";
  /** Window store of fired signals, keyed {@code window|dimension:value}, at the window start. */
  public static final String SIGNALS_STORE = "aggregate-signals-store";

  /**
   * The value of the end marker a replay writes into each partition of a repartition topic once all batches of its
   * enriched partition are in: its timestamp (the end of the replayed range) puts it after every batch, so the
   * counting tasks, which take the earliest record among their input partitions, stop waiting for that partition's
   * next batch (up to {@code max.task.idle.ms}) and go on with the others'. The story gate drops it.
   */
  public static byte[] endOfInput() {
    return HitBatch.SERDE.serializer().serialize(null, HitBatch.END);
  }

  /** Dimension of the share-of-voice keys. */
  static final String SHARE = "share";
  public static final String CN_COMPANY_MENTIONS = "cn_company_mentions";
  public static final String US_COMPANY_MENTIONS = "us_company_mentions";
  public static final String OPEN_SOURCE_MODEL_NEWS = "open_source_model_news";
  public static final List<String> SHARES = List.of(CN_COMPANY_MENTIONS, US_COMPANY_MENTIONS,
      OPEN_SOURCE_MODEL_NEWS);

  static final Serde<Signal> SIGNAL_SERDE = JsonSerde.of(Signal.class);
  static final Serde<TrendCount> TREND_SERDE = JsonSerde.of(TrendCount.class);
  static final Serde<Share> SHARE_SERDE = JsonSerde.of(Share.class);
  private static final Serde<BurstDetector.State> BURST_STATE_SERDE = JsonSerde.of(BurstDetector.State.class);

  private AggregateTopology() {}

  /**
   * The repartition name of the batches from enriched partition {@code p}: topic
   * {@code <application.id>-aggregate-by-value-<p>-repartition}, except for partition 0, whose topic keeps the name
   * of the one topic earlier versions had ({@code <application.id>-aggregate-by-value-repartition}), so that what
   * they left in it is still counted after an upgrade.
   */
  public static String byValue(int p) {
    return p == 0 ? BY_VALUE : BY_VALUE + "-" + p;
  }

  /** Window store of the tallies of one window size: {@code aggregate-1h-store}, {@code aggregate-1d-store}. */
  public static String countStore(TrendWindow window) {
    return "aggregate-" + window.label() + "-store";
  }

  /** Key-value store of the burst detector states of one window size. */
  public static String burstStore(TrendWindow window) {
    return "aggregate-burst-" + window.label() + "-store";
  }

  /**
   * The topology over {@code partitions} tasks: the partitions of the enriched topic, which the repartition topics
   * also get (Streams' own default), so each key stays on the task it was counted on. A different count from an
   * existing repartition topic's fails the start with Streams' error naming both.
   *
   * <p>The batches of each enriched partition go through a repartition topic of their own, and each counting task
   * reads its partition of all of them: Streams hands a task the record with the earliest timestamp among its input
   * partitions (waiting up to {@code max.task.idle.ms} for one that has none buffered), so the counts see the
   * items in publish-time order whatever pace the reading tasks keep. Through one shared topic they arrived in the
   * order those tasks happened to run, which in a replay (the whole history at once, a task with a thread to
   * itself running weeks ahead) left thousands of hits late.
   */
  public static Topology build(AggregateNames names, AggregateSettings settings, AggregateMetrics metrics,
      int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    StreamsBuilder builder = new StreamsBuilder();
    // In memory: a few signals a day, restored from the changelog at start. A persistent store that a task never
    // writes (no burst yet) has no changelog offset to checkpoint, and under exactly-once Streams then treats the
    // whole task as corrupted at the next start and restores every store of it from scratch, after a clean close
    // too (seen as TaskCorruptedException on every aggregate restart of the soak).
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(SIGNALS_STORE, AggregateSettings.SIGNAL_RETENTION, Duration.ofDays(1), false),
        Serdes.String(), SIGNAL_SERDE).withLoggingEnabled(WindowedChangelogs.CONFIG));
    for (TrendWindow w : TrendWindow.values()) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(burstStore(w)),
          Serdes.String(), BURST_STATE_SERDE));
      // The layout the DSL's windowed aggregation gave this store (same supplier, cache and changelog), so the
      // tallies of an earlier version are read as they are.
      builder.addStateStore(Stores.timestampedWindowStoreBuilder(Stores.persistentTimestampedWindowStore(
          countStore(w), settings.of(w).retention(), w.size(), false), Serdes.String(), Tally.SERDE)
          .withCachingEnabled().withLoggingEnabled(WindowedChangelogs.CONFIG));
    }
    // The gate's entries live while the day window they count in is open (size + grace), plus one more window of
    // the gate's own lag. A few segments, not one per window (a replay's 7-day grace would open dozens of RocksDB
    // instances). The record cache folds the writes of one story's hits within a commit interval into one
    // changelog record; the gate reads its memory, and the store only for the entry it is adding keys to.
    Duration retention = Duration.ZERO;
    for (TrendWindow w : TrendWindow.values()) {
      Duration r = w.size().multipliedBy(2).plus(settings.of(w).grace());
      retention = r.compareTo(retention) > 0 ? r : retention;
    }
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORY_STORE, retention,
        retention.dividedBy(3), false), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled().withLoggingEnabled(WindowedChangelogs.CONFIG));

    KStream<String, byte[]> enriched = builder.stream(names.enriched(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE));
    KStream<String, Step> steps = enriched.process(() -> new Read(metrics), Named.as(READ));
    steps.split(Named.as("aggregate-"))
        .branch((k, s) -> s.failed != null, Branched.withConsumer(failed -> failed
            .mapValues(s -> s.failed, Named.as("aggregate-dlq-bytes"))
            .to(names.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(DLQ_SINK)), "failed"))
        .defaultBranch(Branched.withConsumer(ok -> {
          // One repartition topic per enriched partition, so that each counting task reads its partition of every
          // one of them and takes their batches in publish-time order (see build's comment).
          KStream<String, HitBatch> merged = null;
          for (int p = 0; p < partitions; p++) {
            int from = p;
            KStream<String, HitBatch> one = (partitions == 1 ? ok
                : ok.filter((k, s) -> Math.floorMod(s.partition, partitions) == from, Named.as("aggregate-from-" + p)))
                .processValues(() -> new Explode(partitions), Named.as(EXPLODE + "-" + p))
                .repartition(Repartitioned.with(Serdes.String(), HitBatch.SERDE).withName(byValue(p))
                    .withNumberOfPartitions(partitions).withStreamPartitioner(HitBatch.PARTITIONER));
            merged = merged == null ? one : merged.merge(one, Named.as("aggregate-by-value-merge-" + p));
          }
          KStream<String, HitBatch> hits = merged
              .processValues(() -> new StoryGate(settings), Named.as(STORY_GATE), STORY_STORE);
          for (TrendWindow w : TrendWindow.values()) {
            count(hits, w, names, settings.of(w), metrics);
          }
        }, "ok"));
    return builder.build();
  }

  private static void count(KStream<String, HitBatch> hits, TrendWindow w, AggregateNames names,
      AggregateSettings.PerWindow settings, AggregateMetrics metrics) {
    String p = "aggregate-" + w.label() + "-";
    KStream<Windowed<String>, Tally> updates = hits.process(() -> new Count(w, settings.grace(), metrics),
        Named.as(p + "count"), countStore(w));

    Map<String, String> trendTopics = new HashMap<>();
    for (String d : TrendTopics.DIMENSIONS) {
      trendTopics.put(d, names.trends(d, w).name());
    }
    updates.split(Named.as(p))
        .branch((k, v) -> k.key().startsWith(SHARE + "|"), Branched.withConsumer(shares -> shares
            .map((k, v) -> {
              Share s = toShare(k, v);
              metrics.share(w, s);
              return KeyValue.pair(s.key(), s);
            }, Named.as(p + "to-share"))
            .to(names.share(w).name(), Produced.with(Serdes.String(), SHARE_SERDE).withName(p + "share-sink")),
            "shares"))
        .defaultBranch(Branched.withConsumer(counts -> counts
            .map((k, v) -> {
              TrendCount c = toTrendCount(k, v, w);
              metrics.trend(c);
              return KeyValue.pair(c.key(), c);
            }, Named.as(p + "to-trend"))
            .to((key, c, ctx) -> trendTopics.get(c.dimension()),
                Produced.with(Serdes.String(), TREND_SERDE).withName(p + "trend-sink")), "trends"));

    updates
        .filter((k, v) -> TrendTopics.SIGNAL_DIMENSIONS.contains(dimensionOf(k.key())), Named.as(p + "burst-input"))
        .process(() -> new Burst(w, settings.burst(), metrics), Named.as(p + "burst"), burstStore(w), SIGNALS_STORE)
        .to(names.signals().name(), Produced.with(Serdes.String(), SIGNAL_SERDE).withName(p + "signal-sink"));
  }

  /**
   * The hits of one item: one per distinct tag and tag pair, and one per share of voice if it names a company, each
   * with whether it counts in its share's numerator.
   */
  static List<KeyValue<String, Boolean>> explode(EnrichedTags item) {
    Set<String> companies = ids(item.companies());
    Set<String> countries = ids(item.countries());
    Set<String> themes = ids(item.themes());
    List<KeyValue<String, Boolean>> out = new ArrayList<>();
    for (String c : companies) {
      out.add(KeyValue.pair("company|" + c, false));
    }
    for (String c : countries) {
      out.add(KeyValue.pair("country|" + c, false));
    }
    for (String t : themes) {
      out.add(KeyValue.pair("theme|" + t, false));
      for (String c : companies) {
        out.add(KeyValue.pair("company_theme|" + c + "|" + t, false));
      }
      for (String c : countries) {
        out.add(KeyValue.pair("country_theme|" + c + "|" + t, false));
      }
    }
    if (!companies.isEmpty()) {
      boolean cn = false;
      boolean us = false;
      for (String c : companies) {
        String hq = Headquarters.of(c);
        cn |= "CN".equals(hq);
        us |= "US".equals(hq);
      }
      // Open-source share: open_source items among company news, so part <= whole.
      boolean openSource = themes.contains("open_source");
      out.add(KeyValue.pair(SHARE + "|" + CN_COMPANY_MENTIONS, cn));
      out.add(KeyValue.pair(SHARE + "|" + US_COMPANY_MENTIONS, us));
      out.add(KeyValue.pair(SHARE + "|" + OPEN_SOURCE_MODEL_NEWS, openSource));
    }
    return out;
  }

  private static Set<String> ids(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      // '|' separates the parts of a key and a line break the keys of a story-store entry; a taxonomy id has
      // neither, a broken record might.
      if (v != null && !v.isBlank() && v.indexOf('|') < 0 && v.indexOf('\n') < 0) {
        out.add(v);
      }
    }
    return out;
  }

  static String dimensionOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  static TrendCount toTrendCount(Windowed<String> k, Tally t, TrendWindow w) {
    String key = k.key();
    int bar = key.indexOf('|');
    return new TrendCount(key.substring(0, bar), key.substring(bar + 1), w.label(), k.window().startTime(),
        k.window().endTime(), t.items(), t.stories());
  }

  static Share toShare(Windowed<String> k, Tally t) {
    return Share.of(k.key().substring(SHARE.length() + 1), k.window().startTime(), k.window().endTime(), t.part(),
        t.items());
  }

  /** The longest tag value counted: taxonomy ids are tens of characters; a key carries two values. */
  static final int MAX_TAG_CHARS = 256;
  /** The most tags of one kind counted per item: pairs grow with the product of companies and themes. */
  static final int MAX_TAGS = 100;

  /**
   * Refuses an item whose tags no taxonomy produces: a value of more than {@link #MAX_TAG_CHARS} characters or
   * more than {@link #MAX_TAGS} values of one kind. Such a record goes to the DLQ with this message, where counting
   * it would make a key too long for the repartition record, or tens of thousands of pair keys.
   */
  static void checkTags(EnrichedTags item) {
    checkTags("companies", item.companies());
    checkTags("countries", item.countries());
    checkTags("themes", item.themes());
  }

  private static void checkTags(String field, List<String> values) {
    if (values.size() > MAX_TAGS) {
      throw new IllegalArgumentException(field + " holds " + values.size() + " values; at most " + MAX_TAGS
          + " are counted");
    }
    for (String v : values) {
      if (v != null && v.length() > MAX_TAG_CHARS) {
        throw new IllegalArgumentException(field + " holds a value of " + v.length() + " characters; at most "
            + MAX_TAG_CHARS + " are counted");
      }
    }
  }

  /** Either a read item or the original bytes of a failed record; lives only inside one task. */
  static final class Step {
    final EnrichedTags item;
    final byte[] failed;
    /** The enriched partition the item came from: its repartition topic. */
    final int partition;

    private Step(EnrichedTags item, byte[] failed, int partition) {
      this.item = item;
      this.failed = failed;
      this.partition = partition;
    }
  }

  static final class Read implements Processor<String, byte[], String, Step> {
    private final AggregateMetrics metrics;
    private ProcessorContext<String, Step> context;

    Read(AggregateMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Step> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
      EnrichedTags item;
      try {
        // Only the tags, story and times: the text and the evidence are skipped, not read.
        item = EnrichedTags.fromJson(record.value());
        if (item == null) {
          throw new IllegalArgumentException("null value (tombstone) in the enriched topic");
        }
        checkTags(item);
      } catch (RuntimeException e) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        String topic = m == null ? "?" : m.topic();
        int partition = m == null ? -1 : m.partition();
        long offset = m == null ? -1 : m.offset();
        metrics.dlq.increment();
        log.warn("aggregate.read: record at {}-{} offset {} sent to the DLQ: {}", topic, partition, offset,
            e.getMessage());
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        context.forward(new Record<>(record.key(), new Step(null, bytes, partition), record.timestamp(),
            Dlq.headers("aggregate.read", e, topic, partition, offset)));
        return;
      }
      metrics.items.increment();
      if (item.fetchedAt() != null) {
        // Stream time is no use here: this is the wall time a reader waits from fetch to board.
        long ms = context.currentSystemTimeMs() - item.fetchedAt().toEpochMilli();
        metrics.latency.record(Duration.ofMillis(Math.max(0, ms)));
      }
      context.forward(record.withValue(new Step(item, null,
          context.recordMetadata().map(RecordMetadata::partition).orElse(0))));
    }
  }

  /**
   * The item's hits grouped by the task that owns their keys: one {@link HitBatch} per task, keyed by the item id,
   * for the partition {@link HitBatch#partitionOf} gives its keys. An item without tags has no hits.
   */
  static final class Explode implements FixedKeyProcessor<String, Step, HitBatch> {
    private final int partitions;
    private FixedKeyProcessorContext<String, HitBatch> context;

    Explode(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, HitBatch> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Step> record) {
      for (HitBatch batch : batches(record.value().item, partitions)) {
        context.forward(record.withValue(batch));
      }
    }

    /** The item's hits, one batch per partition that owns some of their keys, in the order of their first hit. */
    static List<HitBatch> batches(EnrichedTags item, int partitions) {
      List<KeyValue<String, Boolean>> hits = explode(item);
      int n = hits.size();
      if (n == 0) {
        return List.of();
      }
      long story = HitBatch.storyHash(item.storyId());
      // Hit indexes per partition, partitions in the order of their first hit.
      Map<Integer, List<Integer>> byPartition = new LinkedHashMap<>();
      byte[][] encoded = new byte[n][];
      for (int i = 0; i < n; i++) {
        encoded[i] = hits.get(i).key.getBytes(StandardCharsets.UTF_8);
        byPartition.computeIfAbsent(HitBatch.partitionOf(encoded[i], partitions), p -> new ArrayList<>()).add(i);
      }
      List<HitBatch> out = new ArrayList<>(byPartition.size());
      for (Map.Entry<Integer, List<Integer>> e : byPartition.entrySet()) {
        List<Integer> all = e.getValue();
        // A batch holds at most MAX_HITS hits; more (only for items past the tag bounds) go in further batches.
        for (int from = 0; from < all.size(); from += HitBatch.MAX_HITS) {
          List<Integer> part = all.subList(from, Math.min(all.size(), from + HitBatch.MAX_HITS));
          String[] keys = new String[part.size()];
          byte[][] bytes = new byte[part.size()][];
          byte[] flags = new byte[part.size()];
          for (int k = 0; k < part.size(); k++) {
            int i = part.get(k);
            keys[k] = hits.get(i).key;
            bytes[k] = encoded[i];
            flags[k] = hits.get(i).value ? HitBatch.PART : 0;
          }
          out.add(HitBatch.of(story, keys, bytes, flags, e.getKey()));
        }
      }
      return out;
    }
  }

  /**
   * Marks the first hit of each story per key in each hour and day window, so tallies count distinct stories
   * exactly at a fixed cost per hit: two probes of the in-memory {@link SeenStories}; and, once per batch whose
   * story is new in some key's hour, those keys added to the story's store entry for that hour, which serves both
   * window sizes (new in its day implies new in its hour). A set of every story inside the tally made each hit copy
   * the whole set three times (read, add, write) and the changelog carry it at every commit: quadratic in a busy
   * key's day, 23 s of end-to-end p99 at 1,000 items/s. Share keys count no stories and skip it. A window that has
   * closed (end + grace at or before stream time) is not marked: its count drops the hit as late.
   *
   * <p>The store ({@link #STORY_STORE}) is the durable record; {@link #init} rebuilds the memory from it, on the
   * first start, after a restore, and after Streams revived a task whose transaction failed (the store was rolled
   * back with it, so the memory must be too).
   */
  static final class StoryGate implements FixedKeyProcessor<String, HitBatch, HitBatch> {
    private static final long HOUR = TrendWindow.HOUR.size().toMillis();
    private final long hourCloses;
    private final long dayCloses;
    private FixedKeyProcessorContext<String, HitBatch> context;
    private WindowStore<String, byte[]> store;
    private SeenStories hours;
    private SeenStories days;
    /** The hour of stream time at which closed windows were last forgotten. */
    private long forgotAtHour;

    StoryGate(AggregateSettings settings) {
      this.hourCloses = HOUR + settings.hour().grace().toMillis();
      this.dayCloses = TrendWindow.DAY.size().toMillis() + settings.day().grace().toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, HitBatch> context) {
      this.context = context;
      this.store = context.getStateStore(STORY_STORE);
      this.hours = new SeenStories();
      this.days = new SeenStories();
      this.forgotAtHour = Long.MIN_VALUE;
      try (KeyValueIterator<Windowed<String>, byte[]> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<Windowed<String>, byte[]> entry = it.next();
          long story = Long.parseUnsignedLong(entry.key.key(), 16);
          long hour = entry.key.window().start();
          for (String key : new String(entry.value, StandardCharsets.UTF_8).split("\n")) {
            hours.add(key, hour, story);
            days.add(key, TrendWindow.DAY.startOf(hour), story);
          }
        }
      }
    }

    @Override
    public void process(FixedKeyRecord<String, HitBatch> record) {
      HitBatch batch = record.value();
      if (batch.isEnd()) {
        return;
      }
      long streamTime = context.currentStreamTimeMs();
      long hourStart = TrendWindow.HOUR.startOf(record.timestamp());
      long dayStart = TrendWindow.DAY.startOf(record.timestamp());
      // Forget the windows that closed since the last hour boundary of stream time.
      long boundary = TrendWindow.HOUR.startOf(streamTime);
      if (boundary > forgotAtHour) {
        hours.forgetBefore(TrendWindow.HOUR.startOf(streamTime - hourCloses) + HOUR);
        days.forgetBefore(TrendWindow.DAY.startOf(streamTime - dayCloses) + TrendWindow.DAY.size().toMillis());
        forgotAtHour = boundary;
      }
      boolean hourOpen = hourStart + hourCloses > streamTime;
      boolean dayOpen = dayStart + dayCloses > streamTime;
      byte[] flags = batch.flags();
      StringBuilder added = null;
      for (int i = 0; i < flags.length; i++) {
        String key = batch.key(i, record.key());
        if (key.startsWith(SHARE + "|")) {
          continue;
        }
        boolean newInHour = hourOpen && hours.add(key, hourStart, batch.story);
        boolean newInDay = dayOpen && days.add(key, dayStart, batch.story);
        flags[i] |= (byte) ((newInHour ? HitBatch.NEW_IN_HOUR : 0) | (newInDay ? HitBatch.NEW_IN_DAY : 0));
        if (newInHour || newInDay) {
          added = added == null ? new StringBuilder(key) : added.append('\n').append(key);
        }
      }
      if (added != null) {
        // Read-modify-write of the story's entry for this hour: the item's batch on this task in one write.
        String story = Long.toHexString(batch.story);
        byte[] earlier = store.fetch(story, hourStart);
        byte[] keys = added.toString().getBytes(StandardCharsets.UTF_8);
        if (earlier != null) {
          byte[] more = Arrays.copyOf(earlier, earlier.length + 1 + keys.length);
          more[earlier.length] = '\n';
          System.arraycopy(keys, 0, more, earlier.length + 1, keys.length);
          keys = more;
        }
        store.put(story, keys, hourStart);
      }
      context.forward(record.withValue(batch.withFlags(flags)));
    }
  }

  /**
   * Counts the hits of each batch into their keys' tallies of one window size, in a window store whose record cache
   * emits them ({@link ForwardOnFlush}): what the DSL's windowed aggregation did with one record per hit, here with
   * one record per batch. A batch whose window has closed (end + grace at or before the task's stream time, the
   * aggregation's own check) is counted per hit in {@code ainews.aggregate.late} and logged, and not in its window;
   * Streams' aggregation would drop it into a task-level sensor unseen. All hits of a batch share the item's time.
   * The tally keeps the latest record time of its window, which its updates carry downstream.
   *
   * <p>The open windows' tallies are also kept in memory as last written, so a hit reads a hash map rather than
   * the store's cache (which serializes the key and searches a sorted map on every read). Only this processor
   * writes the store; the memory is rebuilt lazily from it after every {@link #init}, which Streams calls again
   * when it revives a task whose transaction failed and whose stores were rolled back.
   */
  static final class Count implements Processor<String, HitBatch, Windowed<String>, Tally> {
    private final TrendWindow window;
    private final long sizeMs;
    private final long graceMs;
    private final byte newStory;
    private final AggregateMetrics metrics;
    private TimestampedWindowStore<String, Tally> store;
    private ProcessorContext<Windowed<String>, Tally> context;
    /** The store's cache emits the updates; false without a cache ({@code statestore.cache.max.bytes} 0). */
    private boolean cached;
    /**
     * Window start -> key -> the tally as last written, for the latest {@link #MIRRORED} windows still open (a
     * replay's week of grace keeps ~170 hours open; the older ones are read from the store).
     */
    private TreeMap<Long, HashMap<String, ValueAndTimestamp<Tally>>> open;
    private static final int MIRRORED = 48;

    Count(TrendWindow window, Duration grace, AggregateMetrics metrics) {
      this.window = window;
      this.sizeMs = window.size().toMillis();
      this.graceMs = grace.toMillis();
      this.newStory = window == TrendWindow.HOUR ? HitBatch.NEW_IN_HOUR : HitBatch.NEW_IN_DAY;
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Windowed<String>, Tally> context) {
      this.context = context;
      this.store = context.getStateStore(countStore(window));
      this.cached = ForwardOnFlush.register(store, context);
      Object cacheBytes = context.appConfigs().get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
      if (!cached && cacheBytes != null && Long.parseLong(cacheBytes.toString()) > 0) {
        // Forwarding each update would still count right, but every hit would leave as a record: fail loudly.
        throw new IllegalStateException("the record cache of " + countStore(window) + " does not take a flush "
            + "listener (" + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG + " " + cacheBytes + "): see "
            + "ForwardOnFlush, which uses Kafka Streams internals");
      }
      this.open = new TreeMap<>();
    }

    @Override
    public void process(Record<String, HitBatch> record) {
      HitBatch batch = record.value();
      long time = record.timestamp();
      long start = window.startOf(time);
      long streamTime = context.currentStreamTimeMs();
      if (start + sizeMs + graceMs <= streamTime) {
        late(record, batch, start, streamTime);
        return;
      }
      while (!open.isEmpty() && open.firstKey() + sizeMs + graceMs <= streamTime) {
        open.pollFirstEntry();
      }
      HashMap<String, ValueAndTimestamp<Tally>> tallies = open.get(start);
      if (tallies == null) {
        tallies = new HashMap<>();
        open.put(start, tallies);
        if (open.size() > MIRRORED) {
          open.pollFirstEntry();
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        String key = batch.key(i, record.key());
        ValueAndTimestamp<Tally> was = tallies.get(key);
        if (was == null) {
          was = store.fetch(key, start);
        }
        Tally tally = (was == null ? Tally.EMPTY : was.value()).add(batch.has(i, HitBatch.PART),
            batch.has(i, newStory));
        long latest = was == null ? time : Math.max(time, was.timestamp());
        ValueAndTimestamp<Tally> now = ValueAndTimestamp.make(tally, latest);
        tallies.put(key, now);
        store.put(key, now, start);
        if (!cached) {
          context.forward(new Record<>(new Windowed<>(key, new TimeWindow(start, start + sizeMs)), tally, latest,
              record.headers()));
        }
      }
    }

    private void late(Record<String, HitBatch> record, HitBatch batch, long start, long streamTime) {
      metrics.late(window, batch.size());
      if (log.isDebugEnabled()) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        log.debug("late for the {} window: {} hits of record {} at {} (window end {} + grace {} <= stream time {}), "
                + "{}-{} offset {}", window.label(), batch.size(), record.key(), Instant.ofEpochMilli(record.timestamp()),
            Instant.ofEpochMilli(start + sizeMs), Duration.ofMillis(graceMs), Instant.ofEpochMilli(streamTime),
            m == null ? "?" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset());
      }
    }
  }

  static final class Burst implements Processor<Windowed<String>, Tally, String, Signal> {
    private final TrendWindow window;
    private final BurstDetector detector;
    private final AggregateMetrics metrics;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, BurstDetector.State> states;
    private WindowStore<String, Signal> signals;

    Burst(TrendWindow window, BurstDetector.Settings settings, AggregateMetrics metrics) {
      this.window = window;
      this.detector = new BurstDetector(settings, window.size());
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
      this.context = context;
      this.states = context.getStateStore(burstStore(window));
      this.signals = context.getStateStore(SIGNALS_STORE);
    }

    @Override
    public void process(Record<Windowed<String>, Tally> record) {
      String key = record.key().key();
      long start = record.key().window().start();
      BurstDetector.State state = states.get(key);
      BurstDetector.Verdict v = detector.observe(state, start, record.value().items());
      if (v == null) {
        // A late item of an earlier window: the window just before the current one takes its
        // final count, and may turn out to be the burst.
        BurstDetector.Correction c = detector.correctPrevious(state, start, record.value().items());
        if (c == null) {
          return;
        }
        states.put(key, c.state());
        int bar = key.indexOf('|');
        emit(record, key.substring(0, bar), key.substring(bar + 1), start, c.baseline(), c.stddev(), c.score(),
            c.fire(), c.signal());
        return;
      }
      states.put(key, v.state());
      int bar = key.indexOf('|');
      String dimension = key.substring(0, bar);
      String value = key.substring(bar + 1);
      metrics.score(dimension, value, window, start, v.score(), v.state().over());
      emit(record, dimension, value, start, v.baseline(), v.stddev(), v.score(), v.fire(), v.signal());
    }

    private void emit(Record<Windowed<String>, Tally> record, String dimension, String value, long start,
        double baseline, double stddev, double score, boolean fire, boolean signal) {
      if (fire) {
        metrics.fired(dimension, window);
        log.info("burst: {} {} in the {} window at {}: {} items against a baseline of {} (score {})", dimension,
            value, window.label(), Instant.ofEpochMilli(start), record.value().items(),
            String.format(java.util.Locale.ROOT, "%.1f", baseline),
            String.format(java.util.Locale.ROOT, "%.1f", score));
      }
      if (signal) {
        Signal s = new Signal(dimension, value, window.label(), record.key().window().startTime(),
            record.key().window().endTime(), record.value().items(), baseline, stddev, score);
        signals.put(signalStoreKey(window, dimension, value), s, start);
        context.forward(new Record<>(s.key(), s, record.timestamp()));
      }
    }
  }

  static String signalStoreKey(TrendWindow window, String dimension, String value) {
    return window.label() + "|" + dimension + ":" + value;
  }
}
