package dev.ainews.cli;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.ingest.FeedList;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestService;
import dev.ainews.ingest.fetch.FetchConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The all-in-one pipeline of {@code ainews run} and {@code ainews demo}: an
 * embedded broker, the three stages in one JVM, and one HTTP endpoint for
 * /metrics, the API and the live board. Closed clients first, broker last.
 */
final class Pipeline implements AutoCloseable {

  /**
   * @param feeds          the subscriptions to seed when the feed list is empty, given the bootstrap address
   * @param allowPrivate   let ingest fetch from loopback (the demo's own server)
   * @param minPollInterval polite minimum between polls of one feed
   */
  record Options(Path dataDir, int kafkaPort, int httpPort, Env env, Function<String, List<FeedSubscription>> feeds,
      boolean allowPrivate, Duration minPollInterval) {}

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  EmbeddedKafka broker;
  HttpEndpoint http;
  EnrichApp enrich;
  AggregateApp aggregate;
  IngestService ingest;
  int seeded;

  static Pipeline start(Options o, Tagger tagger) {
    Pipeline p = new Pipeline();
    try {
      Services.bindJvm(p.registry);
      p.broker = EmbeddedKafka.builder().dataDir(o.dataDir().resolve("kafka")).port(o.kafkaPort()).start();
      p.broker.detachShutdownHook();
      String bootstrap = p.broker.bootstrapServers();
      Services.ensureTopics(bootstrap, o.env());
      FeedList feeds = new FeedList(bootstrap);
      if (feeds.list().isEmpty()) {
        p.seeded = feeds.put(o.feeds().apply(bootstrap));
      }
      p.http = HttpEndpoint.start("127.0.0.1", o.httpPort(), p.registry);
      Path state = o.dataDir().resolve("streams");
      p.enrich = new EnrichApp(EnrichConfig.fromEnv(o.env()).with(bootstrap, "ainews-enrich", state), tagger,
          EnrichTopology.Names.live(), p.registry);
      p.aggregate = new AggregateApp(AggregateConfig.fromEnv(o.env()).withBootstrap(bootstrap).withStateDir(state)
          .withApplicationId("ainews-aggregate"), p.registry);
      p.aggregate.registerHandlers(p.http);
      p.enrich.start();
      p.aggregate.start();
      IngestConfig ic = IngestConfig.fromEnv(o.env()).withBootstrap(bootstrap).withInstanceId("embedded")
          .withMinPollInterval(o.minPollInterval());
      if (o.allowPrivate()) {
        FetchConfig f = ic.fetch();
        ic = ic.withFetch(f.withAllowPrivateNetworks(true));
      }
      p.ingest = Ingest.create(ic, p.registry);
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  double counter(String name, String tagKey, String tagValue) {
    var search = registry.find(name);
    if (tagKey != null) {
      search = search.tag(tagKey, tagValue);
    }
    Counter c = search.counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    if (ingest != null) {
      ingest.close();
    }
    if (enrich != null) {
      enrich.close();
    }
    if (aggregate != null) {
      aggregate.close();
    }
    if (http != null) {
      http.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
