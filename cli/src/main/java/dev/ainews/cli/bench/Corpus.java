package dev.ainews.cli.bench;

import dev.ainews.common.RawItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Synthetic but news-shaped raw items, the same for a given seed: about 1.5 KB each
 * (headline, summary, a few paragraphs of content), three in four in English and
 * one in four in Chinese, most naming an AI company and many a theme, with
 * syndicated copies (the same story under another feed and id, which story
 * clustering joins) and exact re-publications (the same id again, which the
 * enrich dedupe drops).
 *
 * <p>Items are roughly in publish order over {@link #SPAN} with up to ten
 * minutes of jitter, the way feeds deliver them.
 */
public final class Corpus {

  public static final Duration SPAN = Duration.ofDays(30);
  /** Share of items that repeat an earlier item's id exactly (a feed re-publishing its entry). */
  static final int EXACT_REPEAT_PERCENT = 2;
  /** Share of items that copy an earlier item's story under a new id (syndication). */
  static final int SYNDICATED_PERCENT = 6;

  private static final String[][] COMPANIES_EN = {
      {"DeepSeek", "DeepSeek-R1"}, {"Alibaba", "Qwen"}, {"Baidu", "ERNIE"}, {"Moonshot AI", "Kimi"},
      {"OpenAI", "ChatGPT"}, {"Anthropic", "Claude"}, {"Google", "Gemini"}, {"Meta", "Llama"},
      {"Mistral AI", "Le Chat"}, {"Nvidia", "Blackwell"}, {"Zhipu AI", "GLM"}, {"ByteDance", "Doubao"}};
  private static final String[][] COMPANIES_ZH = {
      {"深度求索", "DeepSeek-R1"}, {"阿里巴巴", "通义千问"}, {"百度", "文心一言"}, {"月之暗面", "Kimi"},
      {"OpenAI", "ChatGPT"}, {"字节跳动", "豆包"}, {"智谱", "GLM"}, {"华为", "昇腾"}};
  private static final String[] THEMES_EN = {"open-source model release under an open-weight license",
      "price cut that lowers inference cost per million tokens", "export controls on advanced AI chips",
      "new AI regulation and the EU AI Act", "safety testing by an AI safety institute",
      "data center investment and GPU supply", "funding round at a higher valuation",
      "benchmark results on reasoning tasks"};
  private static final String[] THEMES_ZH = {"开源大模型发布", "推理成本大幅降价", "芯片出口管制", "人工智能监管新规",
      "AI安全评测", "算力数据中心投资", "完成新一轮融资", "推理能力基准测试"};
  private static final String[] COUNTRIES_EN = {"China", "the United States", "France", "the European Union",
      "Japan", "the United Kingdom", "South Korea", "India"};
  private static final String[] COUNTRIES_ZH = {"中国", "美国", "法国", "欧盟", "日本", "英国", "韩国", "印度"};
  private static final String[] FILLER_EN = {
      "Analysts said the move reflects intensifying competition among developers of large language models.",
      "The company did not disclose how many customers were using the service at launch.",
      "Industry observers noted that training runs have grown more expensive every year since 2020.",
      "Executives told reporters on a call that demand from enterprise customers remained strong.",
      "Researchers cautioned that independent evaluations would take several weeks to complete.",
      "Shares of several suppliers rose in early trading after the announcement.",
      "The announcement follows months of speculation about the product roadmap.",
      "Developers on social media posted early comparisons with rival systems within hours."};
  private static final String[] FILLER_ZH = {
      "业内人士表示，这一举措反映出大模型开发商之间的竞争日趋激烈。", "该公司没有透露上线时使用该服务的客户数量。",
      "分析人士指出，自2020年以来训练成本逐年上升。", "公司高管在电话会议上表示，企业客户需求依然强劲。",
      "研究人员提醒，独立评测还需要数周时间才能完成。", "消息公布后，多家供应商股价在早盘上涨。",
      "此前数月，外界对其产品路线图多有猜测。", "开发者在社交媒体上迅速发布了与竞品的对比结果。"};

  // The specifics that make one headline unlike another, as real headlines are: without them the headlines of one
  // (company, theme) template had the same fingerprint once the "(#i)" suffix was stripped, and the story stage
  // joined 99.8 % of the corpus into stories instead of the 6 % syndicated copies.
  private static final String[] VERBS_EN = {"unveils", "rolls out", "launches", "previews", "expands", "upgrades",
      "ships", "debuts", "pilots", "introduces"};
  private static final String[] FEATURES_EN = {"voice mode", "coding assistant", "video generator",
      "translation tool", "search feature", "image editor", "agent platform", "mobile app", "desktop client",
      "browser extension", "spreadsheet plugin", "meeting summarizer", "tutoring service", "support bot",
      "music generator", "math solver", "document reader", "travel planner", "shopping assistant", "health chatbot"};
  private static final String[] AUDIENCES_EN = {"for students", "for hospitals", "for retailers", "for lawyers",
      "for game studios", "for newsrooms", "for farmers", "for carmakers", "for airlines", "for schools",
      "for architects", "for translators"};
  private static final String[] VERBS_ZH = {"发布", "推出", "上线", "试点", "升级", "开放", "亮相", "更新", "展示", "引入"};
  private static final String[] FEATURES_ZH = {"语音助手", "编程助手", "视频生成工具", "翻译工具", "搜索功能", "图像编辑器",
      "智能体平台", "手机应用", "桌面客户端", "浏览器插件", "表格插件", "会议纪要工具", "辅导服务", "客服机器人", "音乐生成器",
      "数学解题工具", "文档阅读器", "旅行规划助手", "购物助手", "健康问答机器人"};
  private static final String[] AUDIENCES_ZH = {"面向学生", "面向医院", "面向零售商", "面向律师", "面向游戏公司", "面向媒体",
      "面向农户", "面向车企", "面向航空公司", "面向学校", "面向建筑师", "面向译者"};

  private final long seed;
  private final Instant start;

  public Corpus(long seed, Instant start) {
    this.seed = seed;
    this.start = start;
  }

  /** The default corpus: seed 42, items published over the 30 days from 2026-01-01. */
  public static Corpus standard() {
    return new Corpus(42, Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Item {@code i} of {@code n}; items with the same (seed, i, n) are equal. */
  public RawItem item(int i, int n) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    Instant published = start.plusMillis(SPAN.toMillis() * i / Math.max(n, 1) + r.nextLong(600_000));
    int roll = r.nextInt(100);
    if (i > 100 && roll < EXACT_REPEAT_PERCENT) {
      // The same entry again: same id, same content, a little later.
      RawItem first = item(i - 1 - r.nextInt(50), n);
      return new RawItem(first.id(), first.feed(), first.source(), first.url(), first.title(), first.summary(),
          first.content(), first.author(), first.language(), published, published);
    }
    if (i > 100 && roll < EXACT_REPEAT_PERCENT + SYNDICATED_PERCENT) {
      RawItem first = story(i - 1 - r.nextInt(50), n);
      int feed = r.nextInt(60);
      return new RawItem(id("syndicated-" + i), "bench-feed-" + feed, "Wire " + feed, "https://wire" + feed
          + ".example.com/a/" + i, first.title(), first.summary(), first.content(), first.author(), first.language(),
          published, published);
    }
    return story(i, n, r, published);
  }

  /** Whether item {@code i} repeats an earlier item's id (the enrich dedupe drops it). */
  public boolean isRepeat(int i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    r.nextLong(600_000);
    return i > 100 && r.nextInt(100) < EXACT_REPEAT_PERCENT;
  }

  /** The original story of item {@code i}, whatever item {@code i} itself turned out to be. */
  private RawItem story(int i, int n) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    Instant published = start.plusMillis(SPAN.toMillis() * i / Math.max(n, 1) + r.nextLong(600_000));
    r.nextInt(100);
    return story(i, n, r, published);
  }

  private static RawItem story(int i, int n, SplittableRandom r, Instant published) {
    boolean zh = r.nextInt(4) == 0;
    boolean company = r.nextInt(100) < 65;
    boolean theme = r.nextInt(100) < 55;
    boolean country = r.nextInt(100) < 35;
    String[][] companies = zh ? COMPANIES_ZH : COMPANIES_EN;
    String[] c = companies[r.nextInt(companies.length)];
    String themeText = (zh ? THEMES_ZH : THEMES_EN)[r.nextInt(THEMES_EN.length)];
    String place = (zh ? COUNTRIES_ZH : COUNTRIES_EN)[r.nextInt(COUNTRIES_EN.length)];
    String[] filler = zh ? FILLER_ZH : FILLER_EN;
    String title;
    String summary;
    int languages = 2 + r.nextInt(60);
    if (zh) {
      title = (company ? c[0] + VERBS_ZH[r.nextInt(VERBS_ZH.length)] + c[1] : "一家初创公司"
          + VERBS_ZH[r.nextInt(VERBS_ZH.length)]) + FEATURES_ZH[r.nextInt(FEATURES_ZH.length)]
          + AUDIENCES_ZH[r.nextInt(AUDIENCES_ZH.length)] + "，支持" + languages + "种语言" + (theme ? "：" + themeText : "")
          + "（第" + i + "号）";
      summary = (country ? place + "市场方面，" : "") + (company ? c[0] + "表示，" + c[1] + "在多项任务上表现提升。" : "")
          + (theme ? "报道称，此次涉及" + themeText + "。" : "") + filler[r.nextInt(filler.length)];
    } else {
      title = (company ? c[0] + " " + VERBS_EN[r.nextInt(VERBS_EN.length)] + " " + c[1] : "Startup "
          + VERBS_EN[r.nextInt(VERBS_EN.length)] + " AI") + " " + FEATURES_EN[r.nextInt(FEATURES_EN.length)] + " "
          + AUDIENCES_EN[r.nextInt(AUDIENCES_EN.length)] + " in " + languages + " languages"
          + (theme ? " amid " + themeText : "") + " (#" + i + ")";
      summary = (company ? c[0] + " said the new version of " + c[1] + " improves on several tasks. " : "")
          + (country ? "The launch targets customers in " + place + ". " : "")
          + (theme ? "The news centres on a " + themeText + ". " : "") + filler[r.nextInt(filler.length)];
    }
    StringBuilder content = new StringBuilder(1400);
    int target = zh ? 420 : 1000;
    while (content.length() < target) {
      content.append(filler[r.nextInt(filler.length)]).append(zh ? "" : " ");
    }
    int feed = r.nextInt(60);
    return new RawItem(id("item-" + i), "bench-feed-" + feed, (zh ? "科技新闻 " : "Tech Daily ") + feed,
        "https://news" + feed + ".example.com/" + (published.getEpochSecond() / 86400) + "/" + i, title, summary,
        content.toString().strip(), zh ? "记者 " + (i % 97) : "Staff writer " + (i % 97), zh ? "zh" : "en", published,
        published.plusSeconds(30 + r.nextInt(900)));
  }

  static String id(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
