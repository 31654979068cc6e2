package dev.ainews.ingest.parse;

import dev.ainews.common.FeedSubscription;
import dev.ainews.common.RawItem;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.normalize.PlainText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the parser over third-party corpora that are not part of the repository (see scripts/conformance.sh):
 * {@code realworld-feeds/MANIFEST.tsv} (item count and first title of real captures) and
 * {@code feedparser-corpus/INDEX.tsv} (feedparser's simple title/link/id expectations). Every file must be
 * answered, either parsed or refused with a one-line message, within a per-file deadline.
 *
 * <p>Usage: {@code Conformance EVAL_DIR [--verbose]}.
 */
public final class Conformance {

  private static final long TIMEOUT_SECONDS = 20;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Pattern FIELD = Pattern.compile("(feed|entries\\[(\\d+)])\\.(title|link|id)");

  private final FeedParser parser = new FeedParser();
  private final Normalizer normalizer = new Normalizer();
  private ExecutorService executor = Executors.newSingleThreadExecutor(daemon());
  private final boolean verbose;
  private final PrintStream out = System.out;

  private Conformance(boolean verbose) {
    this.verbose = verbose;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Conformance EVAL_DIR [--verbose]");
      System.exit(2);
    }
    Path eval = Path.of(args[0]);
    Conformance c = new Conformance(args.length > 1 && args[1].equals("--verbose"));
    String a = c.realWorld(eval.resolve("realworld-feeds"));
    String b = c.feedparser(eval.resolve("feedparser-corpus"));
    c.out.println();
    c.out.println("SUMMARY " + a);
    c.out.println("SUMMARY " + b);
    c.executor.shutdownNow();
  }

  /** What happened to one file. */
  private record Outcome(ParsedFeed feed, List<RawItem> items, String error, boolean crashed, boolean timedOut) {}

  private Outcome run(byte[] bytes, String contentType, String source) {
    Future<Outcome> f = executor.submit(() -> {
      try {
        ParsedFeed feed = parser.parse(bytes, contentType, source);
        FeedSubscription sub = FeedSubscription.of("parse", "http://localhost/parse", "parse", null);
        return new Outcome(feed, normalizer.normalize(feed, sub, NOW), null, false, false);
      } catch (FeedParseException e) {
        return new Outcome(null, List.of(), e.getMessage(), false, false);
      } catch (Throwable t) {
        return new Outcome(null, List.of(), "CRASH " + t, true, false);
      }
    });
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      executor.shutdownNow();
      executor = Executors.newSingleThreadExecutor(daemon()); // the stuck thread is a daemon; leave it behind
      return new Outcome(null, List.of(), "TIMEOUT after " + TIMEOUT_SECONDS + "s", true, true);
    } catch (InterruptedException | ExecutionException e) {
      return new Outcome(null, List.of(), "CRASH " + e, true, false);
    }
  }

  private String realWorld(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    int files = 0, ok = 0, crashed = 0, wellformed = 0, countOk = 0, titleOk = 0, bothOk = 0;
    int malformedOk = 0, malformed = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t", -1);
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size() && i < cols.length; i++) {
        row.put(header.get(i), cols[i]);
      }
      files++;
      byte[] bytes = Files.readAllBytes(dir.resolve(row.get("file")));
      Outcome o = run(bytes, null, null);
      if (o.crashed()) {
        crashed++;
      }
      if (o.feed() != null) {
        ok++;
      }
      boolean wf = "yes".equals(row.get("wellformed"));
      int expectedCount = Integer.parseInt(row.get("item_count"));
      String expectedTitle = ws(row.get("first_item_title"));
      boolean count = o.feed() != null && o.items().size() == expectedCount;
      String actualTitle = o.items().isEmpty() ? null : ws(o.items().get(0).title());
      boolean title = expectedCount == 0 ? o.items().isEmpty() && o.feed() != null
          : expectedTitle.equals(actualTitle);
      if (wf) {
        wellformed++;
        countOk += count ? 1 : 0;
        titleOk += title ? 1 : 0;
        bothOk += count && title ? 1 : 0;
      } else {
        malformed++;
        malformedOk += count && title ? 1 : 0;
      }
      if (!(count && title) || verbose) {
        out.printf("realworld %s %s%s: count %d/%d title %s%n", count && title ? "PASS" : "FAIL",
            wf ? "" : "(malformed) ", row.get("file"), o.items().size(), expectedCount,
            title ? "ok" : "expected [" + expectedTitle + "] got [" + actualTitle + "]"
                + (o.error() == null ? "" : " error: " + o.error()));
      }
    }
    return String.format("realworld: %d files, %d parsed, %d crashed/timed out; well-formed %d: count %d, "
        + "first title %d, both %d; malformed %d: both %d", files, ok, crashed, wellformed, countOk, titleOk,
        bothOk, malformed, malformedOk);
  }

  private String feedparser(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("INDEX.tsv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    int files = 0, parsed = 0, refused = 0, crashed = 0, checks = 0, passed = 0, unsupported = 0;
    Map<String, int[]> byCategory = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t", -1);
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size() && i < cols.length; i++) {
        row.put(header.get(i), cols[i]);
      }
      files++;
      byte[] bytes = Files.readAllBytes(dir.resolve(row.get("path")));
      String contentType = contentType(row.getOrDefault("http_headers", ""));
      // feedparser's test runner serves each file from this document URI, which relative links resolve against
      Outcome o = run(bytes, contentType, "http://127.0.0.1:8097/" + row.get("path"));
      if (o.crashed()) {
        crashed++;
        out.println("feedparser CRASH " + row.get("path") + ": " + o.error());
      } else if (o.feed() != null) {
        parsed++;
      } else {
        refused++;
      }
      String field = row.getOrDefault("field", "");
      if (field.isEmpty()) {
        continue;
      }
      Matcher m = FIELD.matcher(field);
      if (!m.matches() || field.equals("feed.id")) {
        unsupported++; // ParsedFeed carries no feed-level id
        continue;
      }
      checks++;
      String expected = unescape(row.get("expected_value"));
      String actual = o.feed() == null ? null : actual(o.feed(), m);
      // Equal as written, or equal as the plain text that we publish (feedparser returns sanitized HTML where
      // we strip all markup, so "<img src=x onerror=...>" and "<img src=x />" are both the empty text).
      boolean pass = o.feed() != null && (actual != null && ws(actual).equals(ws(expected))
          || Objects.equals(text(expected), text(actual)));
      int[] cat = byCategory.computeIfAbsent(row.get("category") + "/" + row.get("subcategory"), k -> new int[2]);
      cat[0]++;
      if (pass) {
        passed++;
        cat[1]++;
      }
      if (!pass || verbose) {
        out.printf("feedparser %s %s %s: expected [%s] got [%s]%s%n", pass ? "PASS" : "FAIL", row.get("path"),
            field, oneLine(expected), oneLine(actual), o.error() == null ? "" : " error: " + o.error());
      }
    }
    StringBuilder cats = new StringBuilder();
    byCategory.forEach((k, v) -> cats.append(' ').append(k).append('=').append(v[1]).append('/').append(v[0]));
    return String.format("feedparser: %d files answered (%d parsed, %d refused with a message, %d crashed/timed "
        + "out); title/link/id checks %d/%d passed (%d feed.id checks not applicable);%s", files, parsed, refused,
        crashed, passed, checks, unsupported, cats);
  }

  private static String actual(ParsedFeed feed, Matcher m) {
    String what = m.group(3);
    if (m.group(2) == null) {
      return what.equals("title") ? feed.title() : what.equals("link") ? feed.link() : null;
    }
    int n = Integer.parseInt(m.group(2));
    if (n >= feed.entries().size()) {
      return null;
    }
    ParsedEntry e = feed.entries().get(n);
    return what.equals("title") ? e.title() : what.equals("link") ? e.link() : e.guid();
  }

  private static String contentType(String headers) {
    for (String h : headers.split(";\\s*(?=[A-Za-z-]+:)")) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("content-type")) {
        return h.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String text(String html) {
    String t = html == null ? null : PlainText.inline(html);
    return t == null ? "" : ws(t);
  }

  private static String oneLine(String s) {
    return s == null ? null : s.replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String ws(String s) {
    return s == null ? null : s.replaceAll("[\\s\\u00A0]+", " ").strip();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "conformance");
      t.setDaemon(true);
      return t;
    };
  }
}
