package dev.ainews.aggregate;

import java.util.Map;

/**
 * Headquarters country of each company id of the taxonomy, for the share-of-voice
 * measures. The enriched item lists the HQ country among its countries, but also
 * countries merely discussed, so the item alone cannot say whose HQ is whose; the
 * table is part of the taxonomy's meaning and changes only with it.
 */
final class Headquarters {

  static final Map<String, String> COUNTRY = Map.ofEntries(
      Map.entry("deepseek", "CN"), Map.entry("alibaba", "CN"), Map.entry("baidu", "CN"),
      Map.entry("tencent", "CN"), Map.entry("bytedance", "CN"), Map.entry("moonshot", "CN"),
      Map.entry("zhipu", "CN"), Map.entry("minimax", "CN"), Map.entry("01ai", "CN"), Map.entry("huawei", "CN"),
      Map.entry("iflytek", "CN"),
      Map.entry("openai", "US"), Map.entry("anthropic", "US"), Map.entry("google", "US"), Map.entry("meta", "US"),
      Map.entry("microsoft", "US"), Map.entry("nvidia", "US"), Map.entry("xai", "US"), Map.entry("amazon", "US"),
      Map.entry("apple", "US"), Map.entry("huggingface", "US"),
      Map.entry("mistral", "FR"), Map.entry("cohere", "CA"), Map.entry("tii", "AE"), Map.entry("sakana", "JP"),
      Map.entry("naver", "KR"), Map.entry("lg", "KR"), Map.entry("stability", "GB"));

  private Headquarters() {}

  /** The HQ country, or null for a company the table does not know (a newer taxonomy). */
  static String of(String company) {
    return COUNTRY.get(company);
  }
}
