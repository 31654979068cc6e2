package dev.ainews.common.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server for feed tests: serves whatever documents the test puts at
 * a path, answers If-None-Match with 304 when the document did not change, and
 * records every request (path and User-Agent) so tests can see who polled what.
 */
public final class FeedServer implements AutoCloseable {

  /** One request as the server saw it. */
  public record Request(String path, String userAgent) {}

  private record Doc(byte[] body, String contentType, String etag) {}

  private final HttpServer server;
  private final Map<String, Doc> docs = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "feed-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      requests.add(new Request(path, ex.getRequestHeaders().getFirst("User-Agent")));
      Doc doc = docs.get(path);
      try (ex) {
        if (doc == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        if (doc.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          ex.getResponseHeaders().set("ETag", doc.etag());
          ex.sendResponseHeaders(304, -1);
          return;
        }
        ex.getResponseHeaders().set("Content-Type", doc.contentType());
        ex.getResponseHeaders().set("ETag", doc.etag());
        ex.sendResponseHeaders(200, doc.body().length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(doc.body());
        }
      }
    });
    server.start();
  }

  /** Serves {@code body} at {@code path} from now on; a changed body gets a new ETag. */
  public void put(String path, String body, String contentType) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    docs.put(path, new Doc(bytes, contentType, "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\""));
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
