package dev.ainews.cli.bench;

import dev.ainews.common.Env;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.enrich.tag.Tagger;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code ainews bench} invocation: an embedded broker on a free port with its
 * data under a temporary directory, the chosen suites in order, and the report:
 * {@code {"machine": {...}, "suites": {"enrich": {...}, ...}, "targets": [...]}}.
 */
public final class BenchRun {

  public static final int DEFAULT_ITEMS = 200_000;
  public static final int DEFAULT_REPLAY_ITEMS = 1_000_000;

  /**
   * @param suites  in run order
   * @param items   items per throughput suite, null for the defaults
   * @param feeds   feeds of the poll suite
   * @param rate    offered load of the latency run, items/s
   * @param seconds length of the latency run
   */
  /** @param warmup items run untimed through every app and pass-through before the first Streams suite; 0: none */
  public record Options(List<String> suites, Integer items, int feeds, int rate, int seconds, int warmup) {}

  private final Path dir;
  private final Options options;
  private final Progress progress;

  public BenchRun(Path dir, Options options, PrintStream err) {
    this.dir = dir;
    this.options = options;
    this.progress = new Progress(err);
  }

  public Map<String, Object> run() throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("started_at", Instant.now().toString());
    report.put("machine", Machine.describe());
    Map<String, Object> suites = new LinkedHashMap<>();
    report.put("suites", suites);
    progress.note("starting the embedded broker (data and log under " + dir + ")");
    Env env = Env.system();
    Tagger tagger = Tagger.fromEnv(env);
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).start();
        BenchKafka.Watch watch = new BenchKafka.Watch(kafka.bootstrapServers())) {
      kafka.detachShutdownHook();
      StreamsSuites streams = new StreamsSuites(kafka.bootstrapServers(), dir.resolve("streams"), tagger, env,
          progress, watch);
      int items = options.items() == null ? DEFAULT_ITEMS : options.items();
      if (options.suites().stream().anyMatch(s -> !s.equals("poll"))) {
        report.put("corpus", streams.corpusShape());
        if (options.warmup() > 0) {
          double seconds = streams.warmUp(options.warmup());
          progress.note("warm-up done; waiting for the JIT compilers to go quiet (at most 60 s)");
          double quiet = Machine.awaitJitQuiet(0.05, Duration.ofSeconds(60));
          progress.note("JIT quiet after " + quiet + " s");
          report.put("warmup", Map.of("items", options.warmup(), "seconds", seconds, "jit_quiet_after_s", quiet));
        }
      }
      for (String suite : options.suites()) {
        long t0 = System.nanoTime();
        Map<String, Object> r = switch (suite) {
          case "poll" -> new PollBench(kafka.bootstrapServers(), progress).run(options.feeds());
          case "enrich" -> streams.enrich(items);
          case "aggregate" -> streams.aggregate(items);
          case "pipeline" -> streams.pipeline(items, options.rate(), options.seconds());
          case "replay" -> streams.replay(options.items() == null ? DEFAULT_REPLAY_ITEMS : options.items());
          default -> throw new IllegalArgumentException("unknown suite " + suite);
        };
        r.put("suite_wall_s", StreamsSuites.round((System.nanoTime() - t0) / 1e9));
        suites.put(suite, r);
        progress.note(suite + ": " + r);
      }
    }
    report.put("targets", targets(suites));
    return report;
  }

  /** Removes the broker's data and the Streams state; the log stays. */
  public void deleteData() {
    deleteData(dir, progress);
  }

  /** Removes {@code dir/kafka} and {@code dir/streams}; shared with the soak, which has the same layout. */
  static void deleteData(Path dir, Progress progress) {
    for (String sub : List.of("kafka", "streams")) {
      Path p = dir.resolve(sub);
      if (!Files.exists(p)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(p)) {
        for (Path f : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException | UncheckedIOException e) {
        progress.note("could not delete " + p + ": " + e.getMessage());
      }
    }
  }

  /** The targets of BENCHMARKS.md, for the suites that ran. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> targets(Map<String, Object> suites) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> enrich = (Map<String, Object>) suites.get("enrich");
    if (enrich != null) {
      out.add(target("enrich throughput vs pass-through", "ratio >= 0.7", num(enrich, "ratio"), 0.7, true));
    }
    Map<String, Object> pipeline = (Map<String, Object>) suites.get("pipeline");
    if (pipeline != null) {
      out.add(target("pipeline throughput vs pass-through chain", "ratio >= 0.6", num(pipeline, "ratio"), 0.6, true));
      Map<String, Object> p99 = target("end-to-end p99 at " + pipeline.get("latency_offered_items_per_s")
          + " items/s", "p99 < 1000 ms", num(pipeline, "e2e_p99_ms"), 1000, false);
      // Percentiles cover the visible items only: one never seen within the drain time misses the target.
      p99.put("met", Boolean.TRUE.equals(p99.get("met")) && num(pipeline, "latency_items_not_visible") == 0);
      out.add(p99);
    }
    Map<String, Object> replay = (Map<String, Object>) suites.get("replay");
    if (replay != null) {
      out.add(target("replay throughput", ">= 15000 items/s", num(replay, "items_per_s"), 15000, true));
    }
    return out;
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static Map<String, Object> target(String what, String goal, double value, double bound, boolean atLeast) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", what);
    t.put("goal", goal);
    t.put("measured", value);
    t.put("met", atLeast ? value >= bound : value >= 0 && value < bound);
    return t;
  }

  /** The report as a table for people. */
  @SuppressWarnings("unchecked")
  public static String text(Map<String, Object> report) {
    StringBuilder b = new StringBuilder();
    b.append("ainews bench, ").append(report.get("started_at")).append('\n');
    b.append("machine:");
    ((Map<String, Object>) report.get("machine")).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    b.append('\n');
    Map<String, Object> corpus = (Map<String, Object>) report.get("corpus");
    if (corpus != null) {
      b.append("corpus:");
      corpus.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      b.append('\n');
    }
    ((Map<String, Object>) report.get("suites")).forEach((suite, figures) -> {
      b.append('\n').append(suite).append('\n');
      ((Map<String, Object>) figures).forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-32s %s%n", k,
          v instanceof Long || v instanceof Integer ? String.format(Locale.ROOT, "%,d", ((Number) v).longValue())
              : v)));
    });
    b.append("\ntargets\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) report.get("targets")) {
      b.append(String.format(Locale.ROOT, "  %-48s %-18s measured %-10s %s%n", t.get("target"), t.get("goal"),
          t.get("measured"), Boolean.TRUE.equals(t.get("met")) ? "MET" : "MISSED"));
    }
    return b.toString();
  }
}
