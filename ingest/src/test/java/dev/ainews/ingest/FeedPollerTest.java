package dev.ainews.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.FeedState;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.fetch.FetchOutcome;
import dev.ainews.ingest.fetch.FetchRequest;
import dev.ainews.ingest.fetch.FetchResult;
import dev.ainews.ingest.fetch.PollPolicy;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedPollerTest {

  private static final Instant NOW = Instant.parse("2025-02-01T12:00:00Z");
  private static final FeedSubscription FEED =
      new FeedSubscription("lab", "https://lab.example.com/feed.xml", "Lab", "en", 900, true, null);

  private final Deque<FetchResult> responses = new ArrayDeque<>();
  private final List<FetchRequest> requests = new ArrayList<>();
  private final FeedPoller poller = new FeedPoller(r -> {
    requests.add(r);
    return responses.removeFirst();
  }, new FeedParser(), new Normalizer(), new PollPolicy(new Random(1), 3), Clock.fixed(NOW, ZoneOffset.UTC), 50);

  static String rss(String... guids) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lab</title>"
        + "<link>https://lab.example.com/</link>");
    for (String g : guids) {
      sb.append("<item><guid>https://lab.example.com/").append(g).append("</guid><title>Item ").append(g)
          .append("</title><link>https://lab.example.com/").append(g).append("</link>")
          .append("<pubDate>Sat, 01 Feb 2025 10:00:00 GMT</pubDate></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  private static FetchResult ok(String body, String etag) {
    return new FetchResult(FetchOutcome.OK, 200, body.getBytes(StandardCharsets.UTF_8), "application/rss+xml",
        FEED.url(), etag, "Sat, 01 Feb 2025 11:00:00 GMT", null, null, Duration.ofMillis(40), null);
  }

  private static List<String> titles(PollResult r) {
    return r.newItems().stream().map(RawItem::title).toList();
  }

  @Test
  void shouldEmitEveryItemOnFirstPollAndOnlyNewOnesAfter() {
    responses.add(ok(rss("a", "b"), "\"v1\""));
    PollResult first = poller.poll(FEED, null);
    assertEquals(List.of("Item a", "Item b"), titles(first));
    assertEquals("ok", first.outcome());
    assertEquals(NOW.plusSeconds(900), first.state().nextPollAt());

    responses.add(ok(rss("c", "a", "b"), "\"v2\""));
    PollResult second = poller.poll(FEED, first.state());
    assertEquals(List.of("Item c"), titles(second));
    assertEquals("\"v2\"", second.state().etag());
    assertEquals(3, second.state().seen().size());
    assertEquals("\"v1\"", requests.get(1).etag(), "sends the stored validator");
  }

  @Test
  void shouldNotEmitAnEditedItemAgain() {
    responses.add(ok(rss("a"), null));
    PollResult first = poller.poll(FEED, null);
    responses.add(ok(rss("a").replace("Item a", "Item a (updated)"), null));
    assertEquals(List.of(), poller.poll(FEED, first.state()).newItems());
  }

  @Test
  void shouldKeepValidatorsAndSeenIdsOnNotModified() {
    responses.add(ok(rss("a"), "\"v1\""));
    FeedState s1 = poller.poll(FEED, null).state();
    responses.add(new FetchResult(FetchOutcome.NOT_MODIFIED, 304, null, null, FEED.url(), null, null, null,
        Duration.ofHours(1), Duration.ofMillis(5), null));
    PollResult r = poller.poll(FEED, s1);
    assertEquals(List.of(), r.newItems());
    assertEquals("not_modified", r.outcome());
    assertEquals("\"v1\"", r.state().etag());
    assertEquals(s1.seen(), r.state().seen());
    assertEquals(NOW.plus(Duration.ofHours(1)), r.state().nextPollAt(), "Cache-Control max-age stretches the interval");
  }

  @Test
  void shouldBackOffAndMarkUnhealthyAfterConsecutiveFailures() {
    FeedState state = null;
    for (int i = 1; i <= 3; i++) {
      responses.add(new FetchResult(FetchOutcome.SERVER_ERROR, 500, null, null, FEED.url(), null, null, null, null,
          Duration.ofMillis(5), "HTTP 500 from https://lab.example.com/feed.xml"));
      PollResult r = poller.poll(FEED, state);
      state = r.state();
      assertEquals(i, state.consecutiveFailures());
      assertEquals("server_error", r.outcome());
      assertEquals("HTTP 500 from https://lab.example.com/feed.xml", state.lastError());
    }
    Duration wait = Duration.between(NOW, state.nextPollAt());
    assertTrue(wait.compareTo(Duration.ofSeconds(3240)) >= 0 && wait.compareTo(Duration.ofSeconds(3960)) <= 0,
        "third failure waits 4x the base interval +-10%: " + wait);
    assertTrue(poller.isUnhealthy(state));

    responses.add(ok(rss("a"), null));
    PollResult recovered = poller.poll(FEED, state);
    assertEquals(0, recovered.state().consecutiveFailures());
    assertNull(recovered.state().lastError());
    assertEquals(List.of("Item a"), titles(recovered));
  }

  @Test
  void shouldReportParseErrorsWithoutLosingSeenIds() {
    responses.add(ok(rss("a"), null));
    FeedState s1 = poller.poll(FEED, null).state();
    responses.add(ok("<html><head><title>Moved</title></head><body>gone</body></html>", null));
    PollResult r = poller.poll(FEED, s1);
    assertEquals("parse_error", r.outcome());
    assertEquals(1, r.state().consecutiveFailures());
    assertEquals(s1.seen(), r.state().seen());
    assertTrue(r.state().lastError().contains("HTML"), r.state().lastError());
  }

  @Test
  void shouldResetValidatorsButKeepSeenIdsWhenTheUrlChanges() {
    responses.add(ok(rss("a"), "\"v1\""));
    FeedState s1 = poller.poll(FEED, null).state();
    FeedSubscription moved = new FeedSubscription("lab", "https://lab.example.com/new.xml", "Lab", "en", 900, true,
        null);
    responses.add(ok(rss("a", "b"), null));
    PollResult r = poller.poll(moved, s1);
    assertNull(requests.get(1).etag());
    assertEquals(List.of("Item b"), titles(r));
    assertEquals("https://lab.example.com/new.xml", r.state().url());
  }

  @Test
  void shouldReadOnlyTheFirstThousandEntriesSoTheFeedStateFitsAKafkaRecord() {
    String[] guids = new String[FeedPoller.MAX_ENTRIES_PER_POLL + 500];
    for (int i = 0; i < guids.length; i++) {
      guids[i] = "item-" + i;
    }
    responses.add(ok(rss(guids), null));
    PollResult r = poller.poll(FEED, null);
    assertEquals(FeedPoller.MAX_ENTRIES_PER_POLL, r.newItems().size());
    assertTrue(r.state().seen().size() <= 3 * FeedPoller.MAX_ENTRIES_PER_POLL);
    byte[] state = dev.ainews.common.Topics.FEED_STATE.valueSerde().serializer().serialize("t", r.state());
    assertTrue(state.length < 1_000_000, "feed state of " + state.length + " bytes");
  }

  @Test
  void shouldPublishNewItemsOldestFirst() {
    String doc = rss("a", "b").replace("Sat, 01 Feb 2025 10:00:00 GMT</pubDate></item><item><guid>https://lab.example.com/b",
        "Sat, 01 Feb 2025 11:00:00 GMT</pubDate></item><item><guid>https://lab.example.com/b");
    responses.add(ok(doc, null));
    assertEquals(List.of("Item b", "Item a"), titles(poller.poll(FEED, null)));
  }
}
