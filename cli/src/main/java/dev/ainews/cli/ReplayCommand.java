package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.aggregate.AggregateMetrics;
import dev.ainews.aggregate.AggregateNames;
import dev.ainews.common.Env;
import dev.ainews.common.Topic;
import dev.ainews.common.Topics;
import dev.ainews.common.kafka.TopicAdmin;
import dev.ainews.enrich.EnrichApp;
import dev.ainews.enrich.EnrichConfig;
import dev.ainews.enrich.EnrichTopology;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.taxonomy.TaxonomyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ainews replay}: re-enrich and re-aggregate a slice of the raw history into
 * topics of its own ({@code ainews.enriched.v1.NAME}, {@code ainews.trends.*.v1.NAME},
 * ...), with application ids and state of its own, so the live topics and apps are
 * never touched. It runs the very EnrichApp and AggregateApp of the live pipeline and
 * stops when both have caught up with the raw history as it was when the replay
 * started. Exactly-once processing makes an interrupted replay safe to resume.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Re-enrich and re-aggregate the raw history (ainews.raw.v1, records in [--from, --to))",
        "into topics suffixed with NAME, e.g. with a new taxonomy, leaving the live topics alone.",
        "Rerunning an interrupted NAME resumes it; a completed NAME is refused unless --force.",
        "Example: ainews replay --from 2025-01-01 --taxonomy my-taxonomy.yaml --as exp1"})
final class ReplayCommand implements Callable<Integer> {

  /** Topic-name safe, and without dots: the name is the last dot-separated part of every replay topic. */
  private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

  private static final Duration POLL = Duration.ofMillis(500);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  BrokerOption broker;

  @Option(names = "--from", required = true, paramLabel = "DATE", converter = DateConverter.class,
      description = "first publish time, inclusive: 2025-01-27 (UTC) or 2025-01-27T10:00:00Z")
  Instant from;

  @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
      description = "last publish time, exclusive (default: when the replay first starts)")
  Instant to;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "taxonomy YAML (default: the bundled one)")
  Path taxonomy;

  @Option(names = "--as", required = true, paramLabel = "NAME",
      description = "replay name: suffix of its topics and part of its application ids (letters, digits, _ -)")
  String name;

  @Option(names = "--force", description = "delete a previous replay NAME (topics, consumer groups, state) first")
  boolean force;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "local Streams state (default: data/replays/NAME)")
  Path stateDir;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "how late (event time) a record may reach its window; the replay keeps publish-time order"
          + " across partitions, so this covers the raw topic's own disorder within one (default: 7d)")
  Duration grace = ReplaySettings.GRACE;

  @Option(names = "--commit-interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "transaction commit interval of the replay's apps; a replay is a batch job, so longer than"
          + " the live apps' for throughput (default: 1s)")
  Duration commitInterval = ReplaySettings.COMMIT_INTERVAL;

  /** The topics and application ids of one replay. */
  record Plan(String name) {
    Topic<?, ?> enriched() {
      return Topics.ENRICHED.withSuffix(name);
    }

    Topic<?, ?> dlq() {
      return Topics.DLQ.withSuffix(name);
    }

    AggregateNames aggregateNames() {
      return new AggregateNames(enriched().name(), dlq().name(), name);
    }

    String enrichId() {
      return "ainews-replay-" + name + "-enrich";
    }

    String aggregateId() {
      return "ainews-replay-" + name + "-aggregate";
    }

    List<String> topics() {
      List<String> out = new ArrayList<>(List.of(enriched().name(), dlq().name()));
      aggregateNames().outputs().forEach(t -> out.add(t.name()));
      return out;
    }

    /** Topics Streams made for the apps (repartition, changelog): prefixed with the application id. */
    boolean isInternal(String topic) {
      return topic.startsWith(enrichId() + "-") || topic.startsWith(aggregateId() + "-");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!name.matches(NAME_PATTERN)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--as '" + name + "' is not a valid replay name:"
          + " use letters, digits, '_' and '-' (at most 64, no dots)");
    }
    if (to != null && !to.isAfter(from)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is not after --from " + from);
    }
    if (grace.isNegative()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--grace must not be negative");
    }
    Tagger tagger = loadTagger();
    String bootstrap = broker.bootstrap();
    Services.awaitBroker(bootstrap);
    Plan plan = new Plan(name);
    Path state = stateDir != null ? stateDir : Path.of("data", "replays", name);
    ReplayRegistry registry = new ReplayRegistry(bootstrap);
    Instant started = Instant.now();
    ReplayRegistry.Entry entry;
    Map<TopicPartition, Long> rangeStart;
    Map<TopicPartition, Long> rawEnd;
    List<TopicPartition> rawTps;
    try (Admin admin = KafkaReads.admin(bootstrap)) {
      if (!KafkaReads.exists(admin, Topics.RAW.name())) {
        throw new Main.UserException("no raw history at " + bootstrap + ": topic " + Topics.RAW.name()
            + " does not exist (run `ainews run` or `ainews ingest` first)");
      }
      registry.ensureTopic(admin);
      ReplayRegistry.Entry prior = registry.read(admin).get(name);
      if (force) {
        delete(admin, plan, state, registry, prior != null);
        prior = null;
      } else if (prior != null && ReplayRegistry.COMPLETED.equals(prior.status())) {
        throw new Main.UserException("replay '" + name + "' already completed at " + prior.completedAt() + " ("
            + prior.items() + " items in " + plan.enriched().name() + "): choose another --as NAME, or add --force"
            + " to delete it and start over");
      } else if (prior != null) {
        requireSameOptions(prior, tagger);
      } else if (KafkaReads.exists(admin, plan.enriched().name())) {
        throw new Main.UserException("topic " + plan.enriched().name() + " exists but " + ReplayRegistry.TOPIC.name()
            + " has no replay '" + name + "': add --force to delete its topics and start over");
      }
      Instant until = prior != null ? prior.to() : to != null ? to : started.truncatedTo(ChronoUnit.SECONDS);
      entry = prior != null ? prior : new ReplayRegistry.Entry(name, from, until,
          taxonomy == null ? "bundled" : taxonomy.toString(), tagger.taxonomyVersion(), ReplayRegistry.RUNNING,
          started, null, 0, 0);
      if (prior != null) {
        System.err.println("ainews replay: resuming '" + name + "' (started " + prior.startedAt()
            + "); exactly-once processing continues from the committed offsets");
      } else {
        registry.put(name, entry);
      }
      rawTps = KafkaReads.partitions(admin, Topics.RAW.name(), bootstrap);
      int brokers = admin.describeCluster().nodes().get().size();
      TopicAdmin.createTopics(admin, List.of(plan.enriched(), plan.dlq()), rawTps.size(),
          (short) Math.max(1, Math.min(3, brokers)));
      rawEnd = KafkaReads.endOffsets(admin, rawTps);
      rangeStart = KafkaReads.offsetsAt(admin, rawTps, from);
      if (ReplayEnds.committed(admin, plan.enrichId()).isEmpty()) {
        // Skip the history before --from instead of reading and filtering it: the first
        // offset at or after `from` in each partition is the enrich app's starting point.
        Map<TopicPartition, OffsetAndMetadata> seek = new HashMap<>();
        rangeStart.forEach((tp, o) -> seek.put(tp, new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(plan.enrichId(), seek).all().get();
      }
    }
    Files.createDirectories(state);
    Logging.toFile(state.resolve("replay.log"));
    return run(plan, entry, tagger, bootstrap, state, registry, rawTps, rangeStart, rawEnd);
  }

  private int run(Plan plan, ReplayRegistry.Entry entry, Tagger tagger, String bootstrap, Path state,
      ReplayRegistry registry, List<TopicPartition> rawTps, Map<TopicPartition, Long> rangeStart,
      Map<TopicPartition, Long> rawEnd) throws Exception {
    Env env = Env.system();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    EnrichConfig enrichConfig = ReplaySettings.enrichConfig(EnrichConfig.fromEnv(env), bootstrap, plan.enrichId(), state,
        commitInterval);
    AggregateConfig aggregateConfig = ReplaySettings.aggregateConfig(AggregateConfig.fromEnv(env), bootstrap, plan.aggregateId(),
        state, rawTps.size(), grace, commitInterval);
    EnrichTopology.Names names = new EnrichTopology.Names(Topics.RAW.name(), plan.enriched().name(),
        plan.dlq().name()).between(entry.from(), entry.to());
    long total = KafkaReads.sum(rawEnd, rangeStart);
    Progress progress = new Progress("replay " + name, total);
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> finished = new AtomicReference<>(false);
    EnrichApp enrich = new EnrichApp(enrichConfig, tagger, names, meters);
    AggregateApp aggregate = new AggregateApp(aggregateConfig, plan.aggregateNames(), meters);
    enrich.start();
    aggregate.start();
    Admin admin = KafkaReads.admin(bootstrap);
    ReplayEnds ends = new ReplayEnds(admin, bootstrap, rawEnd, plan.enriched().name(), plan.enrichId(),
        plan.aggregateId(), entry.to());
    int code = Services.runUntilShutdown("replay " + name, () -> {
      try {
        while (!stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          if (enrich.state() == KafkaStreams.State.ERROR || enrich.state() == KafkaStreams.State.NOT_RUNNING) {
            failure.set(new IllegalStateException("the replay's enrich app stopped (" + enrich.state()
                + "); see " + state.resolve("replay.log")));
            return;
          }
          if (aggregate.failure() != null) {
            failure.set(aggregate.failure());
            return;
          }
          ends.look();
          if (ends.finished()) {
            finished.set(true);
            return;
          }
          Map<TopicPartition, Long> c = ends.enrichCommitted();
          long done = 0;
          for (TopicPartition tp : rawTps) {
            long at = c.getOrDefault(tp, rangeStart.get(tp));
            done += Math.max(0, Math.min(at, rawEnd.get(tp)) - rangeStart.get(tp));
          }
          progress.update(done, ends.enriched() ? "aggregating" : "enriching");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | ExecutionException e) {
        failure.set(e);
      }
    }, stop::countDown, () -> {
      ends.close();
      enrich.close();
      aggregate.close();
    }, failure::get);
    try {
      removeMembers(admin, plan);
      if (!finished.get()) {
        if (code == 0) {
          progress.finish("interrupted; run the same command again to resume where it stopped");
        }
        return code == 0 ? 130 : code;
      }
      Summary summary = summarize(admin, bootstrap, plan);
      registry.put(name, entry.completed(Instant.now(), summary.items(), summary.dlq()));
      progress.finish("done");
      print(plan, entry, summary, progress.elapsed());
      printLate(meters);
      return 0;
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Streams does not leave its consumer group on close (a restarting instance keeps its
   * tasks); the members would linger for the session timeout. The replay's apps are
   * closed for good here, so their members go now, and a following --force can delete
   * the groups at once.
   */
  private static void removeMembers(Admin admin, Plan plan) {
    for (String group : List.of(plan.enrichId(), plan.aggregateId())) {
      try {
        admin.removeMembersFromConsumerGroup(group,
            new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions()).all().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ReplayCommand.class).info("members of group {} not removed: {}", group,
            e.toString());
      }
    }
  }

  /** What a finished replay wrote. */
  record Summary(long items, long dlq, Map<String, Long> companies, Map<String, Long> themes) {}

  private static Summary summarize(Admin admin, String bootstrap, Plan plan) {
    long items = KafkaReads.readAll(admin, bootstrap, plan.enriched().name(), null, r -> { });
    long dlq = KafkaReads.readAll(admin, bootstrap, plan.dlq().name(), null, r -> { });
    return new Summary(items, dlq, totals(admin, bootstrap, plan, "company"), totals(admin, bootstrap, plan, "theme"));
  }

  /** Items per value over all daily windows: the latest count of each window, summed. */
  private static Map<String, Long> totals(Admin admin, String bootstrap, Plan plan, String dimension) {
    Map<String, JsonNode> latest = new HashMap<>();
    String topic = plan.aggregateNames().trends(dimension, dev.ainews.aggregate.TrendWindow.DAY).name();
    KafkaReads.readAll(admin, bootstrap, topic, null,
        r -> latest.put(KafkaReads.key(r.key()), KafkaReads.value(r.value())));
    Map<String, Long> sums = new HashMap<>();
    for (JsonNode v : latest.values()) {
      if (v != null) {
        sums.merge(v.get("value").asText(), v.get("items").asLong(), Long::sum);
      }
    }
    return sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private void print(Plan plan, ReplayRegistry.Entry entry, Summary s, Duration elapsed) {
    double secs = Math.max(elapsed.toMillis(), 1) / 1000.0;
    System.out.printf("replay %s completed: %d items re-enriched, %d to the DLQ, in %.1f s (%.0f items/s)%n", name,
        s.items(), s.dlq(), secs, s.items() / secs);
    System.out.println("  range      [" + entry.from() + ", " + entry.to() + "), taxonomy " + entry.taxonomy()
        + " (version " + entry.taxonomyVersion() + ")");
    System.out.println("  companies  " + top(s.companies()));
    System.out.println("  themes     " + top(s.themes()));
    System.out.println("  topics     " + String.join(", ", plan.topics()));
  }

  /**
   * Hits that reached their window after the grace, which the aggregate counted in
   * {@code ainews.aggregate.late} (in this run) and not in their windows. The apps keep
   * publish-time order across partitions; an item fetched long after it was published (further
   * behind the others of its raw partition than the grace) is still late: the summary says so
   * rather than leave the trend counts silently short.
   */
  private void printLate(MeterRegistry meters) {
    Map<String, Long> late = AggregateMetrics.lateHits(meters);
    long total = late.values().stream().mapToLong(Long::longValue).sum();
    System.out.println("  late       " + total + " hits after the grace of " + shortForm(grace)
        + (total == 0 ? "" : ", not in their windows " + late));
    if (total > 0) {
      System.err.println("ainews replay: WARNING: " + total + " hits reached their windows after the grace ("
          + shortForm(grace) + ") and are not counted in them " + late + "; the trend topics of '" + name
          + "' are short by that much. Rerun with --force and a larger --grace.");
    }
  }

  /** 7d, 36h or PT90M: the forms --grace takes. */
  static String shortForm(Duration d) {
    if (d.toMillis() % Duration.ofDays(1).toMillis() == 0) {
      return d.toDays() + "d";
    }
    return d.toMillis() % Duration.ofHours(1).toMillis() == 0 ? d.toHours() + "h" : d.toString();
  }

  private static String top(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "(none)";
    }
    return counts.entrySet().stream().limit(10).map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private Tagger loadTagger() {
    if (taxonomy == null) {
      return Tagger.fromClasspath();
    }
    if (!Files.isRegularFile(taxonomy)) {
      throw new Main.UserException("no such taxonomy file: " + taxonomy);
    }
    try {
      return Tagger.load(taxonomy);
    } catch (TaxonomyException e) {
      throw new Main.UserException(e.getMessage());
    }
  }

  private void requireSameOptions(ReplayRegistry.Entry prior, Tagger tagger) {
    List<String> diffs = new ArrayList<>();
    if (!prior.from().equals(from)) {
      diffs.add("--from " + prior.from());
    }
    if (to != null && !to.equals(prior.to())) {
      diffs.add("--to " + prior.to());
    }
    if (!prior.taxonomyVersion().equals(tagger.taxonomyVersion())) {
      diffs.add("taxonomy version " + prior.taxonomyVersion());
    }
    if (!diffs.isEmpty()) {
      throw new Main.UserException("replay '" + name + "' was interrupted and was started with "
          + String.join(", ", diffs) + ": rerun with those to resume it, or add --force to start over");
    }
  }

  /** Removes every trace of a replay: its topics, Streams' internal topics, consumer groups, state and record. */
  private void delete(Admin admin, Plan plan, Path state, ReplayRegistry registry, boolean recorded)
      throws ExecutionException, InterruptedException {
    Set<String> present = admin.listTopics().names().get();
    List<String> doomed = present.stream()
        .filter(t -> plan.topics().contains(t) || plan.isInternal(t)).sorted().toList();
    if (!doomed.isEmpty()) {
      try {
        admin.deleteTopics(doomed).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    for (String group : List.of(plan.enrichId(), plan.aggregateId())) {
      try {
        admin.deleteConsumerGroups(List.of(group)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw new Main.UserException("cannot delete consumer group " + group + " (is the replay still running"
              + " somewhere?): " + e.getCause().getMessage());
        }
      }
    }
    // Deletion is asynchronous: creating a topic of the same name before it is gone fails.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (admin.listTopics().names().get().stream().anyMatch(doomed::contains)) {
      if (System.nanoTime() > deadline) {
        throw new Main.UserException("the topics of replay '" + name + "' were not deleted within 60 s");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    deleteRecursively(state);
    if (recorded) {
      registry.put(name, null);
    }
    System.err.println("ainews replay: deleted replay '" + name + "' (" + doomed.size() + " topics, consumer groups, "
        + state + ")");
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** {@code 7d}, {@code 12h}, {@code PT36H}: the forms of {@link Env#parseDuration}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Env.parseDuration(value);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 7d, 36h, PT36H");
      }
    }
  }
}
