package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.FeedSubscription;
import dev.ainews.ingest.FeedCatalog;
import dev.ainews.ingest.FeedList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ainews feeds add|list|remove|import}: manage the subscriptions in {@code ainews.feeds}. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
    description = "Manage the feed list (topic ainews.feeds) on KAFKA_BOOTSTRAP_SERVERS.",
    subcommands = {FeedsCommand.Add.class, FeedsCommand.ListFeeds.class, FeedsCommand.Remove.class,
        FeedsCommand.Import.class})
final class FeedsCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: add, list, remove or import");
  }

  static FeedList feedList() {
    String bootstrap = Env.system().string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    Services.awaitBroker(bootstrap);
    Services.ensureTopics(bootstrap, Env.system());
    return new FeedList(bootstrap);
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Subscribe to a feed.")
  static final class Add implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http(s) URL of an RSS, Atom or JSON feed")
    String url;

    @Option(names = "--id", description = "stable id (default: derived from the URL)")
    String id;

    @Option(names = "--name", description = "source name shown on items")
    String name;

    @Option(names = "--language", description = "language of the feed, e.g. en, zh")
    String language;

    @Option(names = "--interval", description = "base poll interval in seconds (min 60, default 900)")
    Integer interval;

    @Override
    public Integer call() {
      FeedSubscription f;
      try {
        f = new FeedSubscription(id != null ? id : FeedCatalog.idFor(url), url, name, language, interval, null, null);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      feedList().put(List.of(f));
      System.out.println("added " + f.id() + " " + f.url());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the subscribed feeds.")
  static final class ListFeeds implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Override
    public Integer call() throws IOException {
      Map<String, FeedSubscription> feeds = feedList().list();
      for (FeedSubscription f : feeds.values()) {
        if (json) {
          System.out.println(dev.ainews.common.Json.MAPPER.writeValueAsString(f));
        } else {
          System.out.printf("%-28s %-3s %-8s %s  (%s)%n", f.id(), f.language() == null ? "-" : f.language(),
              f.isEnabled() ? f.pollIntervalSeconds() + "s" : "disabled", f.url(), f.name());
        }
      }
      if (!json) {
        System.out.println(feeds.size() + " feeds");
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Unsubscribe a feed by id.")
  static final class Remove implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "feed id as shown by 'feeds list'")
    String id;

    @Override
    public Integer call() {
      if (!feedList().remove(id)) {
        throw new Main.UserException("no feed with id '" + id + "' (see: ainews feeds list)");
      }
      System.out.println("removed " + id);
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Subscribe to every feed of an OPML, YAML or JSON file, or the curated defaults.")
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "OPML export, or YAML/JSON list of feeds")
    Path file;

    @Option(names = "--defaults", description = "import the curated default list shipped with ainews")
    boolean defaults;

    @Override
    public Integer call() throws IOException {
      if ((file == null) == !defaults) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give either a FILE or --defaults");
      }
      List<FeedSubscription> feeds;
      try {
        feeds = defaults ? FeedCatalog.defaults() : FeedCatalog.read(file);
      } catch (IllegalArgumentException e) {
        throw new Main.UserException(e.getMessage());
      } catch (java.nio.file.NoSuchFileException e) {
        throw new Main.UserException("no such file: " + file);
      }
      int n = feedList().put(feeds);
      System.out.println("imported " + n + " feeds" + (defaults ? " (curated defaults)" : " from " + file));
      return 0;
    }
  }
}
