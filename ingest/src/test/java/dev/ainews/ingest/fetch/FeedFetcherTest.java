package dev.ainews.ingest.fetch;

import static dev.ainews.ingest.fetch.LocalHttpServer.redirectTo;
import static dev.ainews.ingest.fetch.LocalHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

  private static final String RSS =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private LocalHttpServer server;
  private final List<FeedFetcher> fetchers = new ArrayList<>();
  /** Opened at teardown so that handlers parked for a test let go of their threads. */
  private final CountDownLatch teardown = new CountDownLatch(1);
  private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void startServer() {
    server = LocalHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    teardown.countDown();
    drip.shutdownNow();
    fetchers.forEach(FeedFetcher::close);
    server.close();
  }

  private static FetchConfig localConfig() {
    return FetchConfig.defaults().withAllowPrivateNetworks(true);
  }

  private FeedFetcher fetcher(FetchConfig config) {
    return track(new FeedFetcher(config, AddressGuard::resolveWithJvm, Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private FeedFetcher track(FeedFetcher f) {
    fetchers.add(f);
    return f;
  }

  private FeedFetcher fetcher() {
    return fetcher(localConfig());
  }

  private FetchResult get(String path) {
    return fetcher().fetch(FetchRequest.of(server.url(path)));
  }

  // --- 200, 304, headers ---

  @Test
  void shouldReturnBodyContentTypeAndValidatorsOn200() {
    server.on("/feed", ex -> respond(ex, 200, RSS, "Content-Type", "application/rss+xml; charset=utf-8",
        "ETag", "\"v1\"", "Last-Modified", "Sat, 01 Mar 2025 09:00:00 GMT"));

    FetchResult r = get("/feed");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(200, r.httpStatus());
    assertEquals(RSS, new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("application/rss+xml; charset=utf-8", r.contentType());
    assertEquals("\"v1\"", r.etag());
    assertEquals("Sat, 01 Mar 2025 09:00:00 GMT", r.lastModified());
    assertEquals(server.url("/feed"), r.finalUrl());
    assertNull(r.error());
    assertNull(r.retryAfter());
  }

  @Test
  void shouldSendValidatorsAndReturnNotModifiedOn304() {
    server.on("/feed", ex -> {
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        respond(ex, 304, new byte[0], "ETag", "\"v1\"");
      } else {
        respond(ex, 200, RSS, "ETag", "\"v1\"");
      }
    });

    FetchResult r = fetcher().fetch(
        FetchRequest.conditional(server.url("/feed"), "\"v1\"", "Sat, 01 Mar 2025 09:00:00 GMT"));

    assertEquals(FetchOutcome.NOT_MODIFIED, r.outcome());
    assertEquals(304, r.httpStatus());
    assertNull(r.body());
    assertEquals("\"v1\"", r.etag());
    assertEquals("Sat, 01 Mar 2025 09:00:00 GMT", r.lastModified());
    assertEquals("\"v1\"", server.lastHeader("/feed", "If-None-Match"));
    assertEquals("Sat, 01 Mar 2025 09:00:00 GMT", server.lastHeader("/feed", "If-Modified-Since"));
  }

  @Test
  void shouldSendUserAgentAndAcceptEncoding() {
    server.on("/feed", ex -> respond(ex, 200, RSS));

    get("/feed");

    assertEquals(FetchConfig.DEFAULT_USER_AGENT, server.lastHeader("/feed", "User-Agent"));
    assertEquals("gzip, deflate", server.lastHeader("/feed", "Accept-Encoding"));
  }

  @Test
  void shouldNotOfferH2cUpgradeOverPlainHttp() {
    server.on("/feed", ex -> respond(ex, 200, RSS));

    get("/feed");

    assertEquals(1, server.hits("/feed"));
    assertNull(server.lastHeader("/feed", "Upgrade"));
  }

  @Test
  void shouldReturnCacheControlMaxAge() {
    server.on("/feed", ex -> respond(ex, 200, RSS, "Cache-Control", "public, max-age=1800"));

    assertEquals(Duration.ofSeconds(1800), get("/feed").maxAge());
  }

  // --- error statuses ---

  @Test
  void shouldReportRateLimitedWithRetryAfterSeconds() {
    server.on("/feed", ex -> respond(ex, 429, "slow down", "Retry-After", "120"));

    FetchResult r = get("/feed");

    assertEquals(FetchOutcome.RATE_LIMITED, r.outcome());
    assertEquals(429, r.httpStatus());
    assertEquals(Duration.ofSeconds(120), r.retryAfter());
    assertNull(r.body());
    assertEquals("HTTP 429 from " + server.url("/feed"), r.error());
  }

  @Test
  void shouldReportRateLimitedWithRetryAfterHttpDate() {
    String in90Minutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        NOW.plus(Duration.ofMinutes(90)).atOffset(ZoneOffset.UTC));
    server.on("/feed", ex -> respond(ex, 429, "", "Retry-After", in90Minutes));

    FetchResult r = get("/feed");

    assertEquals(FetchOutcome.RATE_LIMITED, r.outcome());
    assertEquals(Duration.ofMinutes(90), r.retryAfter());
  }

  @Test
  void shouldReportServerErrorWithRetryAfterOn503() {
    server.on("/feed", ex -> respond(ex, 503, "maintenance", "Retry-After", "600"));

    FetchResult r = get("/feed");

    assertEquals(FetchOutcome.SERVER_ERROR, r.outcome());
    assertEquals(503, r.httpStatus());
    assertEquals(Duration.ofSeconds(600), r.retryAfter());
  }

  @Test
  void shouldRecoverAfterServerError() {
    AtomicInteger calls = new AtomicInteger();
    server.on("/feed", ex -> {
      if (calls.incrementAndGet() == 1) {
        respond(ex, 500, "oops");
      } else {
        respond(ex, 200, RSS);
      }
    });
    FeedFetcher fetcher = fetcher();

    FetchResult first = fetcher.fetch(FetchRequest.of(server.url("/feed")));
    FetchResult second = fetcher.fetch(FetchRequest.of(server.url("/feed")));

    assertEquals(FetchOutcome.SERVER_ERROR, first.outcome());
    assertEquals(500, first.httpStatus());
    assertEquals(FetchOutcome.OK, second.outcome());
    assertEquals(RSS, new String(second.body(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldReportClientErrorOn404() {
    server.on("/gone", ex -> respond(ex, 404, "not here"));

    FetchResult r = get("/gone");

    assertEquals(FetchOutcome.CLIENT_ERROR, r.outcome());
    assertEquals(404, r.httpStatus());
  }

  @Test
  void shouldReportNetworkErrorWhenConnectionRefused() {
    int closedPort;
    try (LocalHttpServer other = LocalHttpServer.start()) {
      closedPort = other.port();
    }

    FetchResult r = fetcher().fetch(FetchRequest.of("http://127.0.0.1:" + closedPort + "/feed"));

    assertEquals(FetchOutcome.NETWORK_ERROR, r.outcome());
    assertEquals(0, r.httpStatus());
    assertTrue(r.error().contains("http://127.0.0.1:" + closedPort + "/feed"), r.error());
  }

  @Test
  void shouldReportNetworkErrorForUnknownHost() {
    FeedFetcher fetcher = track(new FeedFetcher(localConfig(), host -> {
      throw new java.io.UncheckedIOException(new UnknownHostException(host));
    }));

    FetchResult r = fetcher.fetch(FetchRequest.of("http://no-such-feed.invalid/rss"));

    assertEquals(FetchOutcome.NETWORK_ERROR, r.outcome());
    assertEquals("unknown host 'no-such-feed.invalid' in http://no-such-feed.invalid/rss", r.error());
  }

  @Test
  void shouldReportClientErrorForInvalidUrl() {
    FetchResult r = fetcher().fetch(FetchRequest.of("not a url at all"));

    assertEquals(FetchOutcome.CLIENT_ERROR, r.outcome());
    assertTrue(r.error().startsWith("invalid URL 'not a url at all'"), r.error());
  }

  // --- deadline ---

  @Test
  void shouldCutSlowDripAtDeadline() {
    server.on("/drip", ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
      self.set(drip.scheduleAtFixedRate(() -> {
        try {
          out.write('x');
          out.flush();
        } catch (IOException e) {
          // The client hung up: what we wanted.
          ScheduledFuture<?> f = self.get();
          if (f != null) {
            f.cancel(false);
          }
        }
      }, 0, 200, TimeUnit.MILLISECONDS));
    });
    FeedFetcher fetcher = fetcher(localConfig().withDeadline(Duration.ofSeconds(1)));

    long t0 = System.nanoTime();
    // Preemptive, so that a fetcher without a working deadline fails here instead of hanging.
    FetchResult r = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> fetcher.fetch(FetchRequest.of(server.url("/drip"))));
    Duration wall = Duration.ofNanos(System.nanoTime() - t0);

    assertEquals(FetchOutcome.TIMEOUT, r.outcome());
    assertEquals(200, r.httpStatus());
    assertNull(r.body());
    assertTrue(wall.compareTo(Duration.ofSeconds(3)) < 0, "took " + wall);
    assertTrue(r.elapsed().compareTo(Duration.ofMillis(1000)) >= 0, "elapsed " + r.elapsed());
    assertEquals("deadline of 1000 ms passed reading the body of " + server.url("/drip"), r.error());
  }

  @Test
  void shouldTimeOutWhenHeadersNeverCome() {
    server.on("/silent", ex -> {
      try {
        teardown.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    FeedFetcher fetcher = fetcher(localConfig().withDeadline(Duration.ofMillis(500)));

    long t0 = System.nanoTime();
    FetchResult r = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> fetcher.fetch(FetchRequest.of(server.url("/silent"))));
    Duration wall = Duration.ofNanos(System.nanoTime() - t0);

    assertEquals(FetchOutcome.TIMEOUT, r.outcome());
    assertEquals(0, r.httpStatus());
    assertTrue(wall.compareTo(Duration.ofSeconds(3)) < 0, "took " + wall);
    assertEquals("deadline of 500 ms passed waiting for response headers of "
        + server.url("/silent"), r.error());
  }

  // --- redirects ---

  @Test
  void shouldFollowThreeRedirectsAndReportFinalUrl() {
    server.on("/a", redirectTo(server.url("/b")))
        .on("/b", redirectTo("/c")) // relative Location
        .on("/c", ex -> respond(ex, 301, new byte[0], "Location", "d"))
        .on("/d", ex -> respond(ex, 200, RSS, "ETag", "\"d\""));

    FetchResult r = get("/a");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(server.url("/d"), r.finalUrl());
    assertEquals("\"d\"", r.etag());
    assertEquals(1, server.hits("/d"));
  }

  @Test
  void shouldStopRedirectLoop() {
    server.on("/ping", redirectTo(server.url("/pong")))
        .on("/pong", redirectTo(server.url("/ping")));

    FetchResult r = get("/ping");

    assertEquals(FetchOutcome.TOO_MANY_REDIRECTS, r.outcome());
    assertEquals(1, server.hits("/ping"));
    assertEquals(1, server.hits("/pong"));
    assertEquals("redirect loop: " + server.url("/pong") + " redirects to " + server.url("/ping")
        + ", already visited", r.error());
  }

  @Test
  void shouldGiveUpAfterFiveRedirects() {
    for (int i = 0; i < 6; i++) {
      server.on("/hop" + i, redirectTo("/hop" + (i + 1)));
    }
    server.on("/hop6", ex -> respond(ex, 200, RSS));

    FetchResult r = get("/hop0");

    assertEquals(FetchOutcome.TOO_MANY_REDIRECTS, r.outcome());
    assertEquals(0, server.hits("/hop6"));
    assertEquals(1, server.hits("/hop5"));
  }

  @Test
  void shouldFollowExactlyFiveRedirects() {
    for (int i = 0; i < 5; i++) {
      server.on("/hop" + i, redirectTo("/hop" + (i + 1)));
    }
    server.on("/hop5", ex -> respond(ex, 200, RSS));

    FetchResult r = get("/hop0");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(server.url("/hop5"), r.finalUrl());
  }

  // --- byte cap and decoding ---

  @Test
  void shouldRejectStreamedBodyOverCap() {
    server.on("/big", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to check up front
      try (OutputStream out = ex.getResponseBody()) {
        byte[] kb = new byte[1024];
        for (int i = 0; i < 64; i++) {
          out.write(kb);
        }
      } catch (IOException e) {
        // The client stops reading at the cap and hangs up.
      }
    });

    FetchResult r = fetcher().fetch(new FetchRequest(server.url("/big"), null, null, 10_000L));

    assertEquals(FetchOutcome.TOO_LARGE, r.outcome());
    assertEquals(200, r.httpStatus());
    assertNull(r.body());
  }

  @Test
  void shouldRejectByContentLengthBeforeReading() {
    server.on("/big", ex -> respond(ex, 200, new byte[20_000]));

    FetchResult r = fetcher().fetch(new FetchRequest(server.url("/big"), null, null, 10_000L));

    assertEquals(FetchOutcome.TOO_LARGE, r.outcome());
    assertEquals("Content-Length 20000 of " + server.url("/big")
        + " exceeds the cap of 10000 bytes", r.error());
  }

  @Test
  void shouldAcceptBodyExactlyAtCap() {
    server.on("/exact", ex -> respond(ex, 200, new byte[10_000]));

    FetchResult r = fetcher().fetch(new FetchRequest(server.url("/exact"), null, null, 10_000L));

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(10_000, r.body().length);
  }

  @Test
  void shouldStopGzipBombAtCapWithoutInflatingItAll() throws Exception {
    byte[] bomb = gzipZeros(200L * 1024 * 1024);
    server.on("/bomb", ex -> respond(ex, 200, bomb, "Content-Encoding", "gzip"));
    FeedFetcher fetcher = fetcher(); // default cap: 15 MiB
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

    FetchResult r = fetcher.fetch(FetchRequest.of(server.url("/bomb")));

    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    assertTrue(bomb.length < 1024 * 1024, "bomb is " + bomb.length + " bytes");
    assertEquals(FetchOutcome.TOO_LARGE, r.outcome());
    assertTrue(r.error().startsWith("body exceeds 15728640 bytes once decompressed"), r.error());
    // Growing a buffer to 15 MiB allocates ~32 MiB in all; inflating 200 MiB would need 200+.
    assertTrue(allocated < 80L * 1024 * 1024, "allocated " + allocated + " bytes");
    assertTrue(r.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "elapsed " + r.elapsed());
  }

  @Test
  void shouldDecodeGzipBody() throws Exception {
    byte[] gz = gzip(RSS.getBytes(StandardCharsets.UTF_8));
    server.on("/gz", ex -> respond(ex, 200, gz, "Content-Encoding", "gzip"));

    FetchResult r = get("/gz");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(RSS, new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldDecodeZlibDeflateBody() throws Exception {
    byte[] zlib = deflate(RSS.getBytes(StandardCharsets.UTF_8), false);
    server.on("/zlib", ex -> respond(ex, 200, zlib, "Content-Encoding", "deflate"));

    FetchResult r = get("/zlib");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(RSS, new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldDecodeRawDeflateBody() throws Exception {
    byte[] raw = deflate(RSS.getBytes(StandardCharsets.UTF_8), true);
    server.on("/raw", ex -> respond(ex, 200, raw, "Content-Encoding", "deflate"));

    FetchResult r = get("/raw");

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals(RSS, new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldReportServerErrorForUnsupportedEncoding() {
    server.on("/br", ex -> respond(ex, 200, new byte[] {1, 2, 3}, "Content-Encoding", "br"));

    FetchResult r = get("/br");

    assertEquals(FetchOutcome.SERVER_ERROR, r.outcome());
    assertEquals("unsupported Content-Encoding 'br' (we asked for gzip, deflate) from "
        + server.url("/br"), r.error());
  }

  @Test
  void shouldReportServerErrorForCorruptGzip() {
    server.on("/bad", ex -> respond(ex, 200, "this is not gzip", "Content-Encoding", "gzip"));

    FetchResult r = get("/bad");

    assertEquals(FetchOutcome.SERVER_ERROR, r.outcome());
    assertTrue(r.error().startsWith("cannot decode the body of " + server.url("/bad")), r.error());
  }

  // --- per-host limit ---

  @Test
  void shouldSerializeRequestsToOneHostAtLimitOne() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger arrived = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    server.on("/slow", ex -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      arrived.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      respond(ex, 200, RSS);
    });
    FeedFetcher fetcher = fetcher(localConfig().withPerHostConcurrency(1));
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(callers.submit(() -> fetcher.fetch(FetchRequest.of(server.url("/slow")))));
      }

      // One request is held by the server, the other two wait for the host's only slot.
      awaitCondition(() -> arrived.get() == 1 && fetcher.queuedFor("127.0.0.1") == 2);
      release.countDown();

      for (Future<FetchResult> f : results) {
        assertEquals(FetchOutcome.OK, f.get(10, TimeUnit.SECONDS).outcome());
      }
      assertEquals(3, arrived.get());
      assertEquals(1, maxInFlight.get());
    } finally {
      callers.shutdownNow();
    }
  }

  // --- address guard, end to end ---

  private static final byte[] PUBLIC_IP = {93, (byte) 184, (byte) 216, 34};

  /**
   * Resolves "localhost" to a public address for the guard while the client still connects to
   * the local server: a stand-in for a public feed host whose redirect points inside.
   */
  private FeedFetcher guardedFetcherWithPublicLocalhost() {
    return track(new FeedFetcher(FetchConfig.defaults(), host -> {
      try {
        return host.equals("localhost")
            ? new InetAddress[] {InetAddress.getByAddress("localhost", PUBLIC_IP)}
            : AddressGuard.resolveWithJvm(host);
      } catch (UnknownHostException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
  }

  @Test
  void shouldBlockDirectLoopbackWhenGuardOn() {
    server.on("/feed", ex -> respond(ex, 200, RSS));
    FeedFetcher fetcher = track(new FeedFetcher(FetchConfig.defaults()));

    FetchResult r = fetcher.fetch(FetchRequest.of(server.url("/feed")));

    assertEquals(FetchOutcome.BLOCKED, r.outcome());
    assertEquals(0, server.hits("/feed"));
    assertEquals("blocked " + server.url("/feed") + ": host '127.0.0.1' resolves to 127.0.0.1"
        + " (loopback); set AINEWS_ALLOW_PRIVATE_NETWORKS=true to allow", r.error());
  }

  @Test
  void shouldBlockRedirectFromPublicHostToLoopback() {
    String publicUrl = "http://localhost:" + server.port() + "/start";
    server.on("/start", redirectTo(server.url("/internal")))
        .on("/internal", ex -> respond(ex, 200, "secret"));

    FetchResult r = guardedFetcherWithPublicLocalhost().fetch(FetchRequest.of(publicUrl));

    assertEquals(FetchOutcome.BLOCKED, r.outcome());
    assertEquals(1, server.hits("/start"));
    assertEquals(0, server.hits("/internal"));
    assertEquals(server.url("/internal"), r.finalUrl());
    assertTrue(r.error().contains("resolves to 127.0.0.1 (loopback)"), r.error());
  }

  @Test
  void shouldBlockRedirectToCloudMetadata() {
    String publicUrl = "http://localhost:" + server.port() + "/start";
    server.on("/start", redirectTo("http://169.254.169.254/latest/meta-data/"));

    FetchResult r = guardedFetcherWithPublicLocalhost().fetch(FetchRequest.of(publicUrl));

    assertEquals(FetchOutcome.BLOCKED, r.outcome());
    assertEquals("blocked http://169.254.169.254/latest/meta-data/: host '169.254.169.254'"
        + " resolves to 169.254.169.254 (cloud metadata endpoint);"
        + " set AINEWS_ALLOW_PRIVATE_NETWORKS=true to allow", r.error());
  }

  @Test
  void shouldFollowRedirectBetweenPublicHostsWhenGuardOn() {
    String publicUrl = "http://localhost:" + server.port() + "/start";
    server.on("/start", redirectTo("/feed"))
        .on("/feed", ex -> respond(ex, 200, RSS));

    FetchResult r = guardedFetcherWithPublicLocalhost().fetch(FetchRequest.of(publicUrl));

    assertEquals(FetchOutcome.OK, r.outcome());
    assertEquals("http://localhost:" + server.port() + "/feed", r.finalUrl());
  }

  @Test
  void shouldBlockRedirectToNonHttpScheme() {
    server.on("/start", redirectTo("file:///etc/passwd"));

    FetchResult r = get("/start");

    assertEquals(FetchOutcome.BLOCKED, r.outcome());
    assertEquals("blocked file:///etc/passwd: scheme 'file' is not http or https", r.error());
  }

  // --- lifecycle ---

  @Test
  void shouldRefuseToFetchAfterClose() {
    FeedFetcher fetcher = fetcher();
    fetcher.close();

    try {
      fetcher.fetch(FetchRequest.of(server.url("/feed")));
      fail("expected IllegalStateException");
    } catch (IllegalStateException expected) {
      assertEquals("FeedFetcher is closed", expected.getMessage());
    }
  }

  // --- helpers ---

  private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 10 s");
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzipZeros(long count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      for (long written = 0; written < count; written += zeros.length) {
        gz.write(zeros);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
      out.write(data);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }
}
