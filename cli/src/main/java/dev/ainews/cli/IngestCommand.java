package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.ingest.Ingest;
import dev.ainews.ingest.IngestConfig;
import dev.ainews.ingest.IngestService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ainews ingest}: one ingest instance against {@code KAFKA_BOOTSTRAP_SERVERS}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Run one ingest instance: poll the feeds this instance is assigned, publish to ainews.raw.v1.",
        "Instances with the same AINEWS_INGEST_GROUP share the feed list; configuration from environment variables."})
final class IngestCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Env env = Env.system();
    IngestConfig config = IngestConfig.fromEnv(env);
    PrometheusMeterRegistry registry = Services.prepare(config.bootstrapServers(), env);
    try (HttpEndpoint http = config.metricsPort() != 0
        ? HttpEndpoint.start(env.string("AINEWS_HTTP_HOST", "0.0.0.0"), Math.max(0, config.metricsPort()), registry)
        : null) {
      IngestService service = Ingest.create(config, registry);
      return Services.runUntilShutdown("ingest", service::run, service::close, service::failure);
    }
  }
}
