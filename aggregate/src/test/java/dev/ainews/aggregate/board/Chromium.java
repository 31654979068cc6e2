package dev.ainews.aggregate.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.Json;
import dev.ainews.common.testing.KafkaTestSupport;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (a WebSocket from java.net.http): one page,
 * JavaScript evaluation, console messages and screenshots. Chromium is a required test tool (CI installs
 * Debian's {@code chromium}); when it is missing, {@link #start} fails and says how to install it.
 */
final class Chromium implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
  private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome",
      "google-chrome-stable");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final String session;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  private Chromium(Process process, Path profile, WebSocket socket, Listener listener, int width, int height)
      throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
    listener.owner = this;
    ObjectNode target = Json.MAPPER.createObjectNode().put("url", "about:blank");
    String targetId = call(null, "Target.createTarget", target).get("targetId").asText();
    session = call(null, "Target.attachToTarget", Json.MAPPER.createObjectNode().put("targetId", targetId)
        .put("flatten", true)).get("sessionId").asText();
    send("Runtime.enable", null);
    send("Log.enable", null);
    send("Page.enable", null);
    send("Emulation.setDeviceMetricsOverride", Json.MAPPER.createObjectNode().put("width", width)
        .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
  }

  /** Starts Chromium headless with a fresh profile and opens one blank page of the given size. */
  static Chromium start(Path profile, int width, int height) throws Exception {
    String binary = binary();
    List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank"));
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Chromium writes the port it picked, then the browser's WebSocket path, to this file.
    Path active = profile.resolve("DevToolsActivePort");
    try {
      KafkaTestSupport.waitUntil(() -> readable(active) || !p.isAlive(), Duration.ofSeconds(30),
          "Chromium to open its DevTools port (" + active + ")");
      if (!p.isAlive()) {
        throw new AssertionError("Chromium exited with " + p.exitValue() + ": " + Files.readString(log));
      }
      List<String> lines = Files.readAllLines(active);
      URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
      Listener listener = new Listener();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(ws, listener).get(10, TimeUnit.SECONDS);
      return new Chromium(p, profile, socket, listener, width, height);
    } catch (Exception | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static boolean readable(Path active) {
    try {
      return Files.isRegularFile(active) && Files.readAllLines(active).size() >= 2;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The Chromium executable: $CHROMIUM, else the first of {@link #BINARIES} on the PATH. Fails, saying how to
   * install it, when there is none: the board test is required, never skipped.
   */
  static String binary() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      if (!new File(configured).canExecute()) {
        throw new AssertionError("CHROMIUM=" + configured + " is not an executable file; BoardIT needs a headless"
            + " Chromium (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium)");
      }
      return configured;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : BINARIES) {
      for (String dir : path.split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.isFile() && f.canExecute()) {
          return f.getPath();
        }
      }
    }
    throw new AssertionError("BoardIT needs a headless Chromium and found none of " + BINARIES + " on the PATH;"
        + " install it (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium) or set CHROMIUM to"
        + " its path");
  }

  /** Navigates the page to the URL (returns once the navigation is committed, not when the page is ready). */
  void open(String url) throws Exception {
    send("Page.navigate", Json.MAPPER.createObjectNode().put("url", url));
  }

  /** The value of a JavaScript expression (awaited if a promise), as JSON; a thrown exception fails. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Json.MAPPER.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("page threw on " + expression + ": " + r.get("exceptionDetails"));
    }
    JsonNode value = r.get("result").get("value");
    return value == null ? Json.MAPPER.nullNode() : value;
  }

  /** Waits until a JavaScript expression is true in the page. */
  void waitFor(String expression, Duration timeout) {
    KafkaTestSupport.waitUntil(() -> {
      try {
        return eval(expression).asBoolean(false);
      } catch (Exception e) {
        throw new AssertionError("evaluating " + expression + ": " + e, e);
      }
    }, timeout, "the page to satisfy " + expression + " (console problems so far: " + problems + ")");
  }

  /** Console errors and warnings, uncaught exceptions and browser log errors (failed loads, CSP) so far. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  void screenshot(Path png) throws Exception {
    JsonNode r = send("Page.captureScreenshot", Json.MAPPER.createObjectNode().put("format", "png")
        .put("captureBeyondViewport", true));
    Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params == null ? Json.MAPPER.createObjectNode() : params);
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(Json.MAPPER.writeValueAsString(msg), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r;
    try {
      r = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Chromium did not answer " + method + " within " + COMMAND_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new AssertionError("DevTools connection failed during " + method + ": " + e.getCause(), e.getCause());
    } finally {
      pending.remove(id);
    }
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  private void onMessage(JsonNode m) {
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    String method = m.path("method").asText();
    JsonNode p = m.path("params");
    switch (method) {
      case "Runtime.consoleAPICalled" -> {
        String type = p.path("type").asText();
        if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
          problems.add("console." + type + ": " + p.path("args"));
        }
      }
      case "Runtime.exceptionThrown" -> problems.add("uncaught: " + p.path("exceptionDetails"));
      case "Log.entryAdded" -> {
        String level = p.path("entry").path("level").asText();
        if (level.equals("error") || level.equals("warning")) {
          problems.add("log." + level + ": " + p.path("entry").path("text").asText() + " "
              + p.path("entry").path("url").asText());
        }
      }
      default -> {
        // Other events (page lifecycle, execution contexts) say nothing about the board's health.
      }
    }
  }

  private void failAll(Throwable t) {
    pending.values().forEach(f -> f.completeExceptionally(t));
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing anyway: the process goes next.
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Joins frames into messages and hands them to the owner. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    volatile Chromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        Chromium c = owner;
        if (c != null) {
          try {
            c.onMessage(Json.MAPPER.readTree(text));
          } catch (IOException e) {
            c.problems.add("unreadable DevTools message: " + e.getMessage());
          }
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      Chromium c = owner;
      if (c != null) {
        c.failAll(error);
      }
    }
  }
}
