package dev.ainews.ingest.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * A local feed server that misbehaves on purpose, one path per attack. Large bodies are generated while they are
 * written, so the server holds kilobytes whatever it claims to send, and every loop ends on its own: when the
 * client hangs up or after a fixed count.
 */
final class HostileServer implements AutoCloseable {

  static final String XXE = "/xxe.xml";
  static final String BILLION_LAUGHS = "/laughs.xml";
  static final String HUGE_BODY = "/huge.xml";
  static final String GZIP_BOMB = "/bomb.xml";
  static final String DRIP = "/drip.xml";
  static final String ENDLESS_REDIRECT = "/loop/0";
  static final String RATE_LIMITED = "/busy.xml";
  static final String HTML_PAGE = "/page.html";
  static final String MANY_ITEMS = "/many.xml";
  static final String REDIRECT_TO_LOOPBACK = "/to-loopback.xml";
  static final String REDIRECT_TO_METADATA = "/to-metadata.xml";

  static final long HUGE_BODY_BYTES = 100L * 1024 * 1024;
  static final int MANY_ITEMS_COUNT = 100_000;
  static final int RETRY_AFTER_SECONDS = 3600;
  /** The drip gives up after this many bytes; the fetcher's deadline cuts it long before. */
  private static final int DRIP_MAX_BYTES = 120;
  /** More hops than any fetcher follows; each is a new URL, so no loop detection can shortcut it. */
  private static final int REDIRECT_MAX_HOPS = 1000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final byte[] gzipBomb;

  /** @param secretFile the file the XXE document tries to read */
  HostileServer(Path secretFile) {
    gzipBomb = gzipOfZeros(200L * 1024 * 1024);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // One thread per exchange: a dripping response must not hold up the healthy feeds served beside it.
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"" + secretFile.toUri() + "\">]>\n"
        + "<rss version=\"2.0\"><channel><title>XXE</title><item><title>Leak &secret;</title>"
        + "<description>&secret;</description><link>http://xxe.example/1</link></item></channel></rss>";
    on(XXE, ex -> send(ex, 200, "application/rss+xml", xxe));
    on(BILLION_LAUGHS, ex -> send(ex, 200, "application/rss+xml", billionLaughs()));
    on(HUGE_BODY, this::hugeBody);
    on(GZIP_BOMB, ex -> {
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(200, gzipBomb.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(gzipBomb);
      }
    });
    on(DRIP, this::drip);
    on("/loop/", ex -> {
      int hop = Integer.parseInt(ex.getRequestURI().getPath().substring("/loop/".length()));
      ex.getResponseHeaders().set("Location", "/loop/" + Math.min(hop + 1, REDIRECT_MAX_HOPS));
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    on(RATE_LIMITED, ex -> {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      send(ex, 429, "text/plain", "slow down");
    });
    on(HTML_PAGE, ex -> send(ex, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Blog</title>"
        + "</head><body><h1>Welcome</h1><p>No feed here.</p></body></html>"));
    on(MANY_ITEMS, this::manyItems);
    on(REDIRECT_TO_LOOPBACK, ex -> redirect(ex, "http://127.0.0.1:" + port() + "/admin"));
    on(REDIRECT_TO_METADATA, ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/iam/"));
    server.start();
  }

  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private void on(String path, Handler handler) {
    server.createContext(path, ex -> {
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      try (ex) {
        handler.handle(ex);
      } catch (IOException e) {
        // The client hung up mid-body: exactly what a capped or cut-off fetch does.
      }
    });
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The URL of a path on 127.0.0.1. */
  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Requests received on a path. */
  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
  }

  /** Ten levels of ten: a 10^10-fold expansion of "lol" if any parser expanded it. */
  private static String billionLaughs() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("<!ENTITY lol").append(i).append(" \"");
      sb.append(("&lol" + (i - 1) + ";").repeat(10));
      sb.append("\">\n");
    }
    return sb.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>").toString();
  }

  /** 100 MB of one never-ending RSS description, chunked (no Content-Length to refuse it by), written as made. */
  private void hugeBody(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
    ex.sendResponseHeaders(200, 0);
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'a');
    try (OutputStream out = ex.getResponseBody()) {
      out.write("<rss version=\"2.0\"><channel><title>Huge</title><item><description>"
          .getBytes(StandardCharsets.US_ASCII));
      for (long sent = 0; sent < HUGE_BODY_BYTES; sent += block.length) {
        out.write(block);
      }
      out.write("</description></item></channel></rss>".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Headers at once, then one byte a second: a connection that is alive but never done. */
  private void drip(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
    ex.sendResponseHeaders(200, 0);
    byte[] doc = "<rss version=\"2.0\"><channel><title>Drip</title>".repeat(10).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = ex.getResponseBody()) {
      for (int i = 0; i < DRIP_MAX_BYTES; i++) {
        out.write(doc[i % doc.length]);
        out.flush();
        // The server's pace is the attack itself, not a wait for a condition in the test.
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  /** A valid RSS document of 100,000 small items (about 6 MB), generated while it is written. */
  private void manyItems(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = new java.io.BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
      out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Many</title>"
          + "<link>https://many.example.com/</link>").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < MANY_ITEMS_COUNT; i++) {
        out.write(("<item><title>Item " + i + "</title><guid>many-" + i + "</guid></item>")
            .getBytes(StandardCharsets.US_ASCII));
      }
      out.write("</channel></rss>".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[] gzipOfZeros(long size) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      for (long written = 0; written < size; written += zeros.length) {
        gz.write(zeros);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
