package dev.ainews.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.FeedSubscription;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FeedCatalogTest {

  @Test
  void shouldShipFortyOrMoreDistinctDefaultFeedsInEnglishAndChinese() {
    List<FeedSubscription> feeds = FeedCatalog.defaults();
    assertTrue(feeds.size() >= 40, "only " + feeds.size() + " default feeds");
    Set<String> urls = new HashSet<>();
    feeds.forEach(f -> assertTrue(urls.add(f.url()), "duplicate url " + f.url()));
    Map<String, Long> byLanguage = feeds.stream()
        .collect(Collectors.groupingBy(FeedSubscription::language, Collectors.counting()));
    assertTrue(byLanguage.getOrDefault("en", 0L) >= 25, "English feeds: " + byLanguage);
    assertTrue(byLanguage.getOrDefault("zh", 0L) >= 6, "Chinese feeds: " + byLanguage);
    feeds.forEach(f -> assertTrue(f.name() != null && !f.name().isBlank(), f.id() + " has no name"));
  }

  @Test
  void shouldImportOpmlOutlinesNestedInFolders() {
    String opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>my feeds</title></head>
          <body>
            <outline text="AI">
              <outline type="rss" text="Lab blog" title="Lab Blog" xmlUrl="https://lab.example.com/feed.xml"/>
              <outline type="rss" text="Press" xmlUrl="https://press.example.org/ai/rss"/>
            </outline>
            <outline type="rss" text="Top" xmlUrl="http://www.top.example.net/atom.xml"/>
          </body>
        </opml>
        """;
    List<FeedSubscription> feeds = FeedCatalog.parse(opml.getBytes(StandardCharsets.UTF_8), "my.opml");
    assertEquals(List.of("https://lab.example.com/feed.xml", "https://press.example.org/ai/rss",
        "http://www.top.example.net/atom.xml"), feeds.stream().map(FeedSubscription::url).toList());
    assertEquals(List.of("lab.example.com-feed.xml", "press.example.org-ai-rss", "top.example.net-atom.xml"),
        feeds.stream().map(FeedSubscription::id).toList());
    assertEquals("Lab Blog", feeds.get(0).name());
  }

  @Test
  void shouldImportYamlListWithOptionalFields() {
    String yaml = """
        feeds:
          - {id: one, url: "https://a.example.com/rss", name: A, language: zh, pollIntervalSeconds: 600}
          - url: https://b.example.com/atom
        """;
    List<FeedSubscription> feeds = FeedCatalog.parse(yaml.getBytes(StandardCharsets.UTF_8), "list.yaml");
    assertEquals(new FeedSubscription("one", "https://a.example.com/rss", "A", "zh", 600, true, null), feeds.get(0));
    assertEquals(new FeedSubscription("b.example.com-atom", "https://b.example.com/atom", "b.example.com", null, 900,
        true, null), feeds.get(1));
  }

  @Test
  void shouldImportBareJsonArray() {
    String json = "[{\"id\":\"x\",\"url\":\"https://x.example.com/feed\"}]";
    assertEquals(List.of("x"), FeedCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "f.json").stream()
        .map(FeedSubscription::id).toList());
  }

  @Test
  void shouldNameFileAndEntryWhenAFeedIsInvalid() {
    String yaml = "feeds:\n  - {id: ok, url: \"https://a.example.com/rss\"}\n  - {id: bad, url: \"ftp://b.example.com/x\"}\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedCatalog.parse(yaml.getBytes(StandardCharsets.UTF_8), "feeds.yaml"));
    assertEquals("feeds.yaml: feed #2 (bad): feed 'bad': url must be absolute http(s), got 'ftp://b.example.com/x'",
        e.getMessage());
  }

  @Test
  void shouldRejectOneIdForTwoUrls() {
    String yaml = "- {id: a, url: \"https://a.example.com/1\"}\n- {id: a, url: \"https://a.example.com/2\"}\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedCatalog.parse(yaml.getBytes(StandardCharsets.UTF_8), "dup.yaml"));
    assertEquals("dup.yaml: feed id 'a' is used for two URLs: https://a.example.com/1 and https://a.example.com/2",
        e.getMessage());
  }

  @Test
  void shouldDeriveReadableIdsFromUrls() {
    assertEquals("techcrunch.com-category-artificial-intelligence-feed",
        FeedCatalog.idFor("https://techcrunch.com/category/artificial-intelligence/feed/"));
    assertEquals("hnrss.org-newest-q-ai-points-50", FeedCatalog.idFor("https://hnrss.org/newest?q=AI&points=50"));
  }
}
