package dev.ainews.aggregate.board;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ainews.common.http.HttpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The live board: a page at {@code /} with the main panels of the Grafana board, drawn by
 * Chart.js from the aggregate API ({@code /api/range}, {@code /api/trends}, {@code /api/share},
 * {@code /api/signals}) and refreshed by polling.
 *
 * <p>Only the files of a fixed list are served, looked up by the exact request path: there is
 * no mapping from a path to the classpath or the file system, so {@code ..}, encoded slashes
 * and the like can only miss (404). Everything is read once at construction: the board fails
 * at startup, not on the first visit, if a file is missing from the jar.
 *
 * <p>Chart.js comes from its WebJar ({@code org.webjars.npm:chart.js}) and is served under its
 * versioned WebJar path, so the browser may cache it for a day; the page and its script are
 * small and revalidated on every load ({@code no-cache}) so a new jar shows at once.
 */
public final class BoardHandler implements HttpHandler {

  static final String HTML = "text/html; charset=utf-8";
  static final String JS = "text/javascript; charset=utf-8";
  static final String CSS = "text/css; charset=utf-8";
  static final String OWN_CACHE = "no-cache";
  static final String VENDOR_CACHE = "public, max-age=86400";

  private static final String CHARTJS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  /** Replaced in index.html by the Chart.js path, so a WebJar upgrade needs no edit of the page. */
  private static final String CHARTJS_PLACEHOLDER = "@CHARTJS_PATH@";
  /**
   * Same origin only: the page needs nothing else. Chart.js sizes its canvas through element.style
   * (the CSSOM), which style-src does not restrict, so no 'unsafe-inline' is needed.
   */
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** One servable file. */
  record Asset(byte[] body, String contentType, String cacheControl) {}

  private final Map<String, Asset> assets;
  private final String chartJsPath;

  public BoardHandler() {
    ClassLoader loader = BoardHandler.class.getClassLoader();
    String version = chartJsVersion(loader);
    chartJsPath = "/webjars/chart.js/" + version + "/dist/chart.umd.js";
    Map<String, Asset> a = new LinkedHashMap<>();
    byte[] page = new String(read(loader, "board/index.html"), StandardCharsets.UTF_8)
        .replace(CHARTJS_PLACEHOLDER, chartJsPath).getBytes(StandardCharsets.UTF_8);
    a.put("/", new Asset(page, HTML, OWN_CACHE));
    a.put("/index.html", new Asset(page, HTML, OWN_CACHE));
    a.put("/board/board.js", new Asset(read(loader, "board/board.js"), JS, OWN_CACHE));
    a.put("/board/board.css", new Asset(read(loader, "board/board.css"), CSS, OWN_CACHE));
    a.put(chartJsPath, new Asset(read(loader, "META-INF/resources" + chartJsPath), JS, VENDOR_CACHE));
    assets = Map.copyOf(a);
  }

  /** Serves the board at {@code /}; every path no other handler claims ends here, and unknown ones get 404. */
  public void register(HttpEndpoint endpoint) {
    endpoint.handle("/", this);
  }

  /** The path the page loads Chart.js from, e.g. {@code /webjars/chart.js/4.5.1/dist/chart.umd.js}. */
  public String chartJsPath() {
    return chartJsPath;
  }

  /** The file served at exactly this raw request path, or null. */
  Asset resolve(String rawPath) {
    return rawPath == null ? null : assets.get(rawPath);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      ex.getResponseHeaders().set("Allow", "GET, HEAD");
      HttpEndpoint.respond(ex, 405, "text/plain; charset=utf-8",
          "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    // The raw path: "%2e%2e" or "%2F" stay as typed and match nothing.
    Asset asset = resolve(ex.getRequestURI().getRawPath());
    if (asset == null) {
      HttpEndpoint.respond(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", asset.cacheControl());
    if (HTML.equals(asset.contentType())) {
      ex.getResponseHeaders().set("Content-Security-Policy", CSP);
      ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    }
    HttpEndpoint.respond(ex, 200, asset.contentType(), asset.body());
  }

  private static String chartJsVersion(ClassLoader loader) {
    Properties p = new Properties();
    try (InputStream in = loader.getResourceAsStream(CHARTJS_POM)) {
      if (in == null) {
        throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the classpath: "
            + CHARTJS_POM + " is missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CHARTJS_POM, e);
    }
    String version = p.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.+-]+")) {
      throw new IllegalStateException(CHARTJS_POM + " has no usable version: " + version);
    }
    return version;
  }

  private static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("board resource " + resource + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read board resource " + resource, e);
    }
  }
}
