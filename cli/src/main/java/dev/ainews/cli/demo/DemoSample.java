package dev.ainews.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled offline sample of {@code ainews demo}: about 400 items on ten
 * feeds over a month of AI news (see {@code demo/EXPECTED.md}), served by a
 * local HTTP server so the real fetch, parse and normalize path runs.
 *
 * <p>The server replays the month on a fast clock: each feed only shows the items
 * published up to the simulated "now", which runs from the first day of the
 * sample to the last in well under a minute. Items therefore reach the pipeline
 * in roughly the order they were published, as they would live, and the trend
 * windows and burst baselines build up day by day.
 */
public final class DemoSample implements AutoCloseable {

  /** One feed of the sample with its items split out, so a view up to any instant can be served. */
  record Feed(String id, String name, String language, String contentType, String head, List<Item> items,
      String tail, JsonNode json) {}

  record Item(Instant published, String text, JsonNode json) {}

  private static final Pattern RSS_ITEM = Pattern.compile("(?s)\\s*<item>.*?</item>");
  private static final Pattern ATOM_ENTRY = Pattern.compile("(?s)\\s*<entry>.*?</entry>");
  private static final Pattern PUB_DATE = Pattern.compile("<pubDate>([^<]+)</pubDate>");
  private static final Pattern ATOM_DATE = Pattern.compile("<(?:published|updated)>([^<]+)</(?:published|updated)>");

  private final List<Feed> feeds;
  private final Instant first;
  private final Instant last;
  private final FastClock clock;
  private final HttpServer server;

  private DemoSample(List<Feed> feeds, FastClock clock) {
    this.feeds = feeds;
    this.first = feeds.stream().flatMap(f -> f.items().stream()).map(Item::published).min(Comparator.naturalOrder())
        .orElseThrow();
    this.last = feeds.stream().flatMap(f -> f.items().stream()).map(Item::published).max(Comparator.naturalOrder())
        .orElseThrow();
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the demo feed server: " + e.getMessage(), e);
    }
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "demo-feeds");
      t.setDaemon(true);
      return t;
    }));
    for (Feed f : feeds) {
      server.createContext("/demo/" + f.id(), ex -> {
        byte[] body = view(f, clock.instant()).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", f.contentType() + "; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      });
    }
    server.start();
  }

  /** Loads the sample from the classpath; {@code clockFor} turns the sample's time span into the serving clock. */
  public static DemoSample start(java.util.function.BiFunction<Instant, Instant, FastClock> clockFor) {
    List<Feed> feeds = load();
    Instant first = feeds.stream().flatMap(f -> f.items().stream()).map(Item::published)
        .min(Comparator.naturalOrder()).orElseThrow();
    Instant last = feeds.stream().flatMap(f -> f.items().stream()).map(Item::published)
        .max(Comparator.naturalOrder()).orElseThrow();
    return new DemoSample(feeds, clockFor.apply(first, last));
  }

  public Instant first() {
    return first;
  }

  public Instant last() {
    return last;
  }

  public FastClock clock() {
    return clock;
  }

  public int itemCount() {
    return feeds.stream().mapToInt(f -> f.items().size()).sum();
  }

  /** True once the simulated clock has passed the newest item: every item is being served. */
  public boolean allServed() {
    return !clock.instant().isBefore(last);
  }

  /** The subscriptions of the sample's feeds, polled every second. */
  public List<FeedSubscription> subscriptions() {
    List<FeedSubscription> out = new ArrayList<>();
    int port = server.getAddress().getPort();
    for (Feed f : feeds) {
      out.add(new FeedSubscription(f.id(), "http://127.0.0.1:" + port + "/demo/" + f.id(), f.name(), f.language(), 1,
          true, null));
    }
    return out;
  }

  static String view(Feed f, Instant now) {
    if (f.json() != null) {
      ObjectNode copy = f.json().deepCopy();
      ArrayNode items = copy.putArray("items");
      f.items().stream().filter(i -> !i.published().isAfter(now)).forEach(i -> items.add(i.json()));
      return copy.toString();
    }
    StringBuilder sb = new StringBuilder(f.head());
    f.items().stream().filter(i -> !i.published().isAfter(now)).forEach(i -> sb.append(i.text()));
    return sb.append(f.tail()).toString();
  }

  static List<Feed> load() {
    JsonNode manifest = readTree("demo/manifest.json");
    List<Feed> out = new ArrayList<>();
    for (JsonNode f : manifest.get("feeds")) {
      String file = f.get("file").asText();
      String text = new String(read("demo/" + file), StandardCharsets.UTF_8);
      String type = f.get("contentType").asText();
      String id = f.get("id").asText();
      String name = f.path("name").asText(null);
      String lang = f.path("language").asText(null);
      if (type.contains("json")) {
        JsonNode json = readTree("demo/" + file);
        List<Item> items = new ArrayList<>();
        for (JsonNode i : json.get("items")) {
          items.add(new Item(OffsetDateTime.parse(i.get("date_published").asText()).toInstant(), null, i));
        }
        out.add(new Feed(id, name, lang, type, null, items, null, json));
      } else {
        boolean atom = type.contains("atom");
        Matcher m = (atom ? ATOM_ENTRY : RSS_ITEM).matcher(text);
        List<Item> items = new ArrayList<>();
        int head = -1;
        int end = 0;
        while (m.find()) {
          if (head < 0) {
            head = m.start();
          }
          end = m.end();
          items.add(new Item(dateOf(m.group(), atom, file), m.group(), null));
        }
        if (head < 0) {
          throw new IllegalStateException("demo feed " + file + " has no items");
        }
        // The month is replayed in seconds: a feed's <ttl> of 30 minutes would stall it.
        String header = text.substring(0, head).replaceAll("\\s*<ttl>[^<]*</ttl>", "");
        out.add(new Feed(id, name, lang, type, header, items, text.substring(end), null));
      }
    }
    return out;
  }

  private static Instant dateOf(String item, boolean atom, String file) {
    Matcher d = (atom ? ATOM_DATE : PUB_DATE).matcher(item);
    if (!d.find()) {
      throw new IllegalStateException("demo feed " + file + ": an item without a date");
    }
    String s = d.group(1).trim();
    return atom ? OffsetDateTime.parse(s).toInstant()
        : ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  private static JsonNode readTree(String resource) {
    try {
      return Json.MAPPER.readTree(read(resource));
    } catch (IOException e) {
      throw new IllegalStateException("demo resource " + resource + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = DemoSample.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("demo resource " + resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read demo resource " + resource + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
