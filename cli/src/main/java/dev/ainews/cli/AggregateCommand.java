package dev.ainews.cli;

import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ainews aggregate}: trends, signals, /metrics, the API and the board against {@code KAFKA_BOOTSTRAP_SERVERS}. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {"Run the aggregate stream: ainews.enriched.v1 -> trend and signal topics, with /metrics, the",
        "HTTP API and the live board on AINEWS_HTTP_PORT. Scale out with the same AINEWS_AGGREGATE_APP_ID."})
final class AggregateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Env env = Env.system();
    AggregateConfig config = AggregateConfig.fromEnv(env);
    PrometheusMeterRegistry registry = Services.prepare(config.bootstrapServers(), env);
    HttpEndpoint http = HttpEndpoint.start(env.string("AINEWS_HTTP_HOST", "0.0.0.0"), config.httpPort(), registry);
    AggregateApp app = new AggregateApp(config, registry);
    app.registerHandlers(http);
    app.start();
    return Services.runStreamsApp("aggregate", app::state, app::close, http::close, app::failure);
  }
}
