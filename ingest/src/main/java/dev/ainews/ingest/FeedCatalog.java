package dev.ainews.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.WireFeedInput;
import dev.ainews.common.FeedSubscription;
import dev.ainews.common.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads feed lists: the curated default list shipped in the jar, OPML exports of
 * other feed readers, and a simple YAML or JSON list
 * ({@code feeds: [{id, url, name, language, pollIntervalSeconds}]} or a bare array).
 * Every problem names the file and the entry.
 */
public final class FeedCatalog {

  public static final String DEFAULT_RESOURCE = "/feeds/default-feeds.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private FeedCatalog() {}

  /** The curated default list of AI-industry feeds. */
  public static List<FeedSubscription> defaults() {
    try (InputStream in = FeedCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default feed list " + DEFAULT_RESOURCE + " is missing from the jar");
      }
      return parse(in.readAllBytes(), "default-feeds.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default feed list: " + e.getMessage(), e);
    }
  }

  public static List<FeedSubscription> read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Detects OPML, JSON or YAML by content. */
  public static List<FeedSubscription> parse(byte[] bytes, String where) {
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading();
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    if (head.startsWith("<")) {
      return parseOpml(bytes, where);
    }
    JsonNode root;
    try {
      root = (head.startsWith("{") || head.startsWith("[") ? Json.MAPPER : YAML).readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": not a valid YAML/JSON feed list: " + firstLine(e.getMessage()));
    }
    JsonNode list = root != null && root.isObject() ? root.get("feeds") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(where + ": expected a list of feeds or an object with a 'feeds' list");
    }
    List<FeedSubscription> out = new ArrayList<>();
    int n = 0;
    for (JsonNode node : list) {
      n++;
      String url = text(node, "url");
      String id = text(node, "id");
      try {
        if (url == null) {
          throw new IllegalArgumentException("'url' is missing");
        }
        Integer interval = node.hasNonNull("pollIntervalSeconds") ? node.get("pollIntervalSeconds").asInt() : null;
        Long maxBytes = node.hasNonNull("maxBytes") ? node.get("maxBytes").asLong() : null;
        Boolean enabled = node.hasNonNull("enabled") ? node.get("enabled").asBoolean() : null;
        out.add(new FeedSubscription(id != null ? id : idFor(url), url, text(node, "name"), text(node, "language"),
            interval, enabled, maxBytes));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": feed #" + n + (id != null ? " (" + id + ")" : "") + ": "
            + e.getMessage());
      }
    }
    return unique(out, where);
  }

  private static List<FeedSubscription> parseOpml(byte[] bytes, String where) {
    WireFeed wire;
    try {
      wire = new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalArgumentException(where + ": not a valid OPML file: " + firstLine(e.getMessage()));
    }
    if (!(wire instanceof Opml opml)) {
      throw new IllegalArgumentException(where + ": XML but not OPML (found " + wire.getFeedType() + ")");
    }
    List<FeedSubscription> out = new ArrayList<>();
    collect(opml.getOutlines(), out, where);
    return unique(out, where);
  }

  private static void collect(List<Outline> outlines, List<FeedSubscription> out, String where) {
    for (Outline o : outlines) {
      String url = o.getXmlUrl();
      if (url != null && !url.isBlank()) {
        String name = o.getTitle() != null ? o.getTitle() : o.getText();
        String lang = o.getAttributeValue("language");
        try {
          out.add(new FeedSubscription(idFor(url), url, name, lang, null, null, null));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": outline '" + name + "': " + e.getMessage());
        }
      }
      collect(o.getChildren(), out, where);
    }
  }

  private static List<FeedSubscription> unique(List<FeedSubscription> feeds, String where) {
    Map<String, FeedSubscription> byId = new LinkedHashMap<>();
    for (FeedSubscription f : feeds) {
      FeedSubscription prev = byId.putIfAbsent(f.id(), f);
      if (prev != null && !prev.url().equals(f.url())) {
        throw new IllegalArgumentException(where + ": feed id '" + f.id() + "' is used for two URLs: "
            + prev.url() + " and " + f.url());
      }
    }
    return List.copyOf(byId.values());
  }

  /**
   * A readable, stable id for a URL without one: host without "www." plus the
   * path's words, e.g. {@code techcrunch.com-category-artificial-intelligence-feed}.
   */
  public static String idFor(String url) {
    URI uri = URI.create(url.trim());
    String host = uri.getHost() == null ? "feed" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
    String query = uri.getRawQuery() == null ? "" : "-" + uri.getRawQuery().toLowerCase(Locale.ROOT);
    String id = (host + "-" + path + query).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-")
        .replaceAll("^-|-$", "");
    if (id.length() > 64) {
      String hash = Integer.toHexString(url.hashCode());
      id = id.substring(0, 63 - hash.length()) + "-" + hash;
    }
    return id;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
