package dev.ainews.ingest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.normalize.Normalizer;
import java.time.Instant;
import java.util.List;

/**
 * One JSON line per parsed input, the output of {@code ainews parse FILE|URL...}:
 * <pre>
 * {"source":..,"ok":true,"format":"rss_2.0","title":..,"link":..,"items":[{"id":..,"title":..,"link":..,"publishedAt":..,"summary":..}]}
 * {"source":..,"ok":false,"error":"what went wrong"}
 * </pre>
 * Items go through the very parse and normalize code that ingest uses, under a synthetic subscription with id
 * {@code "parse"}: ids, titles, summaries and canonical links are exactly what would reach {@code ainews.raw.v1}.
 * Absent values (no link, no summary) are omitted.
 */
public final class ParseReport {

  private static final FeedParser PARSER = new FeedParser();
  private static final Normalizer NORMALIZER = new Normalizer();
  private static final String SYNTHETIC_URL = "http://localhost/parse";

  private ParseReport() {}

  /**
   * @param source      what to name the input in the output (a path or URL); also the base for relative links
   *                    when it is an http(s) URL
   * @param bytes       the body
   * @param contentType HTTP Content-Type, null for files
   * @param now         fetch time: the publish time of items without one
   */
  public static String line(String source, byte[] bytes, String contentType, Instant now) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("source", source);
    String base = source != null && source.matches("(?i)https?://.+") ? source : null;
    try {
      ParsedFeed feed = PARSER.parse(bytes, contentType, base);
      String subUrl = base != null && validSubscriptionUrl(base) ? base : SYNTHETIC_URL;
      FeedSubscription sub = FeedSubscription.of("parse", subUrl, source == null ? "parse" : source, null);
      List<RawItem> items = NORMALIZER.normalize(feed, sub, now);
      out.put("ok", true);
      out.put("format", feed.format());
      putIfNotNull(out, "title", feed.title() == null ? null : plain(feed.title()));
      putIfNotNull(out, "link", feed.link());
      ArrayNode array = out.putArray("items");
      for (RawItem item : items) {
        ObjectNode o = array.addObject();
        o.put("id", item.id());
        o.put("title", item.title());
        putIfNotNull(o, "link", item.url());
        o.put("publishedAt", item.publishedAt().toString());
        putIfNotNull(o, "summary", item.summary());
      }
    } catch (FeedParseException e) {
      return error(source, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // Never let one bad input kill a batch of thousands: it is reported like any other failure.
      return error(source, "internal error: " + e);
    }
    return write(out);
  }

  private static String plain(String html) {
    String t = dev.ainews.ingest.normalize.PlainText.inline(html);
    return t == null ? html.strip() : t;
  }

  private static boolean validSubscriptionUrl(String url) {
    try {
      FeedSubscription.of("parse", url, null, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a line written by this class reports success. */
  public static boolean isOk(String line) {
    try {
      return Json.MAPPER.readTree(line).path("ok").asBoolean(false);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The failure line for an input that could not even be read or fetched. */
  public static String failure(String source, String message) {
    return error(source, message);
  }

  private static String error(String source, String message) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("source", source);
    out.put("ok", false);
    out.put("error", FeedParseException.oneLine(message));
    return write(out);
  }

  private static void putIfNotNull(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
