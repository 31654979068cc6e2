package dev.ainews.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ainews.common.Evidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerTest {

  private static final Tagger TAGGER = Tagger.fromClasspath();

  private static Tags tag(String title) {
    return TAGGER.tag(title, null, null, "en");
  }

  private static Tags tag(String title, String summary) {
    return TAGGER.tag(title, summary, null, "en");
  }

  // --- the traps of DESIGN.md, both sides ---

  @Test
  void shouldTagMistralTheCompanyInAiNews() {
    Tags t = tag("Mistral releases a new reasoning model", "The Paris startup's Magistral model is open-weight.");
    assertEquals(List.of("mistral"), t.companies());
    assertEquals(List.of("FR"), t.countries());
  }

  @Test
  void shouldNotTagTheMistralWind() {
    Tags t = tag("The mistral wind batters Provence", "Gusts of the Mistral reached 100 km/h along the coast.");
    assertEquals(Tags.NONE, t);
  }

  @Test
  void shouldTagGeminiTheModelButNotTheZodiacSign() {
    assertEquals(List.of("google"), tag("Gemini 2.5 tops the leaderboard", "The model beats rivals.").companies());
    assertEquals(Tags.NONE, tag("Gemini horoscope for the week", "Gemini, a new friend enters your life."));
  }

  @Test
  void shouldTagLlamaTheModelButNotTheAnimal() {
    assertEquals(List.of("meta"), tag("Llama 4 arrives with a 10M-token context", "Open-weight LLM.").companies());
    assertEquals(Tags.NONE, tag("Llama escapes from a farm in Peru", "The llama was found grazing nearby."));
  }

  @Test
  void shouldTagClaudeTheChatbotButNotClaudeMonet() {
    assertEquals(List.of("anthropic"), tag("Claude can now search the web", "The chatbot cites sources.").companies());
    assertEquals(List.of(), tag("Claude Monet retrospective opens", "An AI guide narrates the tour.").companies());
  }

  @Test
  void shouldTagAmazonTheCompanyButNotTheRiver() {
    assertEquals(List.of("amazon", "anthropic"), tag("Amazon invests $4 billion in Anthropic").companies());
    assertEquals(Tags.NONE, tag("Amazon rainforest loss slows", "Drought hits the Amazon River basin."));
  }

  @Test
  void shouldTagAppleTheCompanyButNotTheFruit() {
    assertEquals(List.of("apple"), tag("Apple opens its on-device AI model to developers").companies());
    assertEquals(Tags.NONE, tag("Apple harvest disappoints growers", "Apple prices rise at markets."));
  }

  @Test
  void shouldTagDoubaoTheChatbotButNotTheBun() {
    assertEquals(List.of("bytedance"), tag("豆包大模型日活突破一亿").companies());
    assertEquals(Tags.NONE, tag("豆包的做法", "把面粉和好，包上豆沙馅，蒸二十分钟。"));
  }

  @Test
  void shouldNotTagMetaInsideMetaAnalysisOrMetadata() {
    assertEquals(Tags.NONE, tag("Meta-analysis links coffee to lower risk", "The metadata of 40 trials."));
    assertEquals(List.of("meta"), tag("Meta's AI chief leaves", null).companies());
  }

  @Test
  void shouldRespectCaseRules() {
    assertEquals(List.of(), tag("The meta question for every AI startup").companies());
    assertEquals(List.of("meta"), tag("META UNVEILS NEW AI GLASSES").companies());
    assertEquals(List.of(), tag("Senators grok the AI debate").companies());
    assertEquals(List.of("xai"), tag("Grok 4 chatbot launches").companies());
  }

  @Test
  void shouldRequireWordBoundariesForLatinTerms() {
    assertEquals(List.of(), tag("co3 levels and o35 readings from the AI sensor").companies());
    assertEquals(List.of("openai"), tag("o3-mini beats o1 on AI math benchmarks").companies());
    assertEquals(List.of("openai"), tag("OpenAI’s GPT‑4o gets voice").companies());
    assertEquals(List.of("alibaba"), tag("Qwen2.5-Max released").companies());
  }

  @Test
  void shouldNotTagYiAsASurnameWithoutZeroOneAi() {
    assertEquals(List.of(), tag("Wang Yi warns on AI race", null).companies());
    assertEquals(List.of("01ai"), tag("01.AI ships Yi-Lightning", "Yi beats larger models").companies());
  }

  @Test
  void shouldMatchSeedOnlyBesideByteDance() {
    assertEquals(List.of(), tag("AI startup closes Seed round").companies());
    assertEquals(List.of("bytedance"), tag("ByteDance's Seed team open-sources Seed-OSS").companies());
  }

  // --- Chinese, Japanese, full-width ---

  @Test
  void shouldTagChineseNames() {
    Tags t = tag("月之暗面发布Kimi新模型，智谱和百度跟进", "腾讯混元与通义千问也宣布降价。");
    assertEquals(List.of("alibaba", "baidu", "moonshot", "tencent", "zhipu"), t.companies());
    assertEquals(List.of("CN"), t.countries());
    assertEquals(List.of("cost"), t.themes());
  }

  @Test
  void shouldTagJapaneseAndTraditionalChineseForms() {
    assertEquals(List.of("alibaba", "deepseek"), tag("ディープシークとアリババがAIモデルを発表").companies());
    assertEquals(List.of("bytedance", "tencent"), tag("騰訊與字節跳動的大模型競賽").companies());
  }

  @Test
  void shouldFoldFullWidthText() {
    assertEquals(List.of("deepseek"), tag("ＤｅｅｐＳｅｅｋ　Ｖ３发布").companies());
  }

  // --- countries ---

  @Test
  void shouldAddHeadquartersAndDiscussedCountries() {
    Tags t = tag("OpenAI opens office in Tokyo", "The company will serve Japanese enterprises.");
    assertEquals(List.of("openai"), t.companies());
    assertEquals(List.of("JP", "US"), t.countries());
  }

  @Test
  void shouldTagGovernmentsByCapitalAndInstitution() {
    assertEquals(List.of("CN", "EU", "US"),
        tag("Washington and Beijing spar over AI chips as Brussels watches").countries());
    assertEquals(List.of("CN"), tag("网信办发布生成式人工智能服务管理暂行办法").countries());
  }

  @Test
  void shouldNotTakeTheWashingtonPostForTheUsGovernment() {
    assertEquals(List.of(), tag("The Washington Post tests an AI search tool").countries());
  }

  @Test
  void shouldNotTagCountriesOfNonAiNews() {
    assertEquals(Tags.NONE, tag("Storm sweeps across France and Germany", "Flights from Paris and Berlin were cancelled."));
  }

  @Test
  void shouldMatchGermanAndFrenchStemsInsideLongerWords() {
    Tags de = tag("Chinesische KI-Firmen stützen sich auf heimische Halbleiterhersteller", null);
    assertEquals(List.of("CN"), de.countries());
    assertEquals(List.of("chips"), de.themes());
    assertEquals(List.of("CN"), tag("Les start-up chinoises d'IA accélèrent", null).countries());
  }

  @Test
  void shouldNotTakeThePinkFloydAlbumForMoonshot() {
    assertEquals(Tags.NONE, tag("平克·弗洛伊德《月之暗面》发行五十周年", "这张专辑至今仍是摇滚经典。"));
    assertEquals(List.of("moonshot"), tag("月之暗面发布Kimi K2大模型", null).companies());
  }

  // --- themes ---

  @Test
  void shouldScoreThemesInAiNews() {
    Tags t = tag("US tightens export controls on Nvidia H20 chips to China",
        "The Commerce Department said the rules target AI chips.");
    assertEquals(List.of("nvidia"), t.companies());
    assertEquals(List.of("CN", "US"), t.countries());
    assertEquals(List.of("chips", "geopolitics"), t.themes());
  }

  @Test
  void shouldGiveNonAiNewsNoThemeAndNoCompany() {
    assertEquals(List.of(), tag("Carmaker recalls 1 million vehicles over airbag safety", "2019 models affected.").themes());
    assertEquals(Tags.NONE, tag("Cost of living: prices rise again", "Rents and energy costs climbed."));
    assertEquals(List.of(), tag("New bank regulation takes effect", "Capital rules tighten.").themes());
    assertEquals(Tags.NONE, tag("Fish and chips shop wins award", "The chip shop in Leeds fries in beef dripping."));
  }

  @Test
  void shouldWeighTitleAboveBody() {
    // "discount" (weight 1.5) in the title scores 4.5, over the threshold of 3; in the body it scores 1.5.
    assertEquals(List.of("cost"), tag("OpenAI offers a discount on GPT-5", null).themes());
    assertEquals(List.of(), tag("OpenAI launches GPT-5", "A discount is listed on its site.").themes());
  }

  @Test
  void shouldLetTheLongerThemeTermWinAcrossThemes() {
    // "Digital Markets Act" is regulation; the "markets" inside it is not a market story.
    Tags t = tag("Apple delays AI features in the EU over the Digital Markets Act", null);
    assertEquals(List.of("regulation"), t.themes());
  }

  @Test
  void shouldKeepShortAcronymsStrict() {
    assertEquals(List.of(), tag("DeepSeek tunes its model for the UE8M0 FP8 format", null).countries().stream()
        .filter("EU"::equals).toList());
  }

  // --- evidence ---

  @Test
  void shouldRecordWhichTermMatchedWhere() {
    Tags t = tag("DeepSeek open-sources a new model", "The Hangzhou lab released it under the MIT license.");
    assertEquals(List.of(
        new Evidence("company", "deepseek", "DeepSeek", "title"),
        new Evidence("country", "CN", "DeepSeek", "title"),
        new Evidence("country", "CN", "Hangzhou", "summary"),
        new Evidence("theme", "open_source", "open-sources", "title"),
        new Evidence("theme", "open_source", "MIT license", "summary")), t.evidence());
  }

  @Test
  void shouldReportOneEvidenceForALongerTermThatContainsAShorterOne() {
    Tags t = tag("Google DeepMind unveils AI chips", null);
    assertTrue(t.evidence().contains(new Evidence("company", "google", "Google DeepMind", "title")));
    assertFalse(t.evidence().contains(new Evidence("company", "google", "Google", "title")));
    assertTrue(t.evidence().contains(new Evidence("theme", "chips", "AI chips", "title")));
    assertFalse(t.evidence().contains(new Evidence("theme", "chips", "chips", "title")));
  }

  @Test
  void shouldExposeTheTaxonomyVersion() {
    assertEquals("2026.11-1", TAGGER.taxonomyVersion());
  }

  @Test
  void shouldTagContentToo() {
    Tags t = TAGGER.tag("A quiet week", null, "Anthropic published a paper on model welfare and AI safety.", "en");
    assertEquals(List.of("anthropic"), t.companies());
    assertEquals(List.of("safety"), t.themes());
  }

  /**
   * A theme's score adds its terms' weights in the order they occur, the first occurrence of each term in the title
   * and in the body: with fractional weights, floating-point sums depend on the order (0.1 + 0.2 + 0.7 is 1.0,
   * 0.7 + 0.2 + 0.1 is 0.9999999999999999), so a score at its threshold must not depend on the taxonomy's order.
   */
  @Test
  void shouldAddThemeWeightsInTheOrderTheTermsOccur(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("t.yaml"), """
        version: "order-1"
        context:
          ai: [AI]
        companies:
          acme:
            country: US
            aliases: [Acme AI]
        countries:
          items:
            US:
              names: [United States]
        themes:
          threshold: 1
          items:
            cost:
              terms: [{term: alpha, weight: 0.7}, {term: beta, weight: 0.2}, {term: gamma, weight: 0.1}]
        """);
    Tagger tagger = Tagger.load(file);
    assertEquals(List.of("cost"), tagger.tag("News", "AI gamma beta alpha, and gamma again.", null, "en").themes());
  }
}
