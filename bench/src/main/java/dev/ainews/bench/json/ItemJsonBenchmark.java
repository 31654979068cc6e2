package dev.ainews.bench.json;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.EnrichedTags;
import dev.ainews.common.Evidence;
import dev.ainews.common.Json;
import dev.ainews.common.JsonSerde;
import dev.ainews.common.RawItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the enrichment stream pays per item for JSON: reading a {@code RawItem} and writing an
 * {@code EnrichedItem}, through databind ({@link Json#MAPPER}, the reference) and through {@link JsonSerde}, whose
 * streaming codec handles these two records. Items are ~1.65 KB of UTF-8 JSON as raw items, one in three Chinese,
 * with ~15 evidence entries once enriched.
 *
 * <p>Score = µs per item (one operation per item).
 *
 * <pre>java -jar bench/target/benchmarks.jar ItemJsonBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ItemJsonBenchmark {

  static final int ITEMS = 64;

  private final ObjectReader rawReader = Json.MAPPER.readerFor(RawItem.class);
  private final ObjectWriter enrichedWriter = Json.MAPPER.writerFor(EnrichedItem.class);
  private final JsonSerde<RawItem> rawSerde = JsonSerde.of(RawItem.class);
  private final JsonSerde<EnrichedItem> enrichedSerde = JsonSerde.of(EnrichedItem.class);

  private byte[][] rawJson;
  private EnrichedItem[] enriched;
  private byte[][] enrichedJson;

  @Setup
  public void setup() throws IOException {
    Random random = new Random(1650);
    rawJson = new byte[ITEMS][];
    enriched = new EnrichedItem[ITEMS];
    enrichedJson = new byte[ITEMS][];
    long rawBytes = 0;
    long enrichedBytes = 0;
    for (int i = 0; i < ITEMS; i++) {
      RawItem raw = rawItem(random, i);
      rawJson[i] = Json.MAPPER.writeValueAsBytes(raw);
      enriched[i] = enrich(random, raw);
      rawBytes += rawJson[i].length;
      enrichedJson[i] = enrichedWriter.writeValueAsBytes(enriched[i]);
      enrichedBytes += enrichedJson[i].length;
      // The two paths must agree before their speed means anything.
      if (!raw.equals(rawSerde.fromBytes(rawJson[i]))
          || !Arrays.equals(enrichedWriter.writeValueAsBytes(enriched[i]), enrichedSerde.toBytes(enriched[i]))
          || !EnrichedTags.of(enriched[i]).equals(EnrichedTags.fromJson(enrichedJson[i]))) {
        throw new IllegalStateException("codec and databind disagree on item " + i);
      }
    }
    System.out.printf("%nitems: %d, raw JSON %.0f bytes/item, enriched JSON %.0f bytes/item%n", ITEMS,
        (double) rawBytes / ITEMS, (double) enrichedBytes / ITEMS);
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void readRawDatabind(Blackhole bh) throws IOException {
    for (byte[] json : rawJson) {
      bh.consume(rawReader.<RawItem>readValue(json));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void readRawCodec(Blackhole bh) {
    for (byte[] json : rawJson) {
      bh.consume(rawSerde.fromBytes(json));
    }
  }

  /** What the aggregate read before it read only the tags: the whole enriched record. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void readEnrichedCodec(Blackhole bh) {
    for (byte[] json : enrichedJson) {
      bh.consume(enrichedSerde.fromBytes(json));
    }
  }

  /** What the aggregate reads: tags, story and times, the text and evidence skipped. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void readEnrichedTags(Blackhole bh) {
    for (byte[] json : enrichedJson) {
      bh.consume(EnrichedTags.fromJson(json));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void writeEnrichedDatabind(Blackhole bh) throws IOException {
    for (EnrichedItem item : enriched) {
      bh.consume(enrichedWriter.writeValueAsBytes(item));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void writeEnrichedCodec(Blackhole bh) {
    for (EnrichedItem item : enriched) {
      bh.consume(enrichedSerde.toBytes(item));
    }
  }

  // ---- corpus: news-like items from small sentence pools ----

  private static final String[] EN_TITLES = {
      "OpenAI ships a cheaper reasoning model as rivals cut prices",
      "Nvidia reports record data center revenue on AI demand",
      "EU regulators open a consultation on general-purpose AI rules",
      "Anthropic adds computer use to its Claude assistant for businesses",
      "Mistral raises new funding to expand European compute",
  };
  private static final String[] EN_SENTENCES = {
      "The company said the new model costs a third as much to run as its predecessor.",
      "Analysts said cloud providers are racing to secure accelerators for the next two years.",
      "The rules would require providers to publish summaries of the data used for training.",
      "Customers in banking and insurance were the first to test the feature, the company said.",
      "A spokesperson declined to comment on the size of the round or the valuation.",
      "Researchers cautioned that benchmark gains do not always carry over to real workloads.",
      "The chips are made on an advanced process node and packaged with high-bandwidth memory.",
  };
  private static final String[] ZH_TITLES = {
      "国产大模型厂商密集发布新品，推理价格再创新低",
      "多家云服务商加码算力投资，智算中心建设提速",
      "人工智能监管细则公布，生成内容须显著标识",
  };
  private static final String[] ZH_SENTENCES = {
      "公司介绍，新版本在数学和代码任务上的表现明显提升，调用价格下调七成。",
      "业内人士表示，算力供给仍然偏紧，高端芯片的交付周期有所延长。",
      "新规要求服务提供者对生成的文本、图片和视频添加标识，并保存相关日志。",
      "多位开发者反馈，模型在长文本理解方面仍有改进空间。",
  };
  private static final String[][] TERMS = {
      {"company", "openai", "OpenAI"}, {"company", "nvidia", "Nvidia"}, {"company", "anthropic", "Anthropic"},
      {"company", "mistral", "Mistral"}, {"company", "deepseek", "深度求索"}, {"country", "US", "Washington"},
      {"country", "CN", "中国"}, {"country", "EU", "EU"}, {"country", "FR", "France"},
      {"theme", "regulation", "regulators"}, {"theme", "chips", "accelerators"}, {"theme", "funding", "raises"},
      {"theme", "pricing", "cuts prices"}, {"theme", "open_source", "open weights"}, {"theme", "compute", "算力"},
  };
  private static final String[] FIELDS = {"title", "summary", "content"};

  private static RawItem rawItem(Random random, int i) {
    boolean zh = i % 3 == 2;
    String[] titles = zh ? ZH_TITLES : EN_TITLES;
    String[] sentences = zh ? ZH_SENTENCES : EN_SENTENCES;
    String sep = zh ? "" : " ";
    String title = titles[random.nextInt(titles.length)];
    String summary = sentences[random.nextInt(sentences.length)];
    StringBuilder content = new StringBuilder();
    while (utf8(content) < 1150) {
      content.append(sentences[random.nextInt(sentences.length)]).append(sep);
    }
    byte[] id = new byte[32];
    random.nextBytes(id);
    Instant published = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 30));
    return new RawItem(HexFormat.of().formatHex(id), zh ? "36kr-ai" : "techcrunch-ai", zh ? "36氪" : "TechCrunch",
        "https://news.example.com/" + (zh ? "zh" : "en") + "/2026/11/" + i, title, summary,
        content.toString().strip(), zh ? "记者 王晓" : "Jane Doe", zh ? "zh" : "en", published,
        published.plusMillis(60_000 + random.nextInt(600_000)));
  }

  private static EnrichedItem enrich(Random random, RawItem raw) {
    List<Evidence> evidence = new ArrayList<>();
    List<String> companies = new ArrayList<>();
    List<String> countries = new ArrayList<>();
    List<String> themes = new ArrayList<>();
    for (int n = 13 + random.nextInt(5); n > 0; n--) {
      String[] t = TERMS[random.nextInt(TERMS.length)];
      evidence.add(new Evidence(t[0], t[1], t[2], FIELDS[random.nextInt(FIELDS.length)]));
      List<String> ids = switch (t[0]) {
        case "company" -> companies;
        case "country" -> countries;
        default -> themes;
      };
      if (!ids.contains(t[1])) {
        ids.add(t[1]);
      }
    }
    companies.sort(null);
    countries.sort(null);
    themes.sort(null);
    return EnrichedItem.of(raw, companies, countries, themes, evidence, null, "2026.11.1");
  }

  private static int utf8(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
