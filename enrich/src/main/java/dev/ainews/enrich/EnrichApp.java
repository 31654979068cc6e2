package dev.ainews.enrich;

import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.enrich.tag.Tagger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link EnrichTopology} with exactly-once processing: the enriched record,
 * the dedupe and story state and the input offset commit in one transaction, so
 * a crash neither loses nor doubles an item.
 */
public final class EnrichApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;

  public EnrichApp(EnrichConfig config, Tagger tagger, EnrichTopology.Names names, MeterRegistry registry) {
    int rawPartitions = TopicAdmin.partitions(config.bootstrapServers(), names.raw());
    Topology topology = EnrichTopology.build(tagger, names, new EnrichMetrics(registry), rawPartitions);
    streams = new KafkaStreams(topology, properties(config));
    streams.setUncaughtExceptionHandler(e -> {
      log.error("enrich stream thread failed; replacing it: {}", e.toString(), e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .REPLACE_THREAD;
    });
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    log.info("enrich: {} -> {} with taxonomy {}", names.raw(), names.enriched(), tagger.taxonomyVersion());
  }

  /** The Streams settings of the enrich app (also used by the benchmark's same-shape pass-through). */
  public static Properties properties(EnrichConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.taskIdle().toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    p.put(StreamsConfig.CLIENT_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131072);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    if (config.instanceId() != null) {
      // Streams appends "-<thread index>" for each stream thread's consumer.
      p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
    }
    // No global stores here; opting in now only silences the 4.x deprecation warning (default in 5.0).
    p.put("processing.exception.handler.global.enabled", true);
    return p;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Waits for the broker first, so a missing broker is one clear message instead of retries in the log. */
  public static void requireBroker(String bootstrap) {
    KafkaClients.waitForBroker(bootstrap, Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    // Leave the group: a restarted or surviving instance gets the partitions at once, not after the
    // 45 s session timeout (a Streams member otherwise stays in the group when it closes).
    if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)))) {
      log.warn("enrich app did not close within 30 s");
    }
    streamsMetrics.close();
  }

}
