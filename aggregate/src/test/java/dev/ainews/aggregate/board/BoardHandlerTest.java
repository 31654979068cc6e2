package dev.ainews.aggregate.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.http.HttpEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The board's static files over the JDK server on loopback: exact types and caching, nothing outside the list. */
class BoardHandlerTest {

  private static HttpEndpoint endpoint;
  private static BoardHandler board;
  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    endpoint = HttpEndpoint.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    board = new BoardHandler();
    board.register(endpoint);
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the request line as typed: java.net.URI would normalise or reject some of these paths. */
  private static String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", endpoint.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  @Test
  void shouldServeThePageAtRootAsHtmlThatLoadsChartJsFromTheWebJarPath() throws Exception {
    HttpResponse<String> r = send("GET", "/");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    assertTrue(r.body().contains("<script src=\"/webjars/chart.js/4.5.1/dist/chart.umd.js\" defer></script>"),
        "the page loads the WebJar's Chart.js");
    assertFalse(r.body().contains("@CHARTJS_PATH@"), "placeholder replaced");
    assertEquals(r.body(), send("GET", "/index.html").body());
  }

  @Test
  void shouldServeScriptAndStylesheetWithTheirContentTypes() throws Exception {
    HttpResponse<String> js = send("GET", "/board/board.js");
    assertEquals(200, js.statusCode());
    assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-cache", js.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(js.body().contains("window.__board"));
    HttpResponse<String> css = send("GET", "/board/board.css");
    assertEquals(200, css.statusCode());
    assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void shouldServeChartJsFromTheClasspathWithADayOfCaching() throws Exception {
    assertEquals("/webjars/chart.js/4.5.1/dist/chart.umd.js", board.chartJsPath());
    HttpResponse<String> r = send("GET", board.chartJsPath());
    assertEquals(200, r.statusCode());
    assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("public, max-age=86400", r.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(r.body().startsWith("/*!\n * Chart.js v4.5.1"), r.body().substring(0, 40));
  }

  @Test
  void shouldAnswerHeadWithHeadersAndNoBody() throws Exception {
    HttpResponse<String> r = send("HEAD", "/board/board.css");
    assertEquals(200, r.statusCode());
    assertEquals("text/css; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("", r.body());
  }

  @Test
  void shouldRefuseOtherMethods() throws Exception {
    HttpResponse<String> r = send("POST", "/");
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void shouldAnswer404ForPathsOutsideTheList() throws Exception {
    for (String path : new String[] {"/favicon.ico", "/board/", "/board/missing.js", "/board/index.html",
        "/webjars/chart.js/4.5.1/dist/chart.js", "/webjars/chart.js/4.5.1/package.json", "/api/nothing",
        "/board/board.js.map", "/index.htm"}) {
      HttpResponse<String> r = send("GET", path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow(), path);
    }
  }

  @Test
  void shouldNotEscapeTheListWithDotDotOrEncodedSegments() throws Exception {
    String[] attempts = {
        "/board/../board/board.js",
        "/board/..%2fboard.js",
        "/board/%2e%2e/dev/ainews/aggregate/AggregateApp.class",
        "/../../../../etc/passwd",
        "/board/..%5c..%5clogback.xml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/webjars/chart.js/4.5.1/dist/../package.json",
        "/board//board.js",
        "/board/board.js%00.css",
        "/dev/ainews/aggregate/board/BoardHandler.class",
        "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js",
    };
    for (String path : attempts) {
      assertEquals("HTTP/1.1 404 Not Found", raw(path), path);
    }
  }

  @Test
  void shouldResolveOnlyExactListedPaths() {
    assertEquals(BoardHandler.JS, board.resolve("/board/board.js").contentType());
    assertEquals(BoardHandler.HTML, board.resolve("/").contentType());
    assertNull(board.resolve("/BOARD/board.js"));
    assertNull(board.resolve(null));
  }
}
