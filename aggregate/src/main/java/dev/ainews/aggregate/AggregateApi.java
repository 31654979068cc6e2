package dev.ainews.aggregate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import dev.ainews.common.Json;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import dev.ainews.common.trends.TrendTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate's HTTP API, answered from the state stores (interactive queries):
 *
 * <ul>
 *   <li>{@code GET /api/trends?dimension=&value=&window=&from=&to=}: TrendCounts sorted by windowStart
 *       (value optional: every value of the dimension);</li>
 *   <li>{@code GET /api/signals?from=&to=&window=}: bursts whose window starts in the range (window optional);</li>
 *   <li>{@code GET /api/top?dimension=&window=&n=}: the n values with most items in the current window,
 *       i.e. the latest window start of the dimension.</li>
 *   <li>{@code GET /api/share?window=&from=&to=&name=}: Shares of voice ({@code cn_company_mentions},
 *       {@code us_company_mentions}, {@code open_source_model_news}; name optional) sorted by windowStart, name;</li>
 *   <li>{@code GET /api/range}: {@code {"1h":{"first":..,"last":..},"1d":..}}, the first and last window start
 *       holding items with a company or a theme (both absent when none), so a client showing historical data (a demo
 *       sample, a replay) can ask for the windows that exist instead of the last 7 days of wall-clock time.</li>
 * </ul>
 *
 * {@code from}/{@code to} are ISO instants or dates (a {@code to} date includes that day); the default is the
 * 7 days up to now. Each instance holds the windows of its own partitions, so a query is sent to the instance
 * owning the key ({@code value} given) or to every instance, with {@code local=true}, and the answers merged.
 * A bad parameter is answered 400 with {@code {"error":..., "parameter":...}}.
 */
public final class AggregateApi {

  private static final Logger log = LoggerFactory.getLogger(AggregateApi.class);
  static final Duration DEFAULT_RANGE = Duration.ofDays(7);
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
  private static final String JSON = "application/json; charset=utf-8";
  private static final Instant FAR_FUTURE = Instant.ofEpochMilli(Long.MAX_VALUE / 2);

  /** This instance's stores. */
  interface LocalStores {
    ReadOnlyWindowStore<String, Tally> counts(TrendWindow window);

    ReadOnlyWindowStore<String, Signal> signals();
  }

  /** The other instances of the app. */
  interface Cluster {
    /** Other instances with the store, excluding this one. */
    List<HostInfo> others(String store);

    /**
     * The instances to ask for a key: none when this one holds its active partition,
     * the owner when another does, every other one while the owner is not known.
     */
    List<HostInfo> ownersOf(String store, String key);

    static Cluster single() {
      return new Cluster() {
        @Override
        public List<HostInfo> others(String store) {
          return List.of();
        }

        @Override
        public List<HostInfo> ownersOf(String store, String key) {
          return List.of();
        }
      };
    }
  }

  private final LocalStores stores;
  private final Cluster cluster;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  AggregateApi(LocalStores stores, Cluster cluster, Clock clock) {
    this.stores = stores;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Adds {@code /api/trends}, {@code /api/signals} and {@code /api/top} to the endpoint. */
  public void register(HttpEndpoint endpoint) {
    endpoint.handle("/api/trends", ex -> serve(ex, this::trends));
    endpoint.handle("/api/signals", ex -> serve(ex, this::signals));
    endpoint.handle("/api/top", ex -> serve(ex, this::top));
    endpoint.handle("/api/share", ex -> serve(ex, this::share));
    endpoint.handle("/api/range", ex -> serve(ex, this::windowRange));
  }

  /** First and last window start with data of one window size; both null (absent in JSON) when there is none. */
  record WindowRange(Instant first, Instant last) {
    static final WindowRange EMPTY = new WindowRange(null, null);

    WindowRange union(WindowRange o) {
      return new WindowRange(min(first, o.first), max(last, o.last));
    }

    private static Instant min(Instant a, Instant b) {
      return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
      return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
  }

  /** A bad request parameter. */
  static final class BadParameter extends RuntimeException {
    final String parameter;

    BadParameter(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }
  }

  /** A peer did not answer. */
  static final class PeerFailure extends RuntimeException {
    PeerFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private interface Query {
    Object answer(Map<String, String> params, String path);
  }

  private void serve(HttpExchange ex, Query query) throws IOException {
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      json(ex, 405, Map.of("error", "only GET is supported"));
      return;
    }
    Map<String, String> params;
    try {
      params = params(ex.getRequestURI().getRawQuery());
      json(ex, 200, query.answer(params, ex.getRequestURI().getPath()));
    } catch (BadParameter e) {
      json(ex, 400, Map.of("error", e.getMessage(), "parameter", e.parameter));
    } catch (InvalidStateStoreException e) {
      // Starting or rebalancing: the stores come back within seconds.
      json(ex, 503, Map.of("error", "state stores are not ready (starting or rebalancing), retry: " + e.getMessage()));
    } catch (PeerFailure e) {
      log.warn("{}: {}", ex.getRequestURI(), e.getMessage());
      json(ex, 502, Map.of("error", e.getMessage()));
    }
  }

  private Object trends(Map<String, String> p, String path) {
    String dimension = dimension(p);
    TrendWindow window = window(p, true);
    String value = p.get("value");
    if (value != null && (value.isBlank() || value.indexOf('@') >= 0)) {
      throw new BadParameter("value", "value must be a taxonomy id such as deepseek or deepseek|cost");
    }
    Instant[] range = range(p);
    String store = AggregateTopology.countStore(window);
    List<TrendCount> all = new ArrayList<>(localTrends(dimension, value, window, range[0], range[1]));
    if (!isLocal(p)) {
      List<HostInfo> peers;
      peers = value != null ? cluster.ownersOf(store, dimension + "|" + value) : cluster.others(store);
      for (HostInfo peer : peers) {
        all.addAll(ask(peer, path, p, new TypeReference<List<TrendCount>>() {}));
      }
    }
    return mergeTrends(all);
  }

  private Object signals(Map<String, String> p, String path) {
    TrendWindow window = window(p, false);
    Instant[] range = range(p);
    List<Signal> all = new ArrayList<>(localSignals(window, range[0], range[1]));
    if (!isLocal(p)) {
      for (HostInfo peer : cluster.others(AggregateTopology.SIGNALS_STORE)) {
        all.addAll(ask(peer, path, p, new TypeReference<List<Signal>>() {}));
      }
    }
    Map<String, Signal> byKey = new LinkedHashMap<>();
    for (Signal s : all) {
      byKey.merge(s.window() + "|" + s.key(), s, (a, b) -> a.observed() >= b.observed() ? a : b);
    }
    List<Signal> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(Signal::windowStart).thenComparing(Signal::window).thenComparing(Signal::key));
    return out;
  }

  private Object top(Map<String, String> p, String path) {
    String dimension = dimension(p);
    TrendWindow window = window(p, true);
    int n = 10;
    String ns = p.get("n");
    if (ns != null) {
      try {
        n = Integer.parseInt(ns);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 1000) {
        throw new BadParameter("n", "n must be an integer between 1 and 1000, was '" + ns + "'");
      }
    }
    List<TrendCount> current = new ArrayList<>(localCurrent(dimension, window));
    if (!isLocal(p)) {
      for (HostInfo peer : cluster.others(AggregateTopology.countStore(window))) {
        current.addAll(ask(peer, path, p, new TypeReference<List<TrendCount>>() {}));
      }
      // Each instance answers its own current window; the cluster's is the latest of them.
      Instant latest = current.stream().map(TrendCount::windowStart).max(Comparator.naturalOrder()).orElse(null);
      List<TrendCount> merged = mergeTrends(current.stream().filter(c -> c.windowStart().equals(latest)).toList());
      merged.sort(Comparator.comparingLong(TrendCount::items).reversed()
          .thenComparing(Comparator.comparingLong(TrendCount::stories).reversed())
          .thenComparing(TrendCount::value));
      return merged.subList(0, Math.min(n, merged.size()));
    }
    return current;
  }

  private Object share(Map<String, String> p, String path) {
    TrendWindow window = window(p, true);
    String name = p.get("name");
    if (name != null && !AggregateTopology.SHARES.contains(name)) {
      throw new BadParameter("name", "name must be one of " + AggregateTopology.SHARES + ", was '" + name + "'");
    }
    Instant[] range = range(p);
    List<String> names = name == null ? AggregateTopology.SHARES : List.of(name);
    List<Share> all = new ArrayList<>();
    for (String n : names) {
      all.addAll(localShares(n, window, range[0], range[1]));
      if (!isLocal(p)) {
        Map<String, String> one = new LinkedHashMap<>(p);
        one.put("name", n);
        for (HostInfo peer : cluster.ownersOf(AggregateTopology.countStore(window), shareKey(n))) {
          all.addAll(ask(peer, path, one, new TypeReference<List<Share>>() {}));
        }
      }
    }
    // A window reported twice (during a rebalance) keeps its larger denominator.
    Map<String, Share> byKey = new LinkedHashMap<>();
    for (Share s : all) {
      byKey.merge(s.key(), s, (a, b) -> a.whole() >= b.whole() ? a : b);
    }
    List<Share> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(Share::windowStart).thenComparing(Share::name));
    return out;
  }

  private Object windowRange(Map<String, String> p, String path) {
    Map<String, WindowRange> out = new LinkedHashMap<>();
    for (TrendWindow w : TrendWindow.values()) {
      out.put(w.label(), localRange(w));
    }
    if (!isLocal(p)) {
      for (HostInfo peer : cluster.others(AggregateTopology.countStore(TrendWindow.DAY))) {
        Map<String, WindowRange> theirs = askOne(peer, path, p, new TypeReference<Map<String, WindowRange>>() {});
        theirs.forEach((label, r) -> out.merge(label, r, WindowRange::union));
      }
    }
    return out;
  }

  List<Share> localShares(String name, TrendWindow window, Instant from, Instant to) {
    List<Share> out = new ArrayList<>();
    try (WindowStoreIterator<Tally> it = stores.counts(window).fetch(shareKey(name), from, to)) {
      while (it.hasNext()) {
        KeyValue<Long, Tally> kv = it.next();
        Instant start = Instant.ofEpochMilli(kv.key);
        out.add(Share.of(name, start, start.plus(window.size()), kv.value.part(), kv.value.items()));
      }
    }
    return out;
  }

  /**
   * Every item with a company hits the share key, every item with a theme a theme key: together they are the
   * windows the board draws, read without scanning the whole store (the pair and country keys outnumber them).
   */
  WindowRange localRange(TrendWindow window) {
    ReadOnlyWindowStore<String, Tally> store = stores.counts(window);
    WindowRange r = WindowRange.EMPTY;
    try (WindowStoreIterator<Tally> it = store.fetch(shareKey(AggregateTopology.CN_COMPANY_MENTIONS), Instant.EPOCH,
        FAR_FUTURE)) {
      while (it.hasNext()) {
        Instant start = Instant.ofEpochMilli(it.next().key);
        r = r.union(new WindowRange(start, start));
      }
    }
    try (KeyValueIterator<Windowed<String>, Tally> it = store.fetch("theme|", "theme}", Instant.EPOCH, FAR_FUTURE)) {
      while (it.hasNext()) {
        Instant start = it.next().key.window().startTime();
        r = r.union(new WindowRange(start, start));
      }
    }
    return r;
  }

  private static String shareKey(String name) {
    return AggregateTopology.SHARE + "|" + name;
  }

  List<TrendCount> localTrends(String dimension, String value, TrendWindow window, Instant from, Instant to) {
    ReadOnlyWindowStore<String, Tally> store = stores.counts(window);
    List<TrendCount> out = new ArrayList<>();
    if (value != null) {
      String key = dimension + "|" + value;
      try (WindowStoreIterator<Tally> it = store.fetch(key, from, to)) {
        while (it.hasNext()) {
          KeyValue<Long, Tally> kv = it.next();
          Instant start = Instant.ofEpochMilli(kv.key);
          out.add(new TrendCount(dimension, value, window.label(), start, start.plus(window.size()), kv.value.items(),
              kv.value.stories()));
        }
      }
    } else {
      // '}' follows '|': the range holds exactly the keys "dimension|...".
      try (KeyValueIterator<Windowed<String>, Tally> it = store.fetch(dimension + "|", dimension + "}", from, to)) {
        while (it.hasNext()) {
          KeyValue<Windowed<String>, Tally> kv = it.next();
          out.add(AggregateTopology.toTrendCount(kv.key, kv.value, window));
        }
      }
    }
    return out;
  }

  List<TrendCount> localCurrent(String dimension, TrendWindow window) {
    List<TrendCount> all = localTrends(dimension, null, window, Instant.EPOCH, FAR_FUTURE);
    Instant latest = all.stream().map(TrendCount::windowStart).max(Comparator.naturalOrder()).orElse(null);
    return all.stream().filter(c -> c.windowStart().equals(latest)).toList();
  }

  List<Signal> localSignals(TrendWindow window, Instant from, Instant to) {
    List<Signal> out = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, Signal> it = stores.signals().fetchAll(from, to)) {
      while (it.hasNext()) {
        Signal s = it.next().value;
        if (window == null || window.label().equals(s.window())) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Union of answers; a window reported twice (during a rebalance) keeps its larger count. */
  private static List<TrendCount> mergeTrends(List<TrendCount> all) {
    Map<String, TrendCount> byKey = new LinkedHashMap<>();
    for (TrendCount c : all) {
      byKey.merge(c.dimension() + "|" + c.window() + "|" + c.key(), c, (a, b) -> a.items() >= b.items() ? a : b);
    }
    List<TrendCount> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(TrendCount::windowStart).thenComparing(TrendCount::value));
    return out;
  }

  private <T> List<T> ask(HostInfo peer, String path, Map<String, String> params, TypeReference<List<T>> type) {
    return askOne(peer, path, params, type);
  }

  private <T> T askOne(HostInfo peer, String path, Map<String, String> params, TypeReference<T> type) {
    StringBuilder q = new StringBuilder();
    params.forEach((k, v) -> {
      if (!k.equals("local")) {
        q.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
      }
    });
    q.append("local=true");
    URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + path + "?" + q);
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new PeerFailure("instance " + peer.host() + ":" + peer.port() + " answered " + r.statusCode() + ": "
            + new String(r.body(), StandardCharsets.UTF_8), null);
      }
      return Json.MAPPER.readValue(r.body(), type);
    } catch (IOException e) {
      throw new PeerFailure("instance " + peer.host() + ":" + peer.port() + " did not answer " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerFailure("interrupted while asking " + uri, e);
    }
  }

  private static boolean isLocal(Map<String, String> p) {
    return "true".equals(p.get("local"));
  }

  private static String dimension(Map<String, String> p) {
    String d = p.get("dimension");
    if (d == null || !TrendTopics.DIMENSIONS.contains(d)) {
      throw new BadParameter("dimension", "dimension must be one of " + TrendTopics.DIMENSIONS + ", was "
          + (d == null ? "missing" : "'" + d + "'"));
    }
    return d;
  }

  private static TrendWindow window(Map<String, String> p, boolean required) {
    String w = p.get("window");
    if (w == null && !required) {
      return null;
    }
    TrendWindow window = w == null ? null : TrendWindow.byLabel(w);
    if (window == null) {
      throw new BadParameter("window", "window must be one of " + TrendTopics.WINDOWS + ", was "
          + (w == null ? "missing" : "'" + w + "'"));
    }
    return window;
  }

  private Instant[] range(Map<String, String> p) {
    Instant to = p.containsKey("to") ? instant("to", p.get("to"), true) : clock.instant();
    Instant from = p.containsKey("from") ? instant("from", p.get("from"), false) : to.minus(DEFAULT_RANGE);
    if (from.isAfter(to)) {
      throw new BadParameter("from", "from " + from + " is after to " + to);
    }
    return new Instant[] {from, to};
  }

  static Instant instant(String name, String s, boolean endOfDay) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          Instant day = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
          return endOfDay ? day.plus(Duration.ofDays(1)).minusMillis(1) : day;
        } catch (DateTimeParseException notDate) {
          throw new BadParameter(name, name + " must be an ISO instant (2025-01-27T10:00:00Z) or date (2025-01-27),"
              + " was '" + s + "'");
        }
      }
    }
  }

  static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!v.isEmpty()) {
        out.put(k, v);
      }
    }
    return out;
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpEndpoint.respond(ex, status, JSON, bytes);
  }
}
