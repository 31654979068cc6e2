package dev.ainews.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void shouldFoldEveryCharLikeCharacterToLowerCase() {
    for (int i = 0; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      assertEquals(Character.toLowerCase(c), TextNormalizer.foldChar(c), () -> "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void shouldNormalizeAndFoldInOnePassLikeTheTwoSteps() {
    List<String> texts = List.of(
        "DeepSeek releases V3.2 as OpenAI cuts prices",
        "ＤｅｅｐＳｅｅｋ’s “open” model – GPT‑4o rival",          // full-width, quotes, dashes, non-breaking hyphen
        "深度求索发布新模型，阿里巴巴通义千问跟进",
        "山姆・奥特曼谈 ChatGPT 的成本",                           // katakana middle dot
        "Die Bundesregierung prüft Halbleiter-Exporte nach China",
        "L’Union européenne et l’ﬁnancement de l’IA",             // ligature: NFKC
        "ソフトバンクがＯｐｅｎＡＩに出資",
        "Meta\u00A0AI\u3000と Llama",
        "\u0080\u009F control, Ωμέγα, ДипСик, 한국 AI",
        "",
        "x");
    for (String t : texts) {
      TextNormalizer.Folded f = TextNormalizer.normalizeAndFold(t);
      String norm = TextNormalizer.normalize(t);
      assertEquals(norm, f.normalized(), t);
      assertArrayEquals(TextNormalizer.fold(norm), f.folded(), t);
    }
  }
}
