package dev.ainews.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.parse.FeedParser;
import dev.ainews.ingest.parse.ParsedEntry;
import dev.ainews.ingest.parse.ParsedFeed;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  private static final Instant FETCHED = Instant.parse("2025-06-01T12:00:00Z");
  private static final FeedSubscription SUB = FeedSubscription.of("example", "https://news.example.com/feed",
      "Example News", null);

  private final Normalizer normalizer = new Normalizer();

  @Test
  void shouldTurnFixtureFeedIntoPlainTextItems() throws Exception {
    ParsedFeed feed = new FeedParser().parse(fixture("rss20.xml"), null, "https://news.example.com/feed");

    List<RawItem> items = normalizer.normalize(feed, SUB, FETCHED);

    RawItem first = items.get(0);
    assertEquals(ItemIds.sha256Hex("example\u0000news.example.com-post-1001"), first.id());
    assertEquals("example", first.feed());
    assertEquals("Example News", first.source());
    assertEquals("https://news.example.com/2025/01/deepseek-r2?id=7", first.url());
    assertEquals("DeepSeek releases R2 & more", first.title());
    assertEquals("The model is open & cheap.", first.summary());
    assertEquals("First paragraph.\nSecond paragraph été.", first.content());
    assertEquals("Jane Doe", first.author());
    assertEquals("en", first.language());
    assertEquals(Instant.parse("2025-01-27T10:00:00Z"), first.publishedAt());
    assertEquals(FETCHED, first.fetchedAt());
    RawItem second = items.get(1);
    assertEquals(ItemIds.sha256Hex("https://news.example.com/2025/01/second"), second.id());
    assertNull(second.summary());
  }

  @Test
  void shouldTakeTitleFromFirstWordsOfSummaryWhenMissing() {
    RawItem item = one(entry(null, "https://x.example/1", null,
        "<p>One two three four five six seven eight nine ten eleven twelve thirteen fourteen</p>"));

    assertEquals("One two three four five six seven eight nine ten eleven twelve…", item.title());
  }

  @Test
  void shouldSkipAndCountEntriesWithNeitherTitleNorText() {
    Normalizer.Result r = normalizer.normalizeCounted(feed(
        entry(null, "https://x.example/empty", null, "<p> </p>"),
        entry(null, "https://x.example/a", "A", null)), SUB, FETCHED);

    assertEquals(1, r.items().size());
    assertEquals(1, r.skipped());
  }

  @Test
  void shouldCollapseDuplicateEntriesWithinOneDocument() {
    Normalizer.Result r = normalizer.normalizeCounted(feed(
        entry("https://x.example/a", "https://x.example/a", "A", null),
        entry("https://x.example/a", "https://x.example/a?utm_source=tw", "A again", null),
        entry(null, "https://x.example/b", "B", null),
        entry(null, "https://x.example/b#top", "B copy", null)), SUB, FETCHED);

    assertEquals(List.of("A", "B"), r.items().stream().map(RawItem::title).toList());
    assertEquals(2, r.duplicates());
  }

  @Test
  void shouldNotTrustGuidSharedByDifferentArticles() {
    List<RawItem> items = normalizer.normalize(feed(
        entry("https://x.example/", "https://x.example/a", "A", null),
        entry("https://x.example/", "https://x.example/b", "B", null)), SUB, FETCHED);

    assertEquals(List.of(ItemIds.sha256Hex("https://x.example/a"), ItemIds.sha256Hex("https://x.example/b")),
        items.stream().map(RawItem::id).toList());
  }

  @Test
  void shouldNotTrustShortNumericGuid() {
    RawItem item = one(entry("42", "https://x.example/42", "A", null));

    assertEquals(ItemIds.sha256Hex("https://x.example/42"), item.id());
  }

  @Test
  void shouldPrefixOpaqueGuidWithFeedIdSoFeedsDoNotCollide() {
    FeedSubscription other = FeedSubscription.of("other", "https://other.example/feed", "Other", null);
    ParsedFeed feed = feed(entry("post-000123", null, "A", null));

    String mine = normalizer.normalize(feed, SUB, FETCHED).get(0).id();
    String theirs = normalizer.normalize(feed, other, FETCHED).get(0).id();

    assertNotEquals(mine, theirs);
    assertEquals(ItemIds.sha256Hex("example\u0000post-000123"), mine);
  }

  @Test
  void shouldHashUrlGuidInCanonicalFormWithoutFeedId() {
    RawItem item = one(entry("HTTPS://X.example/a?utm_medium=rss", null, "A", null));

    assertEquals(ItemIds.sha256Hex("https://x.example/a"), item.id());
  }

  @Test
  void shouldFallBackToTitleAndTextWithoutGuidOrUrl() {
    RawItem item = one(entry(null, null, "Title", "<p>Body</p>"));

    assertEquals(ItemIds.sha256Hex("text\u0000Title\u0000Body"), item.id());
    assertNull(item.url());
  }

  @Test
  void shouldUseFetchTimeForMissingOrFutureDatesAndUpdatedAsFallback() {
    Instant updated = Instant.parse("2025-05-30T00:00:00Z");
    ParsedEntry future = new ParsedEntry(null, false, "https://x.example/f", "F", null, null, null,
        FETCHED.plusSeconds(301), null, null);
    ParsedEntry slightlyAhead = new ParsedEntry(null, false, "https://x.example/s", "S", null, null, null,
        FETCHED.plusSeconds(299), null, null);
    ParsedEntry onlyUpdated = new ParsedEntry(null, false, "https://x.example/u", "U", null, null, null, null,
        updated, null);
    ParsedEntry none = entry(null, "https://x.example/n", "N", null);

    List<RawItem> items = normalizer.normalize(feed(future, slightlyAhead, onlyUpdated, none), SUB, FETCHED);

    assertEquals(List.of(FETCHED, FETCHED.plusSeconds(299), updated, FETCHED),
        items.stream().map(RawItem::publishedAt).toList());
  }

  @Test
  void shouldResolveLanguageFromEntryThenFeedThenSubscriptionThenScript() {
    ParsedEntry withLang = new ParsedEntry(null, false, "https://x.example/1", "Hello", null, null, null, null, null,
        "de-AT");
    ParsedEntry chinese = entry(null, "https://x.example/2", "深度求索发布新模型", null);
    FeedSubscription zhSub = FeedSubscription.of("zh", "https://x.example/feed", "ZH", "zh-CN");

    assertEquals("de", normalizer.normalize(feed(withLang), SUB, FETCHED).get(0).language());
    assertEquals("fr", normalizer.normalize(new ParsedFeed("rss_2.0", "t", null, "fr-CA", null, List.of(chinese)),
        SUB, FETCHED).get(0).language());
    assertEquals("zh", normalizer.normalize(feed(entry(null, "https://x.example/3", "Hello", null)), zhSub, FETCHED)
        .get(0).language());
    assertEquals("zh", normalizer.normalize(feed(chinese), SUB, FETCHED).get(0).language());
  }

  @Test
  void shouldCapHostileFieldSizesAtWordBoundary() {
    String word = "abcdefghi ";
    ParsedEntry huge = entry(null, "https://x.example/h", word.repeat(300), word.repeat(3000));

    RawItem item = one(huge);

    assertEquals(word.repeat(100).strip() + "…", item.title()); // 100 words are 999 chars, "…" makes 1000
    assertTrue(item.title().length() <= Normalizer.MAX_TITLE_CHARS);
    assertEquals(word.repeat(400).strip() + "…", item.summary());
  }

  @Test
  void shouldDropScriptsStylesAndDoubleEscapedMarkup() {
    RawItem item = one(entry(null, "https://x.example/1", "&lt;b&gt;Bold&lt;/b&gt; move",
        "<style>p{}</style><script>x()</script>&lt;p&gt;Escaped&amp;nbsp;twice&lt;/p&gt;"));

    assertEquals("Bold move", item.title());
    assertEquals("Escaped twice", item.summary());
  }

  private RawItem one(ParsedEntry e) {
    List<RawItem> items = normalizer.normalize(feed(e), SUB, FETCHED);
    assertEquals(1, items.size());
    return items.get(0);
  }

  private static ParsedFeed feed(ParsedEntry... entries) {
    return new ParsedFeed("rss_2.0", "Feed", "https://x.example/", null, null, Arrays.asList(entries));
  }

  private static ParsedEntry entry(String guid, String link, String title, String summaryHtml) {
    return new ParsedEntry(guid, false, link, title, summaryHtml, null, null, null, null, null);
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = NormalizerTest.class.getResourceAsStream("/feeds/" + name)) {
      return in.readAllBytes();
    }
  }
}
