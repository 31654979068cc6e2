package dev.ainews.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The char loops that replaced the per-record regexes accept exactly what the regexes accepted. */
class IdValidationTest {

  private static final String ALPHABET = "0123456789abcdefgxyzABCF._-/ é\u0660";

  @Test
  void shouldAcceptExactlyTheRawItemIdsTheSha256PatternAccepts() {
    Random random = new Random(64);
    for (int i = 0; i < 20_000; i++) {
      String id = candidate(random, "0123456789abcdef", 62, 66);
      assertEquals(id.matches("[0-9a-f]{64}"), acceptsRawItemId(id), id);
    }
  }

  @Test
  void shouldAcceptExactlyTheFeedIdsTheFeedIdPatternAccepts() {
    Random random = new Random(63);
    for (int i = 0; i < 20_000; i++) {
      String id = candidate(random, "abcxyz0189._-", 0, 66);
      assertEquals(id.matches("[a-z0-9][a-z0-9._-]{0,63}"), acceptsFeedId(id), id);
    }
  }

  /** Mostly valid characters with a stray one now and then, lengths across the bounds. */
  private static String candidate(Random random, String valid, int minLength, int maxLength) {
    int length = minLength + random.nextInt(maxLength - minLength + 1);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      String from = random.nextInt(40) == 0 ? ALPHABET : valid;
      sb.append(from.charAt(random.nextInt(from.length())));
    }
    return sb.toString();
  }

  private static boolean acceptsRawItemId(String id) {
    try {
      new RawItem(id, null, null, null, "t", null, null, null, null, Instant.EPOCH, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean acceptsFeedId(String id) {
    try {
      FeedSubscription.of(id, "https://example.com/feed", null, null);
      return true;
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().startsWith("feed id '")) {
        throw e;
      }
      return false;
    }
  }
}
