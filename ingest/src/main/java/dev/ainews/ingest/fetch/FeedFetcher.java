package dev.ainews.ingest.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches feeds over HTTP politely and defensively: one shared {@link HttpClient}, conditional
 * GET, a total deadline covering headers and body, a cap on decompressed bytes, redirects followed
 * by hand so that every hop passes the {@link AddressGuard}, and a fair per-host concurrency
 * limit. {@link #fetch} never throws for a network or HTTP problem; it returns an outcome.
 *
 * <p>Thread-safe: one instance serves all feeds of an ingest service.
 */
public final class FeedFetcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedFetcher.class);

  /** Feed formats first, then any XML, then anything (some servers send feeds as text/html). */
  static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json,"
      + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.7";

  private final FetchConfig config;
  private final AddressGuard guard;
  private final Clock clock;
  private final ExecutorService clientExecutor;
  private final ScheduledThreadPoolExecutor deadlines;
  private final HttpClient client;
  private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public FeedFetcher(FetchConfig config) {
    this(config, AddressGuard::resolveWithJvm, Clock.systemUTC());
  }

  /** With a custom resolver for the address guard (tests, or a resolver with its own policy). */
  public FeedFetcher(FetchConfig config, Function<String, InetAddress[]> resolver) {
    this(config, resolver, Clock.systemUTC());
  }

  FeedFetcher(FetchConfig config, Function<String, InetAddress[]> resolver, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.guard = new AddressGuard(config.allowPrivateNetworks(), resolver);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clientExecutor = Executors.newCachedThreadPool(daemonThreads("ainews-http-"));
    this.deadlines = new ScheduledThreadPoolExecutor(1, daemonThreads("ainews-fetch-deadline-"));
    // Cancelled deadline tasks would otherwise sit in the queue until their time comes.
    this.deadlines.setRemoveOnCancelPolicy(true);
    this.client = HttpClient.newBuilder()
        // HTTP/2 where a TLS server offers it (ALPN), HTTP/1.1 otherwise.
        .version(HttpClient.Version.HTTP_2)
        // By hand, so the guard sees every hop and the deadline spans them all.
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout())
        .executor(clientExecutor)
        .build();
  }

  public FetchConfig config() {
    return config;
  }

  /** Fetches one feed. Waiting for the per-host limit does not count against the deadline. */
  public FetchResult fetch(FetchRequest request) {
    if (closed) {
      throw new IllegalStateException("FeedFetcher is closed");
    }
    long cap = request.maxBytes() != null ? request.maxBytes() : config.maxBytes();
    URI current;
    try {
      current = parse(request.url());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return log(request, FetchResult.failure(FetchOutcome.CLIENT_ERROR, 0, request.url(),
          Duration.ZERO, "invalid URL '" + request.url() + "': " + e.getMessage()));
    }
    Set<URI> visited = new HashSet<>();
    long start = 0;
    long deadlineAt = 0;
    int redirects = 0;
    while (true) {
      String host = AddressGuard.hostOf(current);
      if (host == null || host.isEmpty()) {
        // No host to limit or resolve (file:, mailto:, "http:///x"): the guard says which.
        return log(request, FetchResult.failure(FetchOutcome.BLOCKED, 0, current.toString(),
            elapsedSince(start), guard.check(current).message()));
      }
      Semaphore permit = hostPermits.computeIfAbsent(
          host, h -> new Semaphore(config.perHostConcurrency(), true));
      try {
        if (redirects == 0) {
          permit.acquire();
          start = System.nanoTime();
          deadlineAt = start + config.deadline().toNanos();
        } else if (!permit.tryAcquire(deadlineAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          return log(request, timeout(current, start, "waiting for a connection slot"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return log(request, FetchResult.failure(FetchOutcome.NETWORK_ERROR, 0, current.toString(),
            elapsedSince(start), "interrupted before fetching " + current));
      }
      Hop hop;
      try {
        // Checked after the permit so the connection follows the resolution closely.
        AddressGuard.Decision decision = guard.check(current);
        if (!decision.allowed()) {
          FetchOutcome outcome = decision.verdict() == AddressGuard.Verdict.UNKNOWN_HOST
              ? FetchOutcome.NETWORK_ERROR : FetchOutcome.BLOCKED;
          if (outcome == FetchOutcome.BLOCKED) {
            LOG.warn("Refused to fetch {} (feed {}): {}", current, request.url(), decision.message());
          }
          return log(request, FetchResult.failure(outcome, 0, current.toString(),
              elapsedSince(start), decision.message()));
        }
        visited.add(current);
        hop = exchange(current, request, cap, start, deadlineAt);
      } finally {
        permit.release();
      }
      if (hop.result != null) {
        return log(request, hop.result);
      }
      URI next = hop.redirectTo;
      redirects++;
      if (visited.contains(next)) {
        return log(request, FetchResult.failure(FetchOutcome.TOO_MANY_REDIRECTS, hop.status,
            next.toString(), elapsedSince(start),
            "redirect loop: " + current + " redirects to " + next + ", already visited"));
      }
      if (redirects > config.maxRedirects()) {
        return log(request, FetchResult.failure(FetchOutcome.TOO_MANY_REDIRECTS, hop.status,
            next.toString(), elapsedSince(start), "more than " + config.maxRedirects()
                + " redirects fetching " + request.url() + ", last to " + next));
      }
      LOG.debug("Following redirect {} {} -> {}", hop.status, current, next);
      current = next;
    }
  }

  /** One request/response: either a final result or where to go next. */
  private record Hop(FetchResult result, URI redirectTo, int status) {
    static Hop done(FetchResult result) {
      return new Hop(result, null, result.httpStatus());
    }
  }

  private Hop exchange(URI uri, FetchRequest request, long cap, long start, long deadlineAt) {
    long remaining = deadlineAt - System.nanoTime();
    if (remaining <= 0) {
      return Hop.done(timeout(uri, start, "before sending the request"));
    }
    HttpRequest httpRequest;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
          .GET()
          // Covers connect and response headers; the body is cut by the deadline task below.
          .timeout(Duration.ofNanos(remaining))
          .header("User-Agent", config.userAgent())
          .header("Accept", ACCEPT)
          .header("Accept-Encoding", "gzip, deflate");
      if (request.etag() != null && !request.etag().isBlank()) {
        builder.header("If-None-Match", request.etag());
      }
      if (request.lastModified() != null && !request.lastModified().isBlank()) {
        builder.header("If-Modified-Since", request.lastModified());
      }
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        // HTTP/2 in clear text would mean an "Upgrade: h2c" offer on every request, which some
        // old servers and middleboxes answer badly; browsers never send it either.
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      httpRequest = builder.build();
    } catch (IllegalArgumentException e) {
      // A stored validator with a line break, say: our side is wrong, not the server.
      return Hop.done(FetchResult.failure(FetchOutcome.CLIENT_ERROR, 0, uri.toString(),
          elapsedSince(start), "cannot build a request for " + uri + ": " + e.getMessage()));
    }

    HttpResponse<InputStream> response;
    try {
      response = client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      if (System.nanoTime() >= deadlineAt) {
        return Hop.done(timeout(uri, start, "while connecting"));
      }
      return Hop.done(networkError(uri, start, "connect timed out after "
          + config.connectTimeout().toMillis() + " ms"));
    } catch (HttpTimeoutException e) {
      return Hop.done(timeout(uri, start, "waiting for response headers"));
    } catch (ConnectException e) {
      return Hop.done(networkError(uri, start, "cannot connect: " + describe(e)));
    } catch (SSLException e) {
      return Hop.done(networkError(uri, start, "TLS failure: " + describe(e)));
    } catch (IOException e) {
      return Hop.done(networkError(uri, start, describe(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Hop.done(networkError(uri, start, "interrupted"));
    } catch (IllegalArgumentException e) {
      return Hop.done(FetchResult.failure(FetchOutcome.CLIENT_ERROR, 0, uri.toString(),
          elapsedSince(start), "cannot fetch " + uri + ": " + e.getMessage()));
    }

    try (InputStream body = response.body()) {
      return handle(uri, request, response, body, cap, start, deadlineAt);
    } catch (IOException e) {
      // Only close() can land here; the result is decided already.
      LOG.debug("Closing the response body of {} failed: {}", uri, e.toString());
      return Hop.done(networkError(uri, start, describe(e)));
    }
  }

  private Hop handle(URI uri, FetchRequest request, HttpResponse<InputStream> response,
      InputStream body, long cap, long start, long deadlineAt) {
    int status = response.statusCode();
    HttpHeaders headers = response.headers();
    String url = uri.toString();
    if (status >= 200 && status < 300) {
      return Hop.done(readBody(uri, response, body, cap, start, deadlineAt));
    }
    if (status == 304) {
      // The validators we sent are still good when the server does not repeat them.
      return Hop.done(new FetchResult(FetchOutcome.NOT_MODIFIED, status, null,
          headers.firstValue("Content-Type").orElse(null), url,
          headers.firstValue("ETag").orElse(request.etag()),
          headers.firstValue("Last-Modified").orElse(request.lastModified()),
          null, maxAge(headers), elapsedSince(start), null));
    }
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      String location = headers.firstValue("Location").orElse(null);
      if (location == null || location.isBlank()) {
        return Hop.done(FetchResult.failure(FetchOutcome.SERVER_ERROR, status, url,
            elapsedSince(start), "HTTP " + status + " without Location from " + url));
      }
      try {
        return new Hop(null, resolve(uri, location.trim()), status);
      } catch (URISyntaxException | IllegalArgumentException e) {
        return Hop.done(FetchResult.failure(FetchOutcome.SERVER_ERROR, status, url,
            elapsedSince(start), "HTTP " + status + " from " + url + " with an invalid Location '"
                + location + "'"));
      }
    }
    Duration retryAfter = HeaderValues.retryAfter(
        headers.firstValue("Retry-After").orElse(null), clock.instant());
    FetchOutcome outcome;
    if (status == 429) {
      outcome = FetchOutcome.RATE_LIMITED;
    } else if (status >= 400 && status < 500) {
      outcome = FetchOutcome.CLIENT_ERROR;
    } else {
      // 5xx, and statuses no feed server should send (1xx leaking through, 300, 305, 6xx).
      outcome = FetchOutcome.SERVER_ERROR;
    }
    return Hop.done(new FetchResult(outcome, status, null,
        headers.firstValue("Content-Type").orElse(null), url, null, null, retryAfter, null,
        elapsedSince(start), "HTTP " + status + " from " + url));
  }

  private FetchResult readBody(URI uri, HttpResponse<InputStream> response, InputStream body,
      long cap, long start, long deadlineAt) {
    HttpHeaders headers = response.headers();
    String url = uri.toString();
    int status = response.statusCode();
    String encoding = headers.firstValue("Content-Encoding").orElse(null);
    long contentLength = headers.firstValueAsLong("Content-Length").orElse(-1);
    try {
      if (contentLength > BodyReader.wireLimit(cap, BodyReader.codings(encoding))) {
        return FetchResult.failure(FetchOutcome.TOO_LARGE, status, url, elapsedSince(start),
            "Content-Length " + contentLength + " of " + url + " exceeds the cap of " + cap
                + " bytes");
      }
    } catch (BodyReader.UndecodableException e) {
      return FetchResult.failure(FetchOutcome.SERVER_ERROR, status, url, elapsedSince(start),
          e.getMessage() + " from " + url);
    }
    // A blocked read only returns when bytes arrive, so a server dripping a byte at a time
    // would hold us for ever: at the deadline this task closes the stream under the reader.
    long remaining = Math.max(0, deadlineAt - System.nanoTime());
    // Set before the close, so that a reader woken by the close sees it: cancel() returns true for a task that is
    // still running, and the close can make the read fail while the task is still in body.close().
    AtomicBoolean cutOff = new AtomicBoolean();
    ScheduledFuture<?> cutoff = deadlines.schedule(() -> {
      cutOff.set(true);
      try {
        body.close();
      } catch (IOException e) {
        LOG.debug("Closing the body of {} at the deadline failed: {}", url, e.toString());
      }
    }, remaining, TimeUnit.NANOSECONDS);
    byte[] bytes;
    try {
      bytes = BodyReader.read(body, encoding, cap, contentLength);
    } catch (BodyReader.TooLargeException e) {
      cutoff.cancel(false);
      return FetchResult.failure(FetchOutcome.TOO_LARGE, status, url, elapsedSince(start),
          e.getMessage() + " (cap " + cap + " bytes) fetching " + url);
    } catch (BodyReader.UndecodableException | ZipException e) {
      cutoff.cancel(false);
      if (cutOff.get()) {
        return timeout(uri, status, start, "reading the body");
      }
      return FetchResult.failure(FetchOutcome.SERVER_ERROR, status, url, elapsedSince(start),
          "cannot decode the body of " + url + ": " + e.getMessage());
    } catch (IOException e) {
      cutoff.cancel(false);
      if (cutOff.get()) {
        return timeout(uri, status, start, "reading the body");
      }
      String what = e instanceof EOFException ? "body truncated" : "reading the body failed";
      return networkError(uri, start, what + ": " + describe(e));
    }
    // If the cutoff already ran, the stream may have ended because we closed it: the body could
    // be truncated, so the deadline wins.
    cutoff.cancel(false);
    if (cutOff.get()) {
      return timeout(uri, status, start, "reading the body");
    }
    return new FetchResult(FetchOutcome.OK, status, bytes,
        headers.firstValue("Content-Type").orElse(null), url,
        headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null),
        null, maxAge(headers), elapsedSince(start), null);
  }

  private Duration maxAge(HttpHeaders headers) {
    return HeaderValues.maxAge(headers.allValues("Cache-Control"),
        headers.firstValue("Expires").orElse(null), clock.instant());
  }

  private FetchResult timeout(URI uri, long start, String phase) {
    return timeout(uri, 0, start, phase);
  }

  private FetchResult timeout(URI uri, int status, long start, String phase) {
    return FetchResult.failure(FetchOutcome.TIMEOUT, status, uri.toString(), elapsedSince(start),
        "deadline of " + config.deadline().toMillis() + " ms passed " + phase + " of " + uri);
  }

  private FetchResult networkError(URI uri, long start, String what) {
    return FetchResult.failure(FetchOutcome.NETWORK_ERROR, 0, uri.toString(), elapsedSince(start),
        what + " fetching " + uri);
  }

  private static Duration elapsedSince(long start) {
    return start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
  }

  private static String describe(Throwable e) {
    // The JDK client wraps the interesting part (refused, reset, unresolved) in causes.
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }
    return sb.toString();
  }

  private FetchResult log(FetchRequest request, FetchResult result) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("Fetched {} -> {} status={} bytes={} in {} ms{}", request.url(),
          result.outcome().label(), result.httpStatus(),
          result.body() == null ? 0 : result.body().length, result.elapsed().toMillis(),
          result.error() == null ? "" : ": " + result.error());
    }
    return result;
  }

  /** Parses a feed URL, forgiving the spaces people paste; the fragment is never sent. */
  static URI parse(String url) throws URISyntaxException {
    String s = url.trim().replace(" ", "%20");
    int hash = s.indexOf('#');
    URI uri = new URI(hash >= 0 ? s.substring(0, hash) : s);
    if (!uri.isAbsolute()) {
      throw new URISyntaxException(url, "not an absolute URL");
    }
    return uri;
  }

  /** Resolves a Location header (absolute or relative) against the URL that sent it. */
  static URI resolve(URI base, String location) throws URISyntaxException {
    URI ref = new URI(location.replace(" ", "%20"));
    // URI.resolve mishandles a base with an empty path ("http://host" + "a" -> "http://hosta").
    URI b = base.getRawPath() == null || base.getRawPath().isEmpty()
        ? new URI(base.getScheme() + "://" + base.getRawAuthority() + "/")
        : base;
    return parse(b.resolve(ref).toString());
  }

  /** Fetches waiting for a slot on {@code host}; for tests and diagnostics. */
  int queuedFor(String host) {
    Semaphore s = hostPermits.get(host.toLowerCase(Locale.ROOT));
    return s == null ? 0 : s.getQueueLength();
  }

  @Override
  public void close() {
    closed = true;
    // Java 17's HttpClient has no close(); stopping its executor and dropping it is the cleanup.
    clientExecutor.shutdownNow();
    deadlines.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
