package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.ingest.FeedCatalog;
import dev.ainews.ingest.IngestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(names = "--http-port", description = "port of the board, /api and /metrics (default: 8080, 0 = any free port)")
  int httpPort = 8080;

  @Option(names = "--status-every", description = "seconds between status lines (default: 15)")
  int statusEvery = 15;

  @Override
  public Integer call() throws Exception {
    Path logFile = logTo(dataDir);
    Env env = Env.system();
    Tagger tagger = Tagger.fromEnv(env);
    System.out.println("ainews: starting the embedded Kafka broker (data in " + dataDir.toAbsolutePath() + ")");
    Pipeline p = Pipeline.start(new Pipeline.Options(dataDir, kafkaPort, httpPort, env, b -> FeedCatalog.defaults(),
        false, env.duration("AINEWS_MIN_POLL_INTERVAL", Duration.ofMinutes(1))), tagger);
    if (p.seeded > 0) {
      System.out.println("ainews: subscribed to the " + p.seeded + " curated default feeds (see: ainews feeds list)");
    }
    return runUntilStopped(p, logFile, statusEvery, "./ainews demo",
        "ainews: stopped cleanly; run again to continue where it left off.");
  }

  static Path logTo(Path dataDir) throws java.io.IOException {
    Files.createDirectories(dataDir.resolve("logs"));
    Path logFile = dataDir.resolve("logs").resolve("ainews.log");
    Logging.toFile(logFile);
    return logFile;
  }

  static int runUntilStopped(Pipeline p, Path logFile, int statusEvery, String offlineHint, String farewell) {
    String board = "http://127.0.0.1:" + p.http.port() + "/";
    System.out.println("ainews: running. Board " + board + "  API " + board + "api/trends  metrics " + board
        + "metrics  Kafka " + p.bootstrap() + "  log " + logFile + ". Ctrl-C to stop.");
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ainews-status");
      t.setDaemon(true);
      return t;
    });
    StatusLine status = new StatusLine(p, logFile, offlineHint);
    ticker.scheduleAtFixedRate(status::print, statusEvery, statusEvery, TimeUnit.SECONDS);
    int code = Services.runUntilShutdown("pipeline", p.ingest::run, p.ingest::close, () -> {
      ticker.shutdownNow();
      p.close();
    }, p.ingest::failure);
    System.out.println(farewell);
    return code;
  }

  /** The periodic one-line summary: feeds, items in each stage, and a hint when nothing is reachable. */
  static final class StatusLine {
    private final Pipeline p;
    private final Path logFile;
    private final String offlineHint;
    private boolean hinted;

    StatusLine(Pipeline p, Path logFile, String offlineHint) {
      this.p = p;
      this.logFile = logFile;
      this.offlineHint = offlineHint;
    }

    void print() {
      IngestService.Status s = p.ingest.status();
      System.out.printf("%s  feeds %d: %d ok, %d failing (%d unhealthy) | items in %d, tagged %.0f, counted %.0f,"
              + " bursts %.0f%s%n",
          LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), s.feedsOwned(),
          s.feedsPolledOnce() - s.feedsFailing(), s.feedsFailing(), s.feedsUnhealthy(), s.itemsPublished(),
          p.counter("ainews.enrich.items", "result", "enriched"), p.counter("ainews.aggregate.items", null, null),
          firedSignals(), TopLine.of(p));
      if (offlineHint != null && !hinted && s.feedsOwned() > 0 && s.feedsPolledOnce() == s.feedsOwned()
          && s.feedsFailing() == s.feedsOwned()) {
        hinted = true;
        System.out.println("ainews: no feed could be fetched (see " + logFile + "). No internet here? `"
            + offlineHint + "` runs the same pipeline on a bundled offline sample.");
      }
    }

    private double firedSignals() {
      return p.registry.find("ainews.signals.fired").counters().stream().mapToDouble(c -> c.count()).sum();
    }
  }
}
