package dev.ainews.ingest.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feed server on 127.0.0.1 for tests: one handler per path, counting hits and keeping the
 * last request headers per path. Handlers run on a pool, so slow handlers do not serialize.
 */
final class LocalHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, Headers> lastHeaders = new ConcurrentHashMap<>();

  private LocalHttpServer(HttpServer server) {
    this.server = server;
  }

  static LocalHttpServer start() {
    try {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
      LocalHttpServer local = new LocalHttpServer(server);
      server.setExecutor(local.pool);
      server.start();
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LocalHttpServer on(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      lastHeaders.put(path, exchange.getRequestHeaders());
      handler.handle(exchange);
    });
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  String lastHeader(String path, String name) {
    Headers h = lastHeaders.get(path);
    return h == null ? null : h.getFirst(name);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  // --- response helpers ---

  static void respond(HttpExchange exchange, int status, byte[] body, String... headerPairs)
      throws IOException {
    for (int i = 0; i < headerPairs.length; i += 2) {
      exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
    }
    // -1: no body at all (304, redirects); otherwise a fixed Content-Length.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void respond(HttpExchange exchange, int status, String body, String... headerPairs)
      throws IOException {
    respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
  }

  static HttpHandler redirectTo(String location) {
    return exchange -> respond(exchange, 302, new byte[0], "Location", location);
  }
}
