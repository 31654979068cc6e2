package dev.ainews.ingest;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.ingest.fetch.FeedFetcher;
import dev.ainews.ingest.fetch.PollPolicy;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires an {@link IngestService} to real Kafka clients and the real fetcher. */
public final class Ingest {

  private static final Logger log = LoggerFactory.getLogger(Ingest.class);

  private Ingest() {}

  public static IngestService create(IngestConfig config, MeterRegistry registry) {
    return create(config, registry, Clock.systemUTC());
  }

  /** With a clock of the caller's: tests move time forward instead of waiting for poll intervals. */
  public static IngestService create(IngestConfig config, MeterRegistry registry, Clock clock) {
    String clientId = "ainews-ingest-" + config.instanceId();

    KafkaConsumer<String, FeedSubscription> consumer = new KafkaConsumer<>(feedListConsumerConfig(config, clientId),
        Topics.FEEDS.keySerde().deserializer(), Topics.FEEDS.valueSerde().deserializer());
    log.info("ingest instance {} joins group {} on {} as a {} member", config.instanceId(), config.groupId(),
        Topics.FEEDS.name(), config.staticMembership() ? "static" : "dynamic");

    Map<String, Object> pc = new HashMap<>(KafkaClients.producerConfig(config.bootstrapServers(), clientId));
    pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId);
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();

    FeedFetcher fetcher = new FeedFetcher(config.fetch());
    PollPolicy policy = new PollPolicy(new java.util.Random(), config.unhealthyAfter(), config.minPollInterval());
    FeedPoller poller = new FeedPoller(fetcher::fetch, new FeedParser(), new Normalizer(), policy, clock,
        config.seenPerFeed());
    ExecutorService pool = Executors.newFixedThreadPool(config.workers(), daemonThreads("ainews-fetch-"));
    return new IngestService(consumer, new IngestSink(producer),
        partitions -> loadStates(config.bootstrapServers(), clientId, partitions), poller, pool, config.workers(),
        new IngestMetrics(registry), clock).closing(fetcher);
  }

  /**
   * The feed-list consumer's config: a member of the ingest group, static (its {@code group.instance.id} is the
   * instance id) when the id was given, so that a restart with it takes the same feeds back without a rebalance.
   */
  static Map<String, Object> feedListConsumerConfig(IngestConfig config, String clientId) {
    Map<String, Object> cc = new HashMap<>(KafkaClients.consumerConfig(config.bootstrapServers(), config.groupId(),
        clientId));
    if (config.staticMembership()) {
      cc.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
    }
    return cc;
  }

  /**
   * Reads the committed feed states of the given partitions of
   * {@code ainews.feeds.state}, to the end, into a map by feed id.
   */
  static Map<String, FeedState> loadStates(String bootstrap, String clientId, Collection<Integer> partitions) {
    Map<String, Object> cc = new HashMap<>(KafkaClients.consumerConfig(bootstrap, null, clientId + "-state"));
    cc.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, FeedState> out = new HashMap<>();
    List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(Topics.FEED_STATE.name(), p)).toList();
    try (KafkaConsumer<String, FeedState> c = new KafkaConsumer<>(cc, Topics.FEED_STATE.keySerde().deserializer(),
        Topics.FEED_STATE.valueSerde().deserializer())) {
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        try {
          for (ConsumerRecord<String, FeedState> r : c.poll(Duration.ofMillis(200))) {
            if (r.value() == null) {
              out.remove(r.key());
            } else {
              out.put(r.key(), r.value());
            }
          }
        } catch (RecordDeserializationException e) {
          // An unreadable state costs that feed a fresh start, not the instance.
          log.error("skipping unreadable feed state at {} offset {}: {}", e.topicPartition(), e.offset(),
              e.getMessage());
          c.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }
    return out;
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
