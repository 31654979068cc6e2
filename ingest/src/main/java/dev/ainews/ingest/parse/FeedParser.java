package dev.ainews.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.ainews.common.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Parses a fetched body into a {@link ParsedFeed}: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through Rome, JSON Feed
 * 1.0/1.1 through Jackson. Works from bytes plus the HTTP Content-Type, never from a URL.
 *
 * <p>Safety: DOCTYPE declarations with an internal subset (the carrier of XXE file reads and billion-laughs
 * entity expansion) are refused before Rome sees the document, and Rome itself keeps {@code allowDoctypes=false}.
 * A bare external DOCTYPE such as Netscape's RSS 0.91 one is removed instead of refused: we would never fetch it,
 * and refusing it would reject a whole generation of legitimate RSS 0.91 feeds.
 *
 * <p>Thread-safe: Rome's input objects are kept per thread so a batch of thousands of files builds them once.
 */
public final class FeedParser {

  /** Decoded documents larger than this are refused; the fetcher caps bytes well below it. */
  static final int MAX_CHARS = 64 * 1024 * 1024;

  private static final Pattern XML_DECL_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)");
  private static final Pattern HTML_TAG = Pattern.compile("(?i)<(html|head|body)[\\s>]");

  private final ThreadLocal<SyndFeedInput> romeInput = ThreadLocal.withInitial(() -> {
    // validate=false; Locale.US because RFC 822 day and month names are English whatever the JVM's locale is.
    SyndFeedInput input = new SyndFeedInput(false, Locale.US);
    input.setXmlHealerOn(true); // turns &nbsp;-style HTML entities into character references
    input.setAllowDoctypes(false);
    input.setPreserveWireFeed(true); // needed to read the raw RSS guid and ttl
    return input;
  });

  /**
   * Parses one fetched body.
   *
   * @param body        the raw bytes as received (decompressed)
   * @param contentType the HTTP Content-Type header, may be null
   * @param sourceUrl   where the body came from, used to resolve relative links; may be null
   * @throws FeedParseException with a one-line reason when the body is not a readable feed
   */
  public ParsedFeed parse(byte[] body, String contentType, String sourceUrl) throws FeedParseException {
    try {
      return parseUnchecked(body, contentType, sourceUrl);
    } catch (FeedParseException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new FeedParseException("document nested too deeply to parse", e);
    } catch (RuntimeException e) {
      // Rome and its SAX parser throw a zoo of unchecked exceptions on hostile input; the caller must only
      // ever see the declared outcome.
      throw new FeedParseException("could not parse feed: " + describe(e), e);
    }
  }

  private ParsedFeed parseUnchecked(byte[] body, String contentType, String sourceUrl)
      throws FeedParseException {
    if (body == null || body.length == 0) {
      throw new FeedParseException("empty body: nothing to parse");
    }
    if (looksLikeJson(body, contentType)) {
      return parseJsonFeed(decodeJson(body), sourceUrl);
    }
    String text = decodeXml(body, contentType);
    if (text.length() > MAX_CHARS) {
      throw new FeedParseException("document too large: " + text.length() + " chars");
    }
    text = stripLeadingJunk(text);
    if (text.isEmpty()) {
      throw new FeedParseException("empty body: only whitespace");
    }
    if (text.charAt(0) == '{' || text.charAt(0) == '[') {
      return parseJsonFeed(text, sourceUrl);
    }
    Prolog prolog = Prolog.scan(text);
    // The root element decides: an RSS document behind an XHTML DOCTYPE is still RSS.
    if (prolog.rootName() != null && prolog.rootName().equalsIgnoreCase("html")
        || prolog.rootName() == null && (prolog.doctypeIsHtml() || HTML_TAG.matcher(head(text)).find())) {
      throw notAFeedButHtml(text, sourceUrl);
    }
    if (prolog.doctypeStart() >= 0) {
      if (prolog.doctypeHasInternalSubset()) {
        throw new FeedParseException("refused: the document declares a DOCTYPE with an internal subset "
            + "(DTD entities enable XXE file reads and entity-expansion attacks)");
      }
      text = text.substring(0, prolog.doctypeStart()) + text.substring(prolog.doctypeEnd());
    }
    SyndFeed feed;
    try (Reader reader = new StringReader(text)) {
      feed = romeInput.get().build(reader);
    } catch (FeedException e) {
      throw new FeedParseException(romeMessage(e, prolog), e);
    } catch (IllegalArgumentException e) {
      throw new FeedParseException(romeMessage(e, prolog), e);
    } catch (IOException e) {
      throw new FeedParseException("could not read document: " + describe(e), e);
    }
    return fromRome(feed, sourceUrl);
  }

  // ---------------------------------------------------------------- encodings

  /**
   * Decodes an XML body the way RFC 3023 and Rome's XmlReader do (BOM, then HTTP charset, then the XML
   * declaration), leniently: when nothing declares an encoding and the bytes are not UTF-8 they are read as
   * windows-1252 (the usual truth behind undeclared Latin-1), and invalid bytes in a declared encoding become
   * U+FFFD instead of failing the whole feed.
   */
  static String decodeXml(byte[] body, String contentType) {
    String httpCharset = charsetOf(contentType);
    boolean hasBom = hasBom(body);
    String declared = declaredXmlEncoding(body);
    String encoding;
    try {
      // lenient=true: a text/xml header without charset does not force US-ASCII over the XML declaration.
      XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true, null);
      encoding = reader.getEncoding();
      reader.close();
    } catch (IOException | RuntimeException e) {
      encoding = null; // bogus or unsupported declared encoding: fall through to the lenient guess
    }
    Charset charset = charsetOrNull(encoding);
    if (charset == null) {
      charset = charsetOrNull(httpCharset);
    }
    if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
      boolean validUtf8 = isValidUtf8(body);
      boolean explicitlyUtf8 = hasBom
          || isUtf8Name(httpCharset) && charsetOrNull(httpCharset) != null
          || isUtf8Name(declared);
      if (!validUtf8 && !explicitlyUtf8) {
        charset = Charset.forName("windows-1252");
      } else if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
        charset = validUtf8 || explicitlyUtf8 ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
      }
    } else if (charset.name().equals("ISO-8859-1")) {
      // Browsers and every feed reader treat ISO-8859-1 as windows-1252: curly quotes in 0x80-0x9F are the norm.
      charset = Charset.forName("windows-1252");
    } else if (charset.name().equals("GB2312")) {
      charset = Charset.forName("GB18030"); // superset; GB2312 labels routinely carry GBK characters
    }
    return decode(body, charset);
  }

  private static String decode(byte[] body, Charset charset) {
    int offset = 0;
    if (charset.equals(StandardCharsets.UTF_8) && body.length >= 3
        && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      offset = 3;
    }
    String s = new String(body, offset, body.length - offset, charset); // replaces malformed input
    return s.isEmpty() || s.charAt(0) != '\uFEFF' ? s : s.substring(1);
  }

  private static String decodeJson(byte[] body) {
    // RFC 8259: JSON on the wire is UTF-8. Invalid bytes become U+FFFD rather than losing the feed.
    return decode(body, StandardCharsets.UTF_8);
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)
        || b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  private static String declaredXmlEncoding(byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1);
    if (start.startsWith("\u00EF\u00BB\u00BF")) {
      start = start.substring(3);
    }
    Matcher m = XML_DECL_ENCODING.matcher(start);
    return m.find() ? m.group(1) : null;
  }

  static String charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  private static boolean isUtf8Name(String name) {
    return name != null && name.replace("-", "").replace("_", "").equalsIgnoreCase("utf8");
  }

  private static Charset charsetOrNull(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Charset.forName(name.trim());
    } catch (RuntimeException e) {
      return null;
    }
  }

  static boolean isValidUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean looksLikeJson(byte[] body, String contentType) {
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (ct.contains("application/feed+json") || ct.contains("application/json")) {
      return true;
    }
    for (int i = 0; i < body.length && i < 1024; i++) {
      int c = body[i] & 0xFF;
      if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{';
    }
    return false;
  }

  /** Drops a BOM and whitespace before the first markup, which XML forbids but many servers emit. */
  private static String stripLeadingJunk(String text) {
    int i = 0;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF'
        || text.charAt(i) == '\u0000')) {
      i++;
    }
    return i == 0 ? text : text.substring(i);
  }

  private static String head(String text) {
    return text.length() <= 4096 ? text : text.substring(0, 4096);
  }

  // ---------------------------------------------------------------- HTML instead of a feed

  private static FeedParseException notAFeedButHtml(String text, String sourceUrl) {
    Set<String> feeds = new LinkedHashSet<>();
    try {
      Document doc = Jsoup.parse(text, sourceUrl == null ? "" : sourceUrl);
      for (Element link : doc.select("link[href]")) {
        String rel = link.attr("rel").toLowerCase(Locale.ROOT);
        String type = link.attr("type").toLowerCase(Locale.ROOT).trim();
        if (rel.contains("alternate") && (type.equals("application/rss+xml") || type.equals("application/atom+xml")
            || type.equals("application/feed+json"))) {
          String href = link.absUrl("href");
          feeds.add(href.isEmpty() ? link.attr("href") : href);
        }
      }
    } catch (RuntimeException e) {
      // A page too broken for jsoup still is not a feed; the plain message is enough.
    }
    if (feeds.isEmpty()) {
      return new FeedParseException("not a feed: got an HTML page");
    }
    return new FeedParseException("not a feed: got an HTML page; it links to feed(s): " + String.join(" ", feeds));
  }

  // ---------------------------------------------------------------- Rome

  private static String romeMessage(Exception e, Prolog prolog) {
    String msg = describe(e);
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.contains("doctype")) {
      return "refused: DOCTYPE declarations are not allowed (XXE / entity-expansion protection)";
    }
    if (lower.contains("invalid document") || lower.contains("no parser")) {
      return prolog.rootName() == null
          ? "not a feed: no XML root element found"
          : "not a feed: unrecognised root element <" + prolog.rootName() + ">";
    }
    return "not well-formed XML: " + msg;
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    String msg = t.getMessage();
    while ((msg == null || msg.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      msg = t.getMessage();
    }
    msg = msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    return msg.replaceFirst("^Invalid XML: ", "");
  }

  private static ParsedFeed fromRome(SyndFeed feed, String sourceUrl) {
    String feedLink = absolute(firstNonBlank(feed.getLink(), alternateLink(feed.getLinks())), sourceUrl);
    String base = feedLink != null ? feedLink : sourceUrl;
    Integer ttl = null;
    if (feed.originalWireFeed() instanceof Channel channel && channel.getTtl() > 0) {
      ttl = channel.getTtl();
    }
    List<ParsedEntry> entries = new ArrayList<>(feed.getEntries().size());
    for (SyndEntry e : feed.getEntries()) {
      entries.add(fromRome(e, base, feed.getFeedType()));
    }
    String title = blankToNull(feed.getTitle());
    if (title == null && feed.getModule(DCModule.URI) instanceof DCModule dc) {
      title = blankToNull(dc.getTitle());
    }
    return new ParsedFeed(feed.getFeedType(), title, feedLink,
        blankToNull(feed.getLanguage()), ttl, entries);
  }

  private static ParsedEntry fromRome(SyndEntry e, String base, String feedType) {
    // Only RDF-based RSS has rdf:about as its item id; for the others Rome fills the item's uri from the link.
    boolean rdf = "rss_1.0".equals(feedType) || "rss_0.9".equals(feedType);
    String guid = null;
    boolean permaLink = false;
    Object wire = e.getWireEntry();
    if (wire instanceof Item item) {
      Guid g = item.getGuid();
      if (g != null && g.getValue() != null && !g.getValue().isBlank()) {
        guid = g.getValue().trim();
        permaLink = g.isPermaLink();
      } else if (rdf && item.getUri() != null && !item.getUri().isBlank()) {
        guid = item.getUri().trim(); // RSS 1.0 rdf:about
      }
    } else if (wire instanceof com.rometools.rome.feed.atom.Entry entry) {
      guid = blankToNull(entry.getId());
    } else {
      guid = blankToNull(e.getUri());
    }
    if (guid != null) {
      guid = guid.trim();
    }
    String link = firstNonBlank(e.getLink(), alternateLink(e.getLinks()));
    if (link == null && permaLink && guid != null) {
      link = guid;
    }
    link = absolute(link, base);

    String content = null;
    for (SyndContent c : e.getContents()) {
      String v = html(c);
      if (v != null && !v.isBlank()) {
        content = v;
        break;
      }
    }
    String language = null;
    if (e.getModule(DCModule.URI) instanceof DCModule dc) {
      language = blankToNull(dc.getLanguage());
    }
    Date published = e.getPublishedDate();
    Date updated = e.getUpdatedDate();
    if (wire instanceof com.rometools.rome.feed.atom.Entry entry) {
      // Rome's Atom 0.3 converter reports <modified> as the publish date; <issued> is the real one.
      published = firstNonNull(entry.getPublished(), entry.getIssued(), published);
      updated = firstNonNull(entry.getUpdated(), entry.getModified(), updated);
    }
    return new ParsedEntry(guid, permaLink, link, titleHtml(e), html(e.getDescription()), content, authors(e),
        instant(published), instant(updated), language);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String titleHtml(SyndEntry e) {
    SyndContent t = e.getTitleEx();
    String title = t != null ? html(t) : blankToNull(e.getTitle());
    if ((title == null || title.isBlank()) && e.getModule(DCModule.URI) instanceof DCModule dc) {
      title = blankToNull(dc.getTitle()) == null ? title : Entities.escape(dc.getTitle()); // <dc:title> only
    }
    return title;
  }

  /** Content as HTML: plain-text content types are escaped so that HTML-to-text round-trips them exactly. */
  private static String html(SyndContent c) {
    if (c == null || c.getValue() == null) {
      return null;
    }
    String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
    if (type.equals("text") || type.equals("text/plain")) {
      return Entities.escape(c.getValue());
    }
    return c.getValue();
  }

  private static String authors(SyndEntry e) {
    List<String> names = new ArrayList<>();
    for (SyndPerson p : e.getAuthors()) {
      if (p.getName() != null && !p.getName().isBlank()) {
        names.add(p.getName().trim());
      }
    }
    return names.isEmpty() ? blankToNull(e.getAuthor()) : String.join(", ", names);
  }

  private static String alternateLink(List<SyndLink> links) {
    if (links == null) {
      return null;
    }
    for (SyndLink l : links) {
      if ((l.getRel() == null || l.getRel().equals("alternate")) && l.getHref() != null && !l.getHref().isBlank()) {
        return l.getHref();
      }
    }
    return null;
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  // ---------------------------------------------------------------- JSON Feed

  private static ParsedFeed parseJsonFeed(String text, String sourceUrl) throws FeedParseException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new FeedParseException("not valid JSON: " + describe(e).split("\n")[0], e);
    }
    if (root == null || !root.isObject()) {
      throw new FeedParseException("not a feed: JSON document is not an object");
    }
    String version = root.path("version").asText("");
    if (!version.startsWith("https://jsonfeed.org/version/") && !version.startsWith("http://jsonfeed.org/version/")) {
      throw new FeedParseException("not a feed: JSON without a JSON Feed \"version\" (got '"
          + FeedParseException.oneLine(version.length() > 60 ? version.substring(0, 60) : version) + "')");
    }
    String format = version.endsWith("/1") ? "json_1.0" : version.endsWith("/1.1") ? "json_1.1" : "json_"
        + version.substring(version.lastIndexOf('/') + 1);
    String home = absolute(text(root, "home_page_url"), sourceUrl);
    String base = home != null ? home : absolute(text(root, "feed_url"), sourceUrl);
    if (base == null) {
      base = sourceUrl;
    }
    List<ParsedEntry> entries = new ArrayList<>();
    JsonNode items = root.path("items");
    if (items.isArray()) {
      for (JsonNode item : items) {
        if (!item.isObject()) {
          continue;
        }
        String id = item.path("id").isValueNode() ? blankToNull(item.path("id").asText()) : null;
        String link = absolute(firstNonBlank(text(item, "url"), text(item, "external_url")), base);
        String content = text(item, "content_html");
        if (content == null && text(item, "content_text") != null) {
          content = Entities.escape(text(item, "content_text"));
        }
        String title = text(item, "title");
        String summary = text(item, "summary");
        entries.add(new ParsedEntry(id, false, link, title == null ? null : Entities.escape(title),
            summary == null ? null : Entities.escape(summary), content, jsonAuthors(item),
            jsonDate(text(item, "date_published")), jsonDate(text(item, "date_modified")), text(item, "language")));
      }
    }
    return new ParsedFeed(format, text(root, "title"), home, text(root, "language"), null, entries);
  }

  private static String jsonAuthors(JsonNode item) {
    List<String> names = new ArrayList<>();
    for (JsonNode a : item.path("authors")) {
      String n = text(a, "name");
      if (n != null) {
        names.add(n);
      }
    }
    if (names.isEmpty()) {
      String n = text(item.path("author"), "name"); // JSON Feed 1.0
      if (n != null) {
        names.add(n);
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? blankToNull(v.asText()) : null;
  }

  static Instant jsonDate(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Resolves {@code link} against {@code base}; returns the link unchanged when either does not parse. */
  static String absolute(String link, String base) {
    if (link == null || link.isBlank()) {
      return null;
    }
    String l = link.trim();
    try {
      URI uri = new URI(l.replace(" ", "%20"));
      if (uri.isAbsolute() || base == null || base.isBlank()) {
        return l;
      }
      URI b = new URI(base.trim().replace(" ", "%20"));
      if (!b.isAbsolute()) {
        return l;
      }
      if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
        b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null); // "http://h" + "a" -> "http://h/a"
      }
      return b.resolve(uri).toString();
    } catch (Exception e) {
      return l;
    }
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** What precedes the root element: enough to spot HTML pages and dangerous DOCTYPEs without an XML parser. */
  record Prolog(String rootName, int doctypeStart, int doctypeEnd, boolean doctypeHasInternalSubset,
      boolean doctypeIsHtml) {

    static Prolog scan(String text) {
      int i = 0;
      int n = Math.min(text.length(), 1 << 20);
      int dStart = -1;
      int dEnd = -1;
      boolean subset = false;
      boolean htmlDoctype = false;
      while (i < n) {
        int lt = text.indexOf('<', i);
        if (lt < 0 || lt >= n) {
          break;
        }
        if (text.startsWith("<?", lt)) {
          int end = text.indexOf("?>", lt);
          i = end < 0 ? n : end + 2;
        } else if (text.startsWith("<!--", lt)) {
          int end = text.indexOf("-->", lt);
          i = end < 0 ? n : end + 3;
        } else if (text.regionMatches(true, lt, "<!DOCTYPE", 0, 9)) {
          dStart = lt;
          int j = lt + 9;
          char quote = 0;
          int depth = 0;
          for (; j < n; j++) {
            char c = text.charAt(j);
            if (quote != 0) {
              if (c == quote) {
                quote = 0;
              }
            } else if (c == '"' || c == '\'') {
              quote = c;
            } else if (c == '[') {
              subset = true;
              depth++;
            } else if (c == ']') {
              depth--;
            } else if (c == '>' && depth <= 0) {
              break;
            }
          }
          dEnd = Math.min(j + 1, text.length());
          String decl = text.substring(lt + 9, Math.min(dEnd, lt + 200)).trim().toLowerCase(Locale.ROOT);
          htmlDoctype = decl.startsWith("html");
          i = dEnd;
        } else {
          int j = lt + 1;
          while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '>'
              && text.charAt(j) != '/') {
            j++;
          }
          String name = text.substring(lt + 1, j);
          int colon = name.indexOf(':');
          return new Prolog(name.isEmpty() ? null : (colon >= 0 ? name.substring(colon + 1) : name),
              dStart, dEnd, subset, htmlDoctype);
        }
      }
      return new Prolog(null, dStart, dEnd, subset, htmlDoctype);
    }
  }
}
