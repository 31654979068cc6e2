package dev.ainews.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {

  @Test
  void shouldReduceTagsToLowercasePrimarySubtag() {
    assertEquals("en", Languages.primary("en-US"));
    assertEquals("zh", Languages.primary("zh-CN"));
    assertEquals("pt", Languages.primary("pt_BR"));
    assertEquals("de", Languages.primary(" DE "));
    assertNull(Languages.primary("english please"));
    assertNull(Languages.primary(""));
  }

  @Test
  void shouldGuessLanguageFromScript() {
    assertEquals("zh", Languages.guess("深度求索发布新模型"));
    assertEquals("ja", Languages.guess("新しいモデルが公開された"));
    assertEquals("ko", Languages.guess("네이버가 새 모델을 공개했다"));
    assertEquals("ru", Languages.guess("Новости искусственного интеллекта"));
    assertEquals("en", Languages.guess("OpenAI ships a new model"));
    assertNull(Languages.guess("2025 — 42 %"));
  }
}
