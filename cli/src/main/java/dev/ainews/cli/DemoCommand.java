package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.cli.demo.DemoSample;
import dev.ainews.cli.demo.FastClock;
import dev.ainews.common.Env;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.ingest.IngestService;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ainews demo}: the whole pipeline on a bundled offline sample, for a
 * machine without internet or a first look. The sample's month of news is
 * replayed on a fast clock through a local feed server, so within a minute the
 * board shows a month of trends and the burst in it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on a bundled offline sample (about 400 items, a month of AI news in",
        "English, Chinese and French, with a burst of open-weight model news), replayed on a fast clock.",
        "--once runs the sample through, prints the trend summary and exits."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--once", description = "run the sample through, print the summary, exit 0")
  boolean once;

  @Option(names = "--seconds", description = "real seconds the sample's month takes (default: 40)")
  int seconds = 40;

  @Option(names = "--data-dir", description = "keep the demo's broker data here (default: a temporary directory)")
  Path dataDir;

  @Option(names = "--kafka-port", description = "port of the embedded broker (default: any free port)")
  int kafkaPort = 0;

  @Option(names = "--http-port", description = "port of the board, /api and /metrics (default: 8080, 0 = any free)")
  int httpPort = 8080;

  @Option(names = "--status-every", description = "seconds between status lines (default: 5)")
  int statusEvery = 5;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (seconds < 5 || seconds > 3600) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seconds must be between 5 and 3600");
    }
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("ainews-demo-") : dataDir;
    Path logFile = RunCommand.logTo(dir);
    DemoSample sample = DemoSample.start((first, last) -> FastClock.covering(
        first.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant(), last,
        Duration.ofSeconds(seconds)));
    System.out.printf("ainews demo: %d items on %d feeds, %s .. %s, replayed in about %d s%n", sample.itemCount(),
        sample.subscriptions().size(), day(sample.first()), day(sample.last()), seconds);
    Pipeline p;
    try {
      p = Pipeline.start(new Pipeline.Options(dir, kafkaPort, httpPort, demoEnv(), b -> sample.subscriptions(), true,
          Duration.ofSeconds(1)), Tagger.fromEnv(Env.system()));
    } catch (RuntimeException e) {
      sample.close();
      throw e;
    }
    sample.clock().begin();
    Runnable cleanup = () -> {
      p.close();
      sample.close();
      if (temporary) {
        deleteQuietly(dir);
      }
    };
    if (once) {
      Thread loop = new Thread(p.ingest, "ainews-ingest");
      loop.start();
      try {
        boolean done = awaitSample(p, sample, Duration.ofSeconds(seconds + 120L));
        if (!done) {
          System.err.println("ainews demo: the sample did not finish within " + (seconds + 120) + " s; see " + logFile);
          return 1;
        }
        printSummary(p, sample);
        return 0;
      } finally {
        cleanup.run();
      }
    }
    System.out.println("ainews demo: open http://127.0.0.1:" + p.http.port() + "/ to watch the month fill in.");
    Thread summary = new Thread(() -> {
      if (awaitSample(p, sample, Duration.ofSeconds(seconds + 600L))) {
        printSummary(p, sample);
        System.out.println("ainews demo: the sample is through; the board and API stay up until Ctrl-C.");
      }
    }, "ainews-demo-summary");
    summary.setDaemon(true);
    summary.start();
    int code = RunCommand.runUntilStopped(p, logFile, statusEvery, null, "ainews demo: stopped cleanly"
        + (temporary ? "." : "; its data stays in " + dir + "."));
    sample.close();
    if (temporary) {
      deleteQuietly(dir);
    }
    return code;
  }

  /**
   * The aggregation settings that suit a month replayed in seconds: each poll
   * brings several simulated hours at once, so hour windows take a day of grace.
   */
  private static Env demoEnv() {
    Map<String, String> vars = new HashMap<>(System.getenv());
    vars.putIfAbsent("AINEWS_AGGREGATE_GRACE_1H", "2d");
    vars.putIfAbsent("AINEWS_AGGREGATE_GRACE_1D", "3d");
    vars.putIfAbsent("AINEWS_AGGREGATE_COMMIT_INTERVAL", "500ms");
    vars.putIfAbsent("AINEWS_COMMIT_INTERVAL_MS", "100");
    return new Env(vars);
  }

  /** Waits until every item was served, published, tagged and counted; false on timeout. */
  static boolean awaitSample(Pipeline p, DemoSample sample, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long stableSince = -1;
    long lastPublished = -1;
    while (System.nanoTime() < deadline) {
      IngestService.Status s = p.ingest.status();
      double enrichedIn = p.counter("ainews.enrich.items", "result", "enriched")
          + p.counter("ainews.enrich.items", "result", "duplicate") + p.counter("ainews.enrich.items", "result", "dlq");
      double enriched = p.counter("ainews.enrich.items", "result", "enriched");
      double counted = p.counter("ainews.aggregate.items", null, null)
          + p.counter("ainews.aggregate.dlq", null, null);
      boolean caughtUp = sample.allServed() && s.itemsPublished() > 0 && enrichedIn >= s.itemsPublished()
          && counted >= enriched;
      // Every item of the sample in, or (should an entry be dropped as unusable) nothing new for a while.
      boolean complete = s.itemsPublished() >= sample.itemCount();
      if (caughtUp && s.itemsPublished() == lastPublished) {
        if (stableSince < 0) {
          stableSince = System.nanoTime();
        }
        long stable = System.nanoTime() - stableSince;
        if (complete && stable > Duration.ofSeconds(2).toNanos() || stable > Duration.ofSeconds(15).toNanos()) {
          return countsSettled(p, sample, deadline);
        }
      } else {
        stableSince = -1;
      }
      lastPublished = s.itemsPublished();
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    return false;
  }

  /**
   * The counts sit behind a repartition topic: wait until the totals the API
   * answers stop changing, so the summary shows the final numbers.
   */
  private static boolean countsSettled(Pipeline p, DemoSample sample, long deadline) {
    String query = "/api/trends?dimension=theme&window=1h&from=" + day(sample.first()) + "&to=" + day(sample.last());
    long previous = -1;
    int same = 0;
    while (System.nanoTime() < deadline) {
      JsonNode trends = TopLine.get(p, query);
      long total = 0;
      if (trends != null) {
        for (JsonNode t : trends) {
          total += t.path("items").asLong();
        }
      }
      same = trends != null && total == previous ? same + 1 : 0;
      if (same >= 3) {
        return true;
      }
      previous = total;
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    return false;
  }

  static void printSummary(Pipeline p, DemoSample sample) {
    String from = day(sample.first()).toString();
    String to = day(sample.last()).toString();
    IngestService.Status s = p.ingest.status();
    System.out.printf("%nainews demo: %d items ingested, %.0f tagged, %.0f duplicates dropped%n", s.itemsPublished(),
        p.counter("ainews.enrich.items", "result", "enriched"), p.counter("ainews.enrich.items", "result", "duplicate"));
    for (String dimension : List.of("company", "theme", "country")) {
      JsonNode trends = TopLine.get(p, "/api/trends?dimension=" + dimension + "&window=1d&from=" + from + "&to=" + to);
      Map<String, long[]> totals = new TreeMap<>();
      if (trends != null) {
        for (JsonNode t : trends) {
          long[] a = totals.computeIfAbsent(t.path("value").asText(), k -> new long[2]);
          a[0] += t.path("items").asLong();
          a[1] += t.path("stories").asLong();
        }
      }
      List<Map.Entry<String, long[]>> top = new ArrayList<>(totals.entrySet());
      top.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, long[]> e : top.subList(0, Math.min(8, top.size()))) {
        line.append(String.format("  %s %d (%d stories)", e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
      System.out.printf("top %-8s%s%n", dimension + ":", line.length() == 0 ? "  (none)" : line);
    }
    JsonNode signals = TopLine.get(p, "/api/signals?from=" + from + "&to=" + to);
    System.out.println("bursts:");
    int n = 0;
    if (signals != null) {
      for (JsonNode sig : signals) {
        System.out.printf("  %-5s %-8s %-12s %s  observed %d vs baseline %.1f (score %.1f)%n",
            sig.path("window").asText(), sig.path("dimension").asText(), sig.path("value").asText(),
            sig.path("windowStart").asText(), sig.path("observed").asLong(), sig.path("baseline").asDouble(),
            sig.path("score").asDouble());
        n++;
      }
    }
    if (n == 0) {
      System.out.println("  (none)");
    }
  }

  private static LocalDate day(java.time.Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      System.err.println("ainews demo: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
