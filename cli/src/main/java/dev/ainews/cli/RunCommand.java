package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.ingest.FeedCatalog;
import dev.ainews.ingest.FeedList;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestService;
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
    System.out.println("ainews: starting the embedded Kafka broker (data in " + dataDir.toAbsolutePath() + ")");
    try (EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(dataDir.resolve("kafka")).port(kafkaPort).start()) {
      String bootstrap = broker.bootstrapServers();
      Services.ensureTopics(bootstrap, env);
      FeedList feeds = new FeedList(bootstrap);
      if (feeds.list().isEmpty()) {
        int n = feeds.put(FeedCatalog.defaults());
        System.out.println("ainews: subscribed to the " + n + " curated default feeds (see: ainews feeds list)");
      }
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Services.bindJvm(registry);
      try (HttpEndpoint http = HttpEndpoint.start("127.0.0.1", httpPort, registry)) {
        IngestConfig config = IngestConfig.fromEnv(env).withBootstrap(bootstrap).withInstanceId("embedded");
        IngestService ingest = Ingest.create(config, registry);
        System.out.println("ainews: running. Kafka at " + bootstrap + ", metrics at http://127.0.0.1:" + http.port()
            + "/metrics, log in " + logFile + ". Ctrl-C to stop.");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "ainews-status");
          t.setDaemon(true);
          return t;
        });
        ticker.scheduleAtFixedRate(() -> printStatus(ingest), statusEvery, statusEvery, TimeUnit.SECONDS);
        int code = Services.runUntilShutdown("pipeline", ingest::run, ingest::close, ingest::failure);
        ticker.shutdownNow();
        System.out.println("ainews: stopped cleanly; run again to continue where it left off.");
        return code;
      }
    }
  }

  private static void printStatus(IngestService ingest) {
    IngestService.Status s = ingest.status();
    System.out.printf("%s  feeds %d (polled %d, healthy %d, failing %d)  items in %d%n",
        LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), s.feedsOwned(), s.feedsPolledOnce(),
        s.feedsHealthy(), s.feedsUnhealthy(), s.itemsPublished());
  }

}
