package dev.ainews.cli;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;

/** {@code ainews aggregate}: trends, signals, /metrics, the API and the board against {@code KAFKA_BOOTSTRAP_SERVERS}. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {"Run the aggregate stream: ainews.enriched.v1 -> trend and signal topics, with /metrics, the",
        "HTTP API and the live board on AINEWS_HTTP_PORT. Scale out with the same AINEWS_AGGREGATE_APP_ID."})
final class AggregateCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Env env = Env.system();
    AggregateConfig config = AggregateConfig.fromEnv(env);
    Services.awaitBroker(config.bootstrapServers());
    Services.ensureTopics(config.bootstrapServers(), env);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Services.bindJvm(registry);
    HttpEndpoint http = HttpEndpoint.start(env.string("AINEWS_HTTP_HOST", "0.0.0.0"), config.httpPort(), registry);
    AggregateApp app = new AggregateApp(config, registry);
    app.registerHandlers(http);
    CountDownLatch stopped = new CountDownLatch(1);
    app.start();
    Thread watcher = new Thread(() -> {
      while (app.state() != KafkaStreams.State.NOT_RUNNING && app.state() != KafkaStreams.State.ERROR
          && app.failure() == null) {
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      }
      stopped.countDown();
    }, "aggregate-watch");
    watcher.setDaemon(true);
    watcher.start();
    return Services.runUntilShutdown("aggregate", () -> {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, () -> {
      app.close();
      stopped.countDown();
    }, http::close, app::failure);
  }
}
