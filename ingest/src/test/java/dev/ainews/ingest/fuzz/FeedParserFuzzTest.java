package dev.ainews.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParseException;
import dev.ainews.ingest.parse.FeedParser;
import dev.ainews.ingest.parse.ParsedFeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the parser and the normalizer behind it with arbitrary bodies. Whatever a feed server sends, the parser
 * answers with a {@link ParsedFeed} or a one-line {@link FeedParseException}, promptly; and whatever the parser
 * accepts, the normalizer turns into valid {@link RawItem}s without throwing.
 *
 * <p>A normal build ({@code ./mvnw verify}) runs each method on the seeds under
 * {@code src/test/resources/dev/ainews/ingest/fuzz/FeedParserFuzzTestInputs/} (the feed fixtures plus hostile
 * documents) and on every finding saved there. To fuzz one method for its {@code maxDuration}:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -B -pl ingest test -Dtest='FeedParserFuzzTest#parseAnswersAFeedOrAParseException'
 * </pre>
 *
 * Jazzer fuzzes one test per run (the others are skipped); a crashing input is written into the inputs directory
 * above, so that it becomes a regression seed once the bug is fixed. By default only this project's classes are
 * instrumented; {@code JAZZER_INSTRUMENTATION_INCLUDES='dev.ainews.**:com.rometools.**:org.jsoup.**'} lets the
 * fuzzer steer through Rome and jsoup too (ten times the coverage, a third of the speed). The working corpus goes
 * to {@code ingest/.cifuzz-corpus/}, which is not committed.
 */
class FeedParserFuzzTest {

  /** Beyond this a single small body is a hang in the making (catastrophic backtracking, quadratic scans). */
  private static final Duration MAX_PARSE_TIME = Duration.ofSeconds(2);
  /** The parse is tried as each of these, so that both header-driven paths (JSON, declared charset) are reached. */
  private static final String[] CONTENT_TYPES = {null, "application/rss+xml; charset=ISO-8859-1",
      "application/feed+json"};
  private static final String SOURCE = "https://fuzz.example.com/feed.xml";
  private static final Instant FETCHED_AT = Instant.parse("2025-03-01T12:00:00Z");
  private static final FeedSubscription SUB = new FeedSubscription("fuzz", SOURCE, "Fuzz", "en", 600, true, null);

  private static final FeedParser PARSER = new FeedParser();
  private static final Normalizer NORMALIZER = new Normalizer();

  @BeforeAll
  static void warmUp() throws FeedParseException {
    // Class loading (and, when fuzzing, instrumenting) Rome, Jackson and jsoup happens once per path; it must not
    // count against the time budget of the first input that takes that path.
    PARSER.parse("<rss version=\"2.0\"><channel><title>w</title></channel></rss>".getBytes(StandardCharsets.UTF_8),
        null, SOURCE);
    PARSER.parse("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"w\"}]}"
        .getBytes(StandardCharsets.UTF_8), "application/feed+json", SOURCE);
    try {
      PARSER.parse("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/f\"></head></html>"
          .getBytes(StandardCharsets.UTF_8), "text/html", SOURCE);
    } catch (FeedParseException expected) {
      // The HTML path ends in this exception by design; only its classes were wanted.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void parseAnswersAFeedOrAParseException(byte[] body) {
    for (String contentType : CONTENT_TYPES) {
      ParsedFeed feed = parseTimed(body, contentType);
      if (feed != null) {
        assertNotNull(feed.format(), "a parsed feed names its format");
        feed.entries().forEach(e -> assertNotNull(e, "entries are never null"));
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void normalizerTurnsAnyParsedFeedIntoValidItems(byte[] body) {
    ParsedFeed feed = parseTimed(body, null);
    if (feed == null) {
      return;
    }
    Normalizer.Result result = NORMALIZER.normalizeCounted(feed, SUB, FETCHED_AT);
    assertEquals(feed.entries().size(), result.items().size() + result.skipped() + result.duplicates(),
        "every entry is an item, skipped or a duplicate");
    Set<String> ids = new HashSet<>();
    for (RawItem item : result.items()) {
      // RawItem's constructor has already checked the id format and a non-blank title.
      assertTrue(ids.add(item.id()), "ids are distinct within one document: " + item.id());
      assertEquals("fuzz", item.feed());
      assertTrue(item.title().length() <= Normalizer.MAX_TITLE_CHARS, "title capped");
      assertEquals(item.title().strip(), item.title(), "title is trimmed");
      assertFalse(item.title().contains("\n"), "title is one line");
      assertTrue(item.summary() == null || item.summary().length() <= Normalizer.MAX_SUMMARY_CHARS,
          "summary capped");
      assertTrue(item.content() == null || item.content().length() <= Normalizer.MAX_CONTENT_CHARS,
          "content capped");
      assertTrue(item.url() == null || item.url().startsWith("http://") || item.url().startsWith("https://"),
          "url is http(s) or absent: " + item.url());
      assertFalse(item.publishedAt().isAfter(FETCHED_AT.plus(Duration.ofMinutes(5))),
          "no publish time in the future: " + item.publishedAt());
      assertEquals(FETCHED_AT, item.fetchedAt());
    }
  }

  /** Parses, failing the test on a slow parse; null when the body is not a feed. */
  private static ParsedFeed parseTimed(byte[] body, String contentType) {
    long start = System.nanoTime();
    ParsedFeed feed;
    try {
      feed = PARSER.parse(body, contentType, SOURCE);
    } catch (FeedParseException e) {
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().isBlank(), "a parse failure says why");
      assertFalse(e.getMessage().contains("\n"), "a parse failure is one line");
      feed = null;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(MAX_PARSE_TIME) <= 0,
        "parsing " + body.length + " bytes as " + contentType + " took " + took.toMillis() + " ms");
    return feed;
  }
}
