package dev.ainews.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ainews.ingest.normalize.ItemIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParseReportTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void shouldWriteOneOkLineWithNormalizedItems() {
    String rss = "<rss version=\"2.0\"><channel><title>T &amp; Co</title><link>https://t.example/</link>"
        + "<item><title>Hello &lt;b&gt;world&lt;/b&gt;</title><link>https://t.example/a?utm_source=x</link>"
        + "<description>&lt;p&gt;Sum&lt;/p&gt;</description><pubDate>Mon, 27 Jan 2025 10:00:00 GMT</pubDate></item>"
        + "<item><title>No date</title><guid>https://t.example/b</guid></item>"
        + "</channel></rss>";

    String line = ParseReport.line("feed.xml", rss.getBytes(StandardCharsets.UTF_8), null, NOW);

    assertEquals("{\"source\":\"feed.xml\",\"ok\":true,\"format\":\"rss_2.0\",\"title\":\"T & Co\","
        + "\"link\":\"https://t.example/\",\"items\":["
        + "{\"id\":\"" + ItemIds.sha256Hex("https://t.example/a") + "\",\"title\":\"Hello world\","
        + "\"link\":\"https://t.example/a\",\"publishedAt\":\"2025-01-27T10:00:00Z\",\"summary\":\"Sum\"},"
        + "{\"id\":\"" + ItemIds.sha256Hex("https://t.example/b") + "\",\"title\":\"No date\","
        + "\"link\":\"https://t.example/b\",\"publishedAt\":\"2025-06-01T12:00:00Z\"}]}", line);
  }

  @Test
  void shouldWriteOneErrorLineForAnHtmlPage() {
    String line = ParseReport.line("https://site.example/", "<html><body>hi</body></html>"
        .getBytes(StandardCharsets.UTF_8), "text/html", NOW);

    assertEquals("{\"source\":\"https://site.example/\",\"ok\":false,\"error\":\"not a feed: got an HTML page\"}",
        line);
  }

  @Test
  void shouldWriteOneErrorLineForEmptyInput() {
    assertEquals("{\"source\":\"empty.xml\",\"ok\":false,\"error\":\"empty body: nothing to parse\"}",
        ParseReport.line("empty.xml", new byte[0], null, NOW));
  }
}
