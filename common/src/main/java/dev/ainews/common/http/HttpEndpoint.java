package dev.ainews.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server every ainews service exposes: {@code /metrics} in the
 * Prometheus text format, {@code /health}, and whatever handlers a service adds
 * (the aggregate API, the live board). The JDK's server is enough for scrapes
 * and a handful of users and keeps the jar free of a web framework.
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts on {@code host:port} (port 0 picks a free one) serving the registry at
   * {@code /metrics}. Fails with the port in the message when it is taken.
   */
  public static HttpEndpoint start(String host, int port, PrometheusMeterRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + " for /metrics: " + e.getMessage()
          + " (is another ainews process running? set a different port)", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "ainews-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    HttpEndpoint endpoint = new HttpEndpoint(server, executor);
    endpoint.handle("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape().getBytes(StandardCharsets.UTF_8)));
    endpoint.handle("/health", ex -> respond(ex, 200, "text/plain; charset=utf-8",
        "ok\n".getBytes(StandardCharsets.UTF_8)));
    server.start();
    log.info("serving /metrics on http://{}:{}/metrics", host, endpoint.port());
    return endpoint;
  }

  public void handle(String path, HttpHandler handler) {
    server.createContext(path, ex -> {
      try {
        handler.handle(ex);
      } catch (RuntimeException e) {
        log.warn("HTTP {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString(), e);
        respond(ex, 500, "text/plain; charset=utf-8", ("internal error: " + e.getMessage() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      } finally {
        ex.close();
      }
    });
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
