package dev.ainews.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.common.Json;
import dev.ainews.common.kafka.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ainews} command as a user runs it: the shaded jar in a child JVM. */
class CliIT {

  private static final Path JAR = Path.of("target", "ainews.jar");

  @TempDir
  Path dir;

  record Result(int exit, String out, String err, Duration took) {}

  private Result ainews(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ainews " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void shouldPrintUsageAndExit2OnArgumentErrors() throws Exception {
    Result none = ainews(Map.of(), null);
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("Usage: ainews"), none.err());

    Result unknown = ainews(Map.of(), null, "frobnicate");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());

    Result parseNothing = ainews(Map.of(), null, "parse");
    assertEquals(2, parseNothing.exit());
    assertTrue(parseNothing.err().contains("Missing required parameter"), parseNothing.err());

    Result badUrl = ainews(Map.of(), null, "feeds", "add", "ftp://example.com/feed");
    assertEquals(2, badUrl.exit());
    assertTrue(badUrl.err().contains("url must be absolute http(s)"), badUrl.err());
  }

  @Test
  void shouldExit2NamingTheVariableWhenConfigIsInvalid() throws Exception {
    Result r = ainews(Map.of("AINEWS_INGEST_WORKERS", "many", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), null,
        "ingest");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("AINEWS_INGEST_WORKERS='many' is invalid"), r.err());
  }

  @Test
  void shouldFailWithinSecondsWhenNoBrokerIsThere() throws Exception {
    int port = closedPort();
    Result r = ainews(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port), null, "feeds", "list");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("no Kafka broker at 127.0.0.1:" + port), r.err());
    assertTrue(r.took().compareTo(Duration.ofSeconds(30)) < 0, "took " + r.took());
  }

  @Test
  void shouldParseFilesToJsonLinesAndExit1WhenOneFails() throws Exception {
    Files.writeString(dir.resolve("good.xml"), """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Lab</title><link>https://lab.example.com/</link>
        <item><title>Qwen 3 &amp; friends</title><link>https://lab.example.com/q?utm_source=x</link>
        <guid>https://lab.example.com/q</guid><description>&lt;b&gt;Open&lt;/b&gt; weights</description>
        <pubDate>Tue, 29 Apr 2025 10:00:00 GMT</pubDate></item></channel></rss>""");
    Files.writeString(dir.resolve("page.html"), "<html><head><link rel=\"alternate\" type=\"application/rss+xml\""
        + " href=\"/feed.xml\"></head><body>hi</body></html>");
    Result r = ainews(Map.of(), null, "parse", "good.xml", "page.html", "missing.xml");
    assertEquals(1, r.exit());
    String[] lines = r.out().strip().split("\n");
    assertEquals(3, lines.length, r.out());
    JsonNode good = Json.MAPPER.readTree(lines[0]);
    assertEquals("good.xml", good.get("source").asText());
    assertTrue(good.get("ok").asBoolean());
    assertEquals("rss_2.0", good.get("format").asText());
    JsonNode item = good.get("items").get(0);
    assertEquals("Qwen 3 & friends", item.get("title").asText());
    assertEquals("https://lab.example.com/q", item.get("link").asText());
    assertEquals("2025-04-29T10:00:00Z", item.get("publishedAt").asText());
    assertEquals("Open weights", item.get("summary").asText());
    JsonNode page = Json.MAPPER.readTree(lines[1]);
    assertEquals(false, page.get("ok").asBoolean());
    assertTrue(page.get("error").asText().startsWith("not a feed: got an HTML page"), page.toString());
    JsonNode missing = Json.MAPPER.readTree(lines[2]);
    assertEquals(false, missing.get("ok").asBoolean());
    assertTrue(missing.get("error").asText().contains("cannot read file"), missing.toString());
  }

  @Test
  void shouldTagJsonLinesAndReportBadLinesByNumber() throws Exception {
    String in = "{\"id\":\"1\",\"title\":\"Mistral AI raises funds in Paris\"}\n"
        + "{\"title\":\"The mistral wind batters Provence\"}\n"
        + "{oops\n";
    Result r = ainews(Map.of(), in, "tag");
    assertEquals(1, r.exit());
    String[] lines = r.out().strip().split("\n");
    assertEquals(2, lines.length, r.out());
    JsonNode first = Json.MAPPER.readTree(lines[0]);
    assertEquals("1", first.get("id").asText());
    assertEquals("[\"mistral\"]", first.get("companies").toString());
    assertTrue(first.get("countries").toString().contains("FR"));
    assertEquals("[]", Json.MAPPER.readTree(lines[1]).get("companies").toString());
    assertTrue(r.err().contains("stdin line 3: not JSON"), r.err());
  }

  @Test
  void shouldManageTheFeedListOnARealBroker() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      Result add = ainews(env, null, "feeds", "add", "https://lab.example.com/feed.xml", "--name", "Lab", "--language",
          "en");
      assertEquals(0, add.exit(), add.err());
      assertEquals("added lab.example.com-feed.xml https://lab.example.com/feed.xml", add.out().strip());

      Files.writeString(dir.resolve("list.opml"), """
          <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
          <outline text="A" xmlUrl="https://a.example.com/rss"/><outline text="B" xmlUrl="https://b.example.com/atom"/>
          </body></opml>""");
      Result imp = ainews(env, null, "feeds", "import", "list.opml");
      assertEquals(0, imp.exit(), imp.err());
      assertEquals("imported 2 feeds from list.opml", imp.out().strip());

      Result remove = ainews(env, null, "feeds", "remove", "a.example.com-rss");
      assertEquals(0, remove.exit(), remove.err());
      Result missing = ainews(env, null, "feeds", "remove", "nope");
      assertEquals(1, missing.exit());
      assertTrue(missing.err().contains("no feed with id 'nope'"), missing.err());

      Result list = ainews(env, null, "feeds", "list", "--json");
      assertEquals(0, list.exit(), list.err());
      List<String> ids = new ArrayList<>();
      for (String line : list.out().strip().split("\n")) {
        ids.add(Json.MAPPER.readTree(line).get("id").asText());
      }
      assertEquals(List.of("b.example.com-atom", "lab.example.com-feed.xml"), ids);
    }
  }
}
