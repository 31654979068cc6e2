package dev.ainews.cli;

import dev.ainews.cli.bench.BenchRun;
import dev.ainews.cli.bench.Soak;
import dev.ainews.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ainews bench}: the pipeline's speed on this machine, each stage beside a
 * pass-through Kafka Streams app of the same shape measured in the same run, on an
 * embedded broker with a temporary data directory. See BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure throughput, latency and poll cost on an embedded broker (temporary data, free port).",
        "Suites: poll, enrich, aggregate, pipeline (default: all four), replay (only when named).",
        "Figures are ratios against a pass-through app measured in the same run. Progress goes to stderr.",
        "soak (only alone): the real enrich and aggregate apps under steady load for --minutes, a fault every",
        "--fault-every seconds (poison raw, poison enriched, restart enrich, restart aggregate, replace an enrich",
        "stream thread), heap/RSS/lag sampled every 5 s, then a drain of up to 2 min. Exit code 1 when the lag",
        "does not drain, the DLQ count differs from the poison records sent, or an item is not enriched exactly",
        "once; heap, RSS and lag trends are reported as flat/growing and do not change the exit code."})
final class BenchCommand implements Callable<Integer> {

  static final List<String> ALL = List.of("poll", "enrich", "aggregate", "pipeline", "replay", "soak");
  static final List<String> DEFAULT = List.of("poll", "enrich", "aggregate", "pipeline");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SUITE", arity = "0..*", description = "poll, enrich, aggregate, pipeline, replay, soak")
  List<String> suites = new ArrayList<>();

  @Option(names = "--items", paramLabel = "N",
      description = "items per throughput suite (default: 200000; replay: 1000000)")
  Integer items;

  @Option(names = "--feeds", paramLabel = "N", description = "feeds of the poll suite (default: 2000)")
  int feeds = 2000;

  @Option(names = "--rate", paramLabel = "N",
      description = "offered load, items/s: of the latency run (default: 1000), of the soak (default: 500)")
  Integer rate;

  @Option(names = "--seconds", paramLabel = "S", description = "length of the latency run (default: 30)")
  int seconds = 30;

  @Option(names = "--minutes", paramLabel = "M",
      description = "soak: length of the load phase in minutes, fractions allowed (default: 10)")
  double minutes = Soak.DEFAULT_MINUTES;

  @Option(names = "--fault-every", paramLabel = "S", description = "soak: seconds between faults (default: 60)")
  int faultEvery = Soak.DEFAULT_FAULT_EVERY_S;

  @Option(names = "--time-scale", paramLabel = "X",
      description = "soak: publish time runs X times the wall clock, so what the apps keep for days (the"
          + " dedupe: 30) expires within the run; 1 for real time (default: 14400, four hours of news a second)")
  int timeScale = Soak.DEFAULT_TIME_SCALE;

  @Option(names = "--warmup", paramLabel = "N",
      description = "items run untimed through every app and pass-through first, so the timed suites run"
          + " compiled code: on 2 cores the JIT needs about a minute of this work to settle; 0 to skip"
          + " (default: 100000)")
  int warmup = 100_000;

  @Option(names = "--json", description = "print one JSON object instead of the table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Set<String> chosen = new LinkedHashSet<>();
    for (String s : suites.isEmpty() ? DEFAULT : suites) {
      if (!ALL.contains(s)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown suite '" + s + "' (choose from "
            + String.join(", ", ALL) + ")");
      }
      chosen.add(s);
    }
    if (items != null && (items < 100 || items > 50_000_000)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--items must be between 100 and 50000000");
    }
    if (warmup < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be 0 or more");
    }
    if (feeds < 1 || (rate != null && rate < 1) || seconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--feeds, --rate and --seconds must be positive");
    }
    if (chosen.contains("soak")) {
      if (chosen.size() > 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "soak runs alone, not with other suites");
      }
      Soak.Options options;
      try {
        options = new Soak.Options(minutes, rate == null ? Soak.DEFAULT_RATE : rate, faultEvery, timeScale);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      return soak(options);
    }
    // Canonical order, whatever order they were named in.
    List<String> ordered = ALL.stream().filter(chosen::contains).toList();
    Path dir = Files.createTempDirectory("ainews-bench-");
    Logging.toFile(dir.resolve("bench.log"));
    BenchRun run = new BenchRun(dir, new BenchRun.Options(ordered, items, feeds,
        rate == null ? 1000 : rate, seconds, warmup), System.err);
    Map<String, Object> report;
    try {
      report = run.run();
    } finally {
      run.deleteData();
    }
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(report));
    } else {
      System.out.print(BenchRun.text(report));
    }
    return 0;
  }

  /** The soak: its own embedded broker and report; exit 1 unless it passed. */
  private int soak(Soak.Options options) throws Exception {
    Path dir = Files.createTempDirectory("ainews-bench-");
    Logging.toFile(dir.resolve("bench.log"));
    Soak soak = new Soak(dir, options, System.err);
    Map<String, Object> report;
    try {
      report = soak.run();
    } finally {
      soak.deleteData();
    }
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(report));
    } else {
      System.out.print(Soak.text(report));
    }
    return Soak.passed(report) ? 0 : 1;
  }
}
