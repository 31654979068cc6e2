package dev.ainews.aggregate;

import dev.ainews.aggregate.board.BoardHandler;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.common.trends.Signal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate service: creates its topics, runs {@link AggregateTopology} with
 * exactly-once processing, and serves the API on an {@link HttpEndpoint}.
 *
 * <pre>
 * AggregateApp app = new AggregateApp(AggregateConfig.fromEnv(Env.system()), registry);
 * app.registerHandlers(endpoint);   // before start: sets application.server to this endpoint
 * app.start();
 * ...
 * app.close(Duration.ofSeconds(30));
 * </pre>
 */
public final class AggregateApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AggregateApp.class);

  private final AggregateConfig config;
  private final AggregateNames names;
  private final MeterRegistry registry;
  private final AggregateMetrics metrics;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private HostInfo self;
  private volatile Throwable failure;
  /** Stream threads replaced after a rebalance found input topics missing; the app fails after that many. */
  private final java.util.concurrent.Semaphore missingTopics = new java.util.concurrent.Semaphore(
      MISSING_TOPIC_RETRIES);
  static final int MISSING_TOPIC_RETRIES = 10;

  public AggregateApp(AggregateConfig config, MeterRegistry registry) {
    this(config, AggregateNames.live(), registry);
  }

  public AggregateApp(AggregateConfig config, AggregateNames names, MeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.names = Objects.requireNonNull(names, "names");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.metrics = new AggregateMetrics(registry);
  }

  /**
   * Serves {@code /api/trends}, {@code /api/signals}, {@code /api/top}, {@code /api/share},
   * {@code /api/range} and the live board at {@code /} on the endpoint, and advertises it to the
   * other instances ({@code application.server} = AINEWS_ADVERTISED_HOST:endpoint port). Call before {@link #start()}.
   */
  public synchronized void registerHandlers(HttpEndpoint endpoint) {
    if (streams != null) {
      throw new IllegalStateException("register the HTTP handlers before start(): application.server is fixed then");
    }
    self = new HostInfo(config.advertisedHost(), endpoint.port());
    new AggregateApi(new StreamsStores(), new StreamsCluster(), Clock.systemUTC()).register(endpoint);
    new BoardHandler().register(endpoint);
  }

  /** Creates the output topics (and the input and DLQ if absent), then starts the streams app. */
  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    int partitions = createTopics();
    Topology topology = AggregateTopology.build(names, config.settings(), metrics, partitions);
    KafkaStreams s = new KafkaStreams(topology, streamsProperties());
    s.setUncaughtExceptionHandler(e -> {
      if (missingSourceTopic(e) && missingTopics.tryAcquire()) {
        // Seen while a broker restarts: its metadata lists the topics only once it has loaded them, and a
        // rebalance in between finds some of the app's several input topics missing. The topics come back; a
        // topic that stays missing fails the app after MISSING_TOPIC_RETRIES such replacements.
        log.warn("aggregate: input topics missing from the cluster's metadata during a rebalance (a broker "
            + "restarting?); replacing the stream thread: {}", e.getMessage());
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
            .REPLACE_THREAD;
      }
      failure = e;
      log.error("aggregate stream thread failed; the app shuts down: {}", e.toString(), e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .SHUTDOWN_CLIENT;
    });
    streamsMetrics = new KafkaStreamsMetrics(s);
    streamsMetrics.bindTo(registry);
    streams = s;
    s.start();
    log.info("aggregate app {} started against {} (state {}, API {})", config.applicationId(),
        config.bootstrapServers(), config.stateDir().toAbsolutePath(), self == null ? "off" : self);
  }

  private static boolean missingSourceTopic(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MissingSourceTopicException) {
        return true;
      }
    }
    return false;
  }

  public KafkaStreams.State state() {
    KafkaStreams s = streams;
    return s == null ? KafkaStreams.State.CREATED : s.state();
  }

  /** The error that stopped the app, or null. */
  public Throwable failure() {
    return failure;
  }

  /**
   * Closes the streams app, waiting up to {@code timeout}; the state stays in the state dir for the next start.
   * It leaves the consumer group: a restarted or surviving instance gets the partitions at once instead of
   * after the 45 s session timeout (a Streams member otherwise stays in the group when it closes).
   */
  public synchronized void close(Duration timeout) {
    KafkaStreams s = streams;
    if (s == null) {
      return;
    }
    if (!s.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(timeout))) {
      log.warn("aggregate app {} did not close within {}", config.applicationId(), timeout);
    }
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** The Streams settings of the app (also used by the benchmark's same-shape pass-through). */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.taskIdle().toMillis());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.cacheBytes());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    if (self != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    }
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    if (config.instanceId() != null) {
      // Streams appends "-<thread index>" for each stream thread's consumer.
      p.put(StreamsConfig.mainConsumerPrefix("group.instance.id"), config.instanceId());
    }
    return p;
  }

  /** Creates the topics that are missing; returns the partitions of the enriched topic, the app's tasks. */
  private int createTopics() {
    KafkaClients.waitForBroker(config.bootstrapServers(), Duration.ofSeconds(30));
    List<Topic<?, ?>> topics = new ArrayList<>();
    topics.add(new Topic<>(names.enriched(), Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde(),
        Topics.ENRICHED.configs()));
    topics.add(new Topic<>(names.dlq(), Topics.DLQ.keySerde(), Topics.DLQ.valueSerde(), Topics.DLQ.configs()));
    topics.addAll(names.outputs());
    try (Admin admin = Admin.create(KafkaClients.adminConfig(config.bootstrapServers(), "ainews-aggregate-admin"))) {
      int brokers = admin.describeCluster().nodes().get().size();
      TopicAdmin.createTopics(admin, topics, config.partitions(), (short) Math.max(1, Math.min(3, brokers)));
      return admin.describeTopics(List.of(names.enriched())).allTopicNames().get().get(names.enriched())
          .partitions().size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the Kafka cluster at " + config.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the aggregate topics", e);
    }
  }

  private KafkaStreams running() {
    KafkaStreams s = streams;
    if (s == null) {
      throw new org.apache.kafka.streams.errors.InvalidStateStoreException("the aggregate app has not started");
    }
    return s;
  }

  private final class StreamsStores implements AggregateApi.LocalStores {
    @Override
    public ReadOnlyWindowStore<String, Tally> counts(TrendWindow window) {
      return running().store(StoreQueryParameters.fromNameAndType(AggregateTopology.countStore(window),
          QueryableStoreTypes.<String, Tally>windowStore()));
    }

    @Override
    public ReadOnlyWindowStore<String, Signal> signals() {
      return running().store(StoreQueryParameters.fromNameAndType(AggregateTopology.SIGNALS_STORE,
          QueryableStoreTypes.<String, Signal>windowStore()));
    }
  }

  private final class StreamsCluster implements AggregateApi.Cluster {
    @Override
    public List<HostInfo> others(String store) {
      List<HostInfo> out = new ArrayList<>();
      for (StreamsMetadata m : running().metadataForAllStreamsClients()) {
        if (m.stateStoreNames().contains(store) && !m.hostInfo().equals(self) && !out.contains(m.hostInfo())) {
          out.add(m.hostInfo());
        }
      }
      return out;
    }

    @Override
    public List<HostInfo> ownersOf(String store, String key) {
      KeyQueryMetadata m = running().queryMetadataForKey(store, key, Serdes.String().serializer());
      if (m == null || m == KeyQueryMetadata.NOT_AVAILABLE) {
        return others(store);
      }
      return m.activeHost().equals(self) ? List.of() : List.of(m.activeHost());
    }
  }
}
