package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.taxonomy.TaxonomyException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;

/** {@code ainews enrich}: the enrichment Streams app against {@code KAFKA_BOOTSTRAP_SERVERS}. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Run the enrichment stream: ainews.raw.v1 -> ainews.enriched.v1 (tags, dedupe, stories).",
        "Scale out by running more instances with the same AINEWS_ENRICH_APP_ID."})
final class EnrichCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Env env = Env.system();
    EnrichConfig config = EnrichConfig.fromEnv(env);
    Tagger tagger;
    try {
      tagger = Tagger.fromEnv(env);
    } catch (TaxonomyException e) {
      throw new Main.UserException(e.getMessage());
    }
    PrometheusMeterRegistry registry = Services.prepare(config.bootstrapServers(), env);
    HttpEndpoint http = config.metricsPort() != 0
        ? HttpEndpoint.start(env.string("AINEWS_HTTP_HOST", "0.0.0.0"), config.metricsPort(), registry) : null;
    EnrichApp app = new EnrichApp(config, tagger, EnrichTopology.Names.live(), registry);
    app.start();
    return Services.runStreamsApp("enrich", app::state, app::close, () -> {
      if (http != null) {
        http.close();
      }
    }, () -> app.state() == KafkaStreams.State.ERROR
        ? new IllegalStateException("the enrich stream failed; see the log") : null);
  }
}
