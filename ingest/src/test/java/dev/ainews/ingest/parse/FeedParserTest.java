package dev.ainews.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {

  private final FeedParser parser = new FeedParser();

  // ------------------------------------------------------------------ formats

  @Test
  void shouldParseRss20WithCdataEntitiesAndRelativeLinks() throws Exception {
    ParsedFeed feed = parser.parse(fixture("rss20.xml"), "application/rss+xml", "https://news.example.com/feed");

    assertEquals("rss_2.0", feed.format());
    assertEquals("Example AI News", feed.title());
    assertEquals("https://news.example.com/", feed.link());
    assertEquals("en-US", feed.language());
    assertEquals(30, feed.ttlMinutes());
    assertEquals(2, feed.entries().size());
    ParsedEntry first = feed.entries().get(0);
    assertEquals("news.example.com-post-1001", first.guid());
    assertFalse(first.guidIsPermaLink());
    assertEquals("https://news.example.com/2025/01/deepseek-r2?utm_source=rss&id=7#comments", first.link());
    // Rome's XML healer rewrites entity references to numeric ones, the same HTML either way
    assertEquals("DeepSeek releases <b>R2</b> &#38; more", first.title());
    assertEquals("<p>The model is <em>open</em> &amp; cheap.</p>", first.summaryHtml());
    assertEquals("<p>First paragraph.</p><script>alert(1)</script><p>Second&#160;paragraph &#233;t&#233;.</p>",
        first.contentHtml());
    assertEquals("Jane Doe", first.author());
    assertEquals(Instant.parse("2025-01-27T10:00:00Z"), first.published());
    assertEquals(Instant.parse("2025-01-28T07:30:00Z"), feed.entries().get(1).published());
    assertNull(feed.entries().get(1).guid());
  }

  @Test
  void shouldParseRss091BehindNetscapeDoctypeAndHealHtmlEntities() throws Exception {
    ParsedFeed feed = parser.parse(fixture("rss091.xml"), null, null);

    // The Netscape DOCTYPE is removed before Rome sees the document, so Rome reports the Userland flavour.
    assertEquals("rss_0.91U", feed.format());
    assertEquals("en-gb", feed.language());
    assertEquals("Café opens", feed.entries().get(0).title());
    // The healer keeps the entity as HTML text here, which still means a no-break space to the HTML cleaner
    assertEquals("Coffee&nbsp;for all.", feed.entries().get(0).summaryHtml());
  }

  @Test
  void shouldParseRss10RdfWithAboutAsGuid() throws Exception {
    ParsedFeed feed = parser.parse(fixture("rss10.rdf"), null, null);

    assertEquals("rss_1.0", feed.format());
    assertEquals("ja", feed.language());
    ParsedEntry e = feed.entries().get(0);
    assertEquals("http://rdf.example.org/a/1", e.guid());
    assertEquals("新しいモデルが公開された", e.title());
    assertEquals(Instant.parse("2025-02-01T00:00:00Z"), e.published());
  }

  @Test
  void shouldParseAtom03() throws Exception {
    ParsedFeed feed = parser.parse(fixture("atom03.xml"), "application/atom+xml", null);

    assertEquals("atom_0.3", feed.format());
    assertEquals("http://atom03.example.net/", feed.link());
    ParsedEntry e = feed.entries().get(0);
    assertEquals("tag:atom03.example.net,2025:1", e.guid());
    assertEquals("http://atom03.example.net/legacy", e.link());
    assertEquals("Summary of the legacy entry", e.summaryHtml());
    assertEquals(Instant.parse("2025-03-01T10:00:00Z"), e.published());
    assertEquals(Instant.parse("2025-03-01T11:00:00Z"), e.updated());
  }

  @Test
  void shouldParseAtom10ResolvingXmlBaseAndEscapingTextConstructs() throws Exception {
    ParsedFeed feed = parser.parse(fixture("atom10.xml"), "application/atom+xml", null);

    assertEquals("atom_1.0", feed.format());
    assertEquals("Atom One", feed.title());
    ParsedEntry e = feed.entries().get(0);
    assertEquals("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", e.guid());
    assertEquals("https://blog.example.org/posts/qwen-3", e.link());
    assertEquals("Qwen 3 &lt;beta&gt; ships", e.title());
    assertEquals("Tags like &lt;b&gt; stay text.", e.summaryHtml());
    assertEquals("Li Wei, Ann Smith", e.author());
    assertEquals(Instant.parse("2025-04-01T08:00:00Z"), e.published());
    assertEquals(Instant.parse("2025-04-01T09:00:00Z"), e.updated());
    assertTrue(e.contentHtml().contains("<p>Line <b>two</b></p>"), e.contentHtml());
  }

  @Test
  void shouldParseJsonFeed11() throws Exception {
    ParsedFeed feed = parser.parse(fixture("jsonfeed11.json"), "application/feed+json", null);

    assertEquals("json_1.1", feed.format());
    assertEquals("JSON Example", feed.title());
    assertEquals("https://json.example.com/", feed.link());
    assertEquals("fr-FR", feed.language());
    ParsedEntry first = feed.entries().get(0);
    assertEquals("https://json.example.com/p/1", first.guid());
    assertEquals("https://json.example.com/p/1", first.link());
    assertEquals("Mistral lève des fonds", first.title());
    assertEquals("Résumé", first.summaryHtml());
    assertEquals("<p>Le <strong>modèle</strong> arrive.</p>", first.contentHtml());
    assertEquals("Marie", first.author());
    assertEquals(Instant.parse("2025-05-01T08:00:00Z"), first.published());
    ParsedEntry second = feed.entries().get(1);
    assertNull(second.title());
    assertEquals("Only text here, no title at all in this item", second.contentHtml());
    assertEquals(Instant.parse("2025-05-02T00:00:00Z"), second.updated());
  }

  @Test
  void shouldDetectJsonFeedByLeadingBraceWithoutContentType() throws Exception {
    byte[] body = "  {\"version\":\"https://jsonfeed.org/version/1\",\"title\":\"T\",\"items\":[]}"
        .getBytes(StandardCharsets.UTF_8);

    assertEquals("json_1.0", parser.parse(body, null, null).format());
  }

  @Test
  void shouldRefuseJsonThatIsNotAJsonFeed() {
    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), "application/json", null));

    assertEquals("not a feed: JSON without a JSON Feed \"version\" (got '')", e.getMessage());
  }

  // ------------------------------------------------------------------ encodings

  @Test
  void shouldDecodeGb2312DeclaredInXml() throws Exception {
    byte[] body = rss("GB2312", "深度求索发布新模型").getBytes(Charset.forName("GB2312"));

    assertEquals("深度求索发布新模型", firstTitle(body, "text/xml"));
  }

  @Test
  void shouldDecodeBig5DeclaredInXml() throws Exception {
    byte[] body = rss("Big5", "台灣人工智慧新聞").getBytes(Charset.forName("Big5"));

    assertEquals("台灣人工智慧新聞", firstTitle(body, null));
  }

  @Test
  void shouldDecodeIso88591DeclaredInXml() throws Exception {
    byte[] body = rss("ISO-8859-1", "Société Générale à Zürich").getBytes(StandardCharsets.ISO_8859_1);

    assertEquals("Société Générale à Zürich", firstTitle(body, null));
  }

  @Test
  void shouldDecodeWindows1251GivenOnlyByHttpCharset() throws Exception {
    byte[] body = rss(null, "Новости искусственного интеллекта").getBytes(Charset.forName("windows-1251"));

    assertEquals("Новости искусственного интеллекта", firstTitle(body, "application/rss+xml; charset=windows-1251"));
  }

  @Test
  void shouldDecodeUtf16WithBom() throws Exception {
    byte[] body = rss("UTF-16", "Ünïcödé title").getBytes(StandardCharsets.UTF_16); // Java writes a BE BOM

    assertEquals("Ünïcödé title", firstTitle(body, null));
  }

  @Test
  void shouldReplaceInvalidUtf8BytesInsteadOfFailing() throws Exception {
    byte[] head = rss("UTF-8", "Broken XXX bytes").getBytes(StandardCharsets.UTF_8);
    String s = new String(head, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("XXX");
    head[at] = (byte) 0xC3; // a lead byte followed by 'X' is malformed
    head[at + 1] = (byte) 0xFF;
    head[at + 2] = 'x';

    assertEquals("Broken \uFFFD\uFFFDx bytes", firstTitle(head, null));
  }

  @Test
  void shouldReadUndeclaredLatin1AsWindows1252() throws Exception {
    byte[] body = ("<rss version=\"2.0\"><channel><title>c</title><item><title>Notícias do Brasil – São Paulo</title>"
        + "</item></channel></rss>").getBytes(Charset.forName("windows-1252"));

    assertEquals("Notícias do Brasil – São Paulo", firstTitle(body, null));
  }

  // ------------------------------------------------------------------ not feeds

  @Test
  void shouldRefuseEmptyBody() {
    FeedParseException e = assertThrows(FeedParseException.class, () -> parser.parse(new byte[0], null, null));

    assertEquals("empty body: nothing to parse", e.getMessage());
  }

  @Test
  void shouldRefuseHtmlPage() {
    byte[] html = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
        .getBytes(StandardCharsets.UTF_8);

    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse(html, "text/html", "https://site.example/"));

    assertEquals("not a feed: got an HTML page", e.getMessage());
  }

  @Test
  void shouldNameTheFeedsAnHtmlPageLinksTo() {
    byte[] html = ("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
        + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://cdn.example/atom\">"
        + "<link rel=\"stylesheet\" href=\"/s.css\"></head><body></body></html>").getBytes(StandardCharsets.UTF_8);

    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse(html, "text/html; charset=utf-8", "https://site.example/blog/"));

    assertEquals("not a feed: got an HTML page; it links to feed(s): https://site.example/feed.xml "
        + "https://cdn.example/atom", e.getMessage());
  }

  @Test
  void shouldRefuseXmlThatIsNotAFeed() {
    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse("<config><a/></config>".getBytes(StandardCharsets.UTF_8), null, null));

    assertEquals("not a feed: unrecognised root element <config>", e.getMessage());
  }

  @Test
  void shouldWrapMalformedXmlInOneLineMessage() {
    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse("<rss><channel><title>x</chan".getBytes(StandardCharsets.UTF_8), null, null));

    assertTrue(e.getMessage().startsWith("not well-formed XML: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void shouldRefuseGarbageBytesWithDeclaredException() {
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);

    assertThrows(FeedParseException.class, () -> parser.parse(garbage, "application/octet-stream", null));
  }

  // ------------------------------------------------------------------ hostile input

  @Test
  void shouldNotLeakLocalFileThroughExternalEntity(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>";

    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8), null, null));

    assertEquals("refused: the document declares a DOCTYPE with an internal subset (DTD entities enable XXE file "
        + "reads and entity-expansion attacks)", e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET"));
  }

  @Test
  void shouldNeverFetchTheExternalDtdNamedBySystemId(@TempDir Path dir) throws Exception {
    Path dtd = dir.resolve("evil.dtd");
    Files.writeString(dtd, "<!ENTITY leak \"LEAKED-FROM-DTD\">");
    String doc = "<!DOCTYPE rss SYSTEM \"" + dtd.toUri() + "\">\n"
        + "<rss version=\"2.0\"><channel><title>t</title><item><title>a &leak; b</title></item></channel></rss>";

    FeedParseException e = assertThrows(FeedParseException.class,
        () -> parser.parse(doc.getBytes(StandardCharsets.UTF_8), null, null));

    // The DTD was never read: the entity it declares stays undeclared.
    assertEquals("not well-formed XML: Error on line 1: The entity \"leak\" was referenced, but not declared.",
        e.getMessage());
  }

  @Test
  void shouldFailFastOnBillionLaughs() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      doc.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        doc.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      doc.append("\">\n");
    }
    doc.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");

    FeedParseException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
        FeedParseException.class, () -> parser.parse(doc.toString().getBytes(StandardCharsets.UTF_8), null, null)));

    assertTrue(e.getMessage().startsWith("refused: the document declares a DOCTYPE"), e.getMessage());
  }

  @Test
  void shouldParseTwentyMegabyteFeedInReasonableTime() {
    StringBuilder sb = new StringBuilder(21 << 20).append("<rss version=\"2.0\"><channel><title>Big</title>");
    String para = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(30) + "</p>";
    int n = 0;
    while (sb.length() < 20 << 20) {
      sb.append("<item><title>Item ").append(n).append("</title><link>https://big.example/").append(n)
          .append("</link><description><![CDATA[").append(para).append("]]></description></item>");
      n++;
    }
    sb.append("</channel></rss>");
    byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
    int expected = n;

    ParsedFeed feed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> parser.parse(body, null, null));

    assertEquals(expected, feed.entries().size());
    assertEquals("Item " + (expected - 1), feed.entries().get(expected - 1).title());
  }

  // ------------------------------------------------------------------ helpers

  private String firstTitle(byte[] body, String contentType) throws FeedParseException {
    List<ParsedEntry> entries = parser.parse(body, contentType, null).entries();
    return entries.get(0).title();
  }

  private static String rss(String encoding, String itemTitle) {
    String decl = encoding == null ? "" : "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n";
    return decl + "<rss version=\"2.0\"><channel><title>Feed</title><link>http://e.example/</link>"
        + "<item><title>" + itemTitle + "</title><link>http://e.example/1</link></item></channel></rss>";
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }
}
