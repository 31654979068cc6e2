package dev.ainews.bench.parse;

import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.ainews.common.FeedSubscription;
import dev.ainews.ingest.normalize.Normalizer;
import dev.ainews.ingest.parse.FeedParser;
import dev.ainews.ingest.parse.ParsedFeed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + normalize throughput of the ingest path beside Rome's bare {@code SyndFeedInput.build} of the same
 * bytes. One operation = the whole corpus; the {@code items} and {@code bytes} counters give items/s and bytes/s
 * (divide by 1e6 for MB/s).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ParseBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

  private static final int FEEDS = 20;
  private static final int ITEMS_PER_FEED = 40;
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  /** A fixed corpus generated from a seeded Random: half RSS 2.0, half Atom 1.0, ~1.5 KB of HTML per item. */
  @State(Scope.Benchmark)
  public static class Corpus {
    final List<byte[]> feeds = new ArrayList<>();
    long totalBytes;
    long totalItems;

    @Setup
    public void generate() {
      Random random = new Random(20250601);
      for (int f = 0; f < FEEDS; f++) {
        byte[] body = (f % 2 == 0 ? rss(f, random) : atom(f, random)).getBytes(StandardCharsets.UTF_8);
        feeds.add(body);
        totalBytes += body.length;
        totalItems += ITEMS_PER_FEED;
      }
      System.out.printf(Locale.ROOT, "%ncorpus: %d feeds, %d items, %.2f MB%n", FEEDS, totalItems, totalBytes / 1e6);
    }
  }

  /** Per-thread parsers, built once: the same reuse the ingest service and {@code ainews parse} do. */
  @State(Scope.Thread)
  public static class Parsers {
    final FeedParser parser = new FeedParser();
    final Normalizer normalizer = new Normalizer();
    final SyndFeedInput rome = new SyndFeedInput();
    final FeedSubscription sub = FeedSubscription.of("bench", "https://bench.example/feed", "Bench", null);
  }

  /** Reported as rates: items/s and bytes/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Throughput {
    public long items;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      items = 0;
      bytes = 0;
    }
  }

  @Benchmark
  public int parseAndNormalize(Corpus corpus, Parsers p, Throughput t) throws Exception {
    int n = 0;
    for (byte[] body : corpus.feeds) {
      ParsedFeed feed = p.parser.parse(body, "application/xml; charset=utf-8", "https://bench.example/feed");
      n += p.normalizer.normalize(feed, p.sub, NOW).size();
    }
    t.items += n;
    t.bytes += corpus.totalBytes;
    return n;
  }

  @Benchmark
  public int romeBuildOnly(Corpus corpus, Parsers p, Throughput t) throws Exception {
    int n = 0;
    for (byte[] body : corpus.feeds) {
      n += p.rome.build(new XmlReader(new ByteArrayInputStream(body), "application/xml; charset=utf-8", true))
          .getEntries().size();
    }
    t.items += n;
    t.bytes += corpus.totalBytes;
    return n;
  }

  // ---------------------------------------------------------------- corpus

  private static final String[] WORDS = ("the model open weights chips export rules safety benchmark inference cost "
      + "training cluster release agent reasoning startup funding regulators data center parameters latency "
      + "token price lab research paper evaluation").split(" ");

  private static String sentence(Random r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(i + 1 < words ? " " : ".");
    }
    return sb.toString();
  }

  /** About 1.5 KB of typical article-teaser HTML: paragraphs, a link, an image, emphasis, an entity. */
  private static String html(Random r, int item) {
    StringBuilder sb = new StringBuilder();
    sb.append("<p><img src=\"https://cdn.bench.example/img/").append(item).append(".jpg\" alt=\"\" width=\"600\"/></p>");
    for (int p = 0; p < 4; p++) {
      sb.append("<p>").append(sentence(r, 18)).append(" <a href=\"https://bench.example/t/").append(p)
          .append("?utm_source=rss\">").append(sentence(r, 3)).append("</a> &amp; <em>")
          .append(sentence(r, 4)).append("</em> ").append(sentence(r, 12)).append("</p>");
    }
    return sb.toString();
  }

  static String rss(int f, Random r) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        + "<channel><title>Bench RSS ").append(f).append("</title><link>https://bench.example/").append(f)
        .append("/</link><language>en-us</language>");
    for (int i = 0; i < ITEMS_PER_FEED; i++) {
      sb.append("<item><title>").append(sentence(r, 9)).append("</title><link>https://bench.example/").append(f)
          .append("/post/").append(i).append("?utm_medium=rss</link><guid isPermaLink=\"false\">bench-").append(f)
          .append('-').append(i).append("</guid><dc:creator>Author ").append(i % 7)
          .append("</dc:creator><pubDate>Mon, 27 Jan 2025 10:").append(String.format("%02d", i % 60))
          .append(":00 GMT</pubDate><description><![CDATA[").append(html(r, i)).append("]]></description></item>\n");
    }
    return sb.append("</channel></rss>").toString();
  }

  static String atom(int f, Random r) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
        + "xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench Atom ").append(f)
        .append("</title><link rel=\"alternate\" href=\"https://bench.example/a").append(f)
        .append("/\"/><id>urn:bench:").append(f).append("</id><updated>2025-01-27T10:00:00Z</updated>");
    for (int i = 0; i < ITEMS_PER_FEED; i++) {
      String escaped = html(r, i).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
      sb.append("<entry><title>").append(sentence(r, 9)).append("</title><link rel=\"alternate\" href=\"post/")
          .append(i).append("\"/><id>tag:bench.example,2025:").append(f).append('/').append(i)
          .append("</id><published>2025-01-27T10:00:00Z</published><updated>2025-01-27T11:00:00Z</updated>")
          .append("<author><name>Author ").append(i % 5).append("</name></author><summary type=\"html\">")
          .append(escaped).append("</summary></entry>\n");
    }
    return sb.append("</feed>").toString();
  }
}
