package dev.ainews.bench.tag;

import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.tag.Tags;
import dev.ainews.enrich.taxonomy.Taxonomy;
import dev.ainews.enrich.taxonomy.Term;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tagger throughput over a fixed corpus of generated news items (~1.5 KB of UTF-8 each, two thirds English, one
 * third Chinese), beside a plain baseline: one case-insensitive {@code java.util.regex} alternation of every term
 * of the same taxonomy between {@code \b} boundaries, finding all matches. The baseline does less work (no
 * normalization, no context, veto or theme rules), so the ratio understates the matcher's advantage.
 *
 * <p>Score = items/s (one operation per item). {@code bytes} is the auxiliary counter of UTF-8 bytes tagged per
 * second: divide by 10^6 for MB/s.
 *
 * <pre>java -jar bench/target/benchmarks.jar TaggerBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TaggerBenchmark {

  static final int ITEMS = 400;

  private Tagger tagger;
  private Pattern baseline;
  private String[][] corpus;
  private long[] itemBytes;

  /** UTF-8 bytes processed, reported per second beside the item rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void setup() {
    tagger = Tagger.fromClasspath();
    baseline = baselinePattern(tagger.taxonomy());
    corpus = Corpus.generate(ITEMS, 42);
    itemBytes = new long[ITEMS];
    long total = 0;
    for (int i = 0; i < ITEMS; i++) {
      for (String field : corpus[i]) {
        itemBytes[i] += field.getBytes(StandardCharsets.UTF_8).length;
      }
      total += itemBytes[i];
    }
    System.out.printf("%ncorpus: %d items, %d bytes UTF-8, %.0f bytes/item; baseline regex %d chars%n", ITEMS,
        total, (double) total / ITEMS, baseline.pattern().length());
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void tagger(Blackhole bh, Bytes bytes) {
    for (int i = 0; i < ITEMS; i++) {
      String[] item = corpus[i];
      Tags tags = tagger.tag(item[0], item[1], item[2], i % 3 == 2 ? "zh" : "en");
      bh.consume(tags);
      bytes.bytes += itemBytes[i];
    }
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void regexBaseline(Blackhole bh, Bytes bytes) {
    for (int i = 0; i < ITEMS; i++) {
      int found = 0;
      for (String field : corpus[i]) {
        Matcher m = baseline.matcher(field);
        while (m.find()) {
          found++;
          bh.consume(m.start());
        }
      }
      bh.consume(found);
      bytes.bytes += itemBytes[i];
    }
  }

  static Pattern baselinePattern(Taxonomy taxonomy) {
    Set<String> terms = new LinkedHashSet<>();
    taxonomy.aiContext().forEach(t -> terms.add(t.text()));
    taxonomy.aiContextWeak().forEach(t -> terms.add(t.text()));
    taxonomy.companies().forEach(c -> c.terms().forEach(t -> terms.add(t.text())));
    taxonomy.countries().forEach(c -> c.terms().forEach(t -> terms.add(t.text())));
    taxonomy.themes().forEach(th -> th.terms().stream().map(Term::text).forEach(terms::add));
    // Longest first, so that "GPT-4o" is preferred to "GPT" at the same position, as a tagger would want.
    String alternation = terms.stream().sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile("\\b(?:" + alternation + ")\\b", Pattern.CASE_INSENSITIVE);
  }

  /** Deterministic, news-like items assembled from sentence pools. */
  static final class Corpus {
    private static final String[] EN_TITLES = {
        "DeepSeek releases open-weight reasoning model that rivals OpenAI o3 at a fraction of the cost",
        "US tightens export controls on Nvidia H20 chips bound for China",
        "Alibaba's Qwen3 tops open-source leaderboard as Chinese labs close the gap",
        "Anthropic raises $13 billion at a $183 billion valuation",
        "EU AI Act obligations for general-purpose models take effect in Brussels",
        "Meta reorganizes its superintelligence lab after Llama 4 disappoints",
        "Mistral AI and Nvidia build a sovereign AI cloud in France",
        "Google DeepMind's Gemini 2.5 Deep Think wins gold at math olympiad",
        "Huawei ships Ascend 910C accelerators to Chinese cloud providers",
        "Microsoft expands Copilot with GPT-5 for enterprise customers",
        "Apple weighs buying Perplexity to shore up Apple Intelligence",
        "xAI's Grok chatbot faces safety criticism after offensive posts",
        "Amazon Bedrock adds Claude Opus and Nova Premier models",
        "Moonshot AI's Kimi K2 challenges US models on agentic benchmarks",
        "Cohere launches Command A for regulated industries in Canada",
    };
    private static final String[] EN_SENTENCES = {
        "The company said the model was trained on a cluster of GPUs for a fraction of what rivals spend.",
        "Analysts expect the price war among Chinese AI labs to squeeze margins across the industry.",
        "Lawmakers in Washington have proposed legislation that would restrict sales of advanced chips.",
        "The release is available under an Apache 2.0 license on Hugging Face and GitHub.",
        "Researchers found that the system could be jailbroken with simple prompt injection attacks.",
        "Shares of the chipmaker rose 4% in New York trading after quarterly revenue beat estimates.",
        "The European Commission said the code of practice would help providers comply with the rules.",
        "Beijing has urged domestic firms to use local accelerators instead of foreign processors.",
        "Developers praised the lower inference costs, which fell to $0.14 per million tokens.",
        "The startup, founded by former Google researchers, is valued at more than $6 billion.",
        "Critics warned that the safeguards were not enough to prevent misuse of the technology.",
        "The model supports a context window of one million tokens and multimodal inputs.",
        "Officials at the Commerce Department said the entity list now includes several more firms.",
        "Sales of data center hardware drove most of the growth in the last quarter.",
        "The weather in the region remained mild, and the local football team won its match on Sunday.",
        "Engineers spent months optimizing the training pipeline to reduce the energy footprint.",
        "Users can access the chatbot for free, while a subscription unlocks higher usage limits.",
        "The agreement includes a multi-year commitment to buy cloud capacity worth billions of dollars.",
    };
    private static final String[] ZH_TITLES = {
        "深度求索发布新一代开源大模型，推理成本大幅下降",
        "美国收紧对华芯片出口管制，英伟达H20受影响",
        "阿里巴巴通义千问Qwen3登顶开源榜单",
        "字节跳动豆包大模型宣布降价，火山引擎打响价格战",
        "网信办发布人工智能生成合成内容标识办法",
        "华为昇腾芯片获国内云厂商大规模采购",
        "月之暗面Kimi K2发布，智谱和百度跟进",
        "腾讯混元大模型开源，支持多模态输入",
    };
    private static final String[] ZH_SENTENCES = {
        "公司表示，新模型在多项基准测试中超过了同类产品，训练成本仅为竞争对手的几分之一。",
        "分析人士认为，国内大模型厂商之间的价格战将持续，行业利润率承压。",
        "美国商务部将多家中国企业列入实体清单，限制其获取先进半导体。",
        "该模型以开放权重形式在Hugging Face上发布，开发者可以免费下载。",
        "监管部门要求生成式人工智能服务提供者落实安全评估和备案要求。",
        "受人工智能需求推动，公司季度营收同比增长超过百分之五十，股价创下新高。",
        "今天天气晴朗，市民纷纷前往公园散步，周末的交通较为顺畅。",
        "研究人员发现，模型在部分场景下仍会产生幻觉，需要进一步对齐。",
        "算力紧张的局面仍未缓解，多家公司加快建设数据中心。",
        "业内人士指出，自主可控的芯片生态是应对外部封锁的关键。",
    };

    static String[][] generate(int n, long seed) {
      Random r = new Random(seed);
      List<String[]> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        boolean zh = i % 3 == 2;
        String[] titles = zh ? ZH_TITLES : EN_TITLES;
        String[] sentences = zh ? ZH_SENTENCES : EN_SENTENCES;
        String sep = zh ? "" : " ";
        String title = titles[r.nextInt(titles.length)];
        String summary = sentences[r.nextInt(sentences.length)] + sep + sentences[r.nextInt(sentences.length)];
        StringBuilder content = new StringBuilder();
        int target = 1500 - utf8(title) - utf8(summary);
        while (utf8(content.toString()) < target) {
          content.append(sentences[r.nextInt(sentences.length)]).append(sep);
        }
        items.add(new String[] {title, summary, content.toString().strip()});
      }
      return items.toArray(new String[0][]);
    }

    private static int utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
