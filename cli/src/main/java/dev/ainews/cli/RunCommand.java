package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.ingest.FeedCatalog;
import dev.ainews.ingest.FeedList;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ainews run}: the whole pipeline in one JVM on an embedded Kafka broker,
 * for one machine without Docker. Data lives under {@code ./data} and survives
 * restarts; the next run continues where this one stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on an embedded Kafka broker (data under ./data).",
        "Seeds the curated feed list on first start. Ctrl-C stops it cleanly."})
final class RunCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "where the broker keeps its data and logs (default: ./data)")
  Path dataDir = Path.of("data");

  @Option(names = "--kafka-port", description = "port of the embedded broker (default: 9092, 0 = any free port)")
  int kafkaPort = 9092;

  @Option(names = "--http-port", description = "port of /metrics and the API (default: 8080, 0 = any free port)")
  int httpPort = 8080;

  @Option(names = "--status-every", description = "seconds between status lines (default: 15)")
  int statusEvery = 15;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dataDir.resolve("logs"));
    Path logFile = dataDir.resolve("logs").resolve("ainews.log");
    Logging.toFile(logFile);
    Env env = Env.system();
    Tagger tagger = Tagger.fromEnv(env);
    System.out.println("ainews: starting the embedded Kafka broker (data in " + dataDir.toAbsolutePath() + ")");
    Pipeline p = new Pipeline();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Services.bindJvm(registry);
    try {
      p.broker = EmbeddedKafka.builder().dataDir(dataDir.resolve("kafka")).port(kafkaPort).start();
      p.broker.detachShutdownHook();
      String bootstrap = p.broker.bootstrapServers();
      Services.ensureTopics(bootstrap, env);
      FeedList feeds = new FeedList(bootstrap);
      if (feeds.list().isEmpty()) {
        int n = feeds.put(FeedCatalog.defaults());
        System.out.println("ainews: subscribed to the " + n + " curated default feeds (see: ainews feeds list)");
      }
      p.http = HttpEndpoint.start("127.0.0.1", httpPort, registry);
      p.enrich = new EnrichApp(EnrichConfig.fromEnv(env).with(bootstrap, "ainews-enrich", dataDir.resolve("streams")),
          tagger, EnrichTopology.Names.live(), registry);
      p.enrich.start();
      p.ingest = Ingest.create(IngestConfig.fromEnv(env).withBootstrap(bootstrap).withInstanceId("embedded"), registry);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    System.out.println("ainews: running. Kafka at " + p.broker.bootstrapServers() + ", metrics at http://127.0.0.1:"
        + p.http.port() + "/metrics, log in " + logFile + ". Ctrl-C to stop.");
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ainews-status");
      t.setDaemon(true);
      return t;
    });
    StatusLine status = new StatusLine(p.ingest, registry);
    ticker.scheduleAtFixedRate(status::print, statusEvery, statusEvery, TimeUnit.SECONDS);
    int code = Services.runUntilShutdown("pipeline", p.ingest::run, p.ingest::close, () -> {
      ticker.shutdownNow();
      p.close();
    }, p.ingest::failure);
    System.out.println("ainews: stopped cleanly; run again to continue where it left off.");
    return code;
  }

  /** Everything the run started, closed clients first and the broker last. */
  private static final class Pipeline implements AutoCloseable {
    EmbeddedKafka broker;
    HttpEndpoint http;
    EnrichApp enrich;
    IngestService ingest;

    @Override
    public void close() {
      if (ingest != null) {
        ingest.close();
      }
      if (enrich != null) {
        enrich.close();
      }
      if (http != null) {
        http.close();
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** The periodic one-line summary: feeds, items in, items tagged, and a hint when nothing is reachable. */
  static final class StatusLine {
    private final IngestService ingest;
    private final MeterRegistry registry;
    private boolean hinted;

    StatusLine(IngestService ingest, MeterRegistry registry) {
      this.ingest = ingest;
      this.registry = registry;
    }

    void print() {
      IngestService.Status s = ingest.status();
      double enriched = 0;
      if (registry != null) {
        Counter c = registry.find("ainews.enrich.items").tag("result", "enriched").counter();
        enriched = c == null ? 0 : c.count();
      }
      System.out.printf("%s  feeds %d: %d ok, %d failing (%d unhealthy)  items in %d, tagged %.0f%n",
          LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), s.feedsOwned(),
          s.feedsPolledOnce() - s.feedsFailing(), s.feedsFailing(), s.feedsUnhealthy(), s.itemsPublished(), enriched);
      if (!hinted && s.feedsOwned() > 0 && s.feedsPolledOnce() == s.feedsOwned() && s.feedsFailing() == s.feedsOwned()) {
        hinted = true;
        System.out.println("ainews: no feed could be fetched (see " + "data/logs/ainews.log"
            + "). No internet here? `./ainews demo` runs the same pipeline on a bundled offline sample.");
      }
    }
  }
}
