package dev.ainews.enrich.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ainews.common.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyLoaderTest {

  /** A minimal valid taxonomy; each failure test breaks one line of it. */
  private static final String VALID = """
      version: "test-1"
      context:
        ai: [AI, LLM]
        aiWeak: [model]
      companies:
        acme:
          country: US
          aliases: [Acme AI]
          products: [{term: Roadrunner, case: exact, needsContext: ai, vetoes: [Roadrunner cartoon]}]
      countries:
        requireContext: ai
        items:
          US:
            names: [United States]
      themes:
        requireContext: ai
        threshold: 3
        items:
          cost:
            terms: [{term: cheaper, weight: 3}]
      """;

  private static TaxonomyException failure(String yaml) {
    return assertThrows(TaxonomyException.class, () -> TaxonomyLoader.parse("t.yaml", yaml));
  }

  @Test
  void shouldLoadAValidFile() {
    Taxonomy t = TaxonomyLoader.parse("t.yaml", VALID);
    assertEquals("test-1", t.version());
    assertEquals(List.of(new Company("acme", "US", List.of(Term.of("Acme AI"),
        new Term("Roadrunner", true, Term.NeedsContext.AI, List.of("Roadrunner cartoon"), 1.0, false)))), t.companies());
    assertEquals(List.of(new Theme("cost", 3.0, List.of(new Term("cheaper", false, Term.NeedsContext.NONE, List.of(), 3.0, false)))),
        t.themes());
    assertEquals(new ThemeRules(true, 3.0, 1.0), t.themeRules());
    assertEquals(true, t.countriesRequireAiContext());
  }

  @Test
  void shouldNameFileEntryAndProblemForAnUnknownTheme() {
    TaxonomyException e = failure(VALID.replace("cost:", "costs:"));
    assertEquals("taxonomy t.yaml: themes.items.costs: unknown theme 'costs' (known: chips, cost, geopolitics, "
        + "market, open_source, regulation, safety)", e.getMessage());
  }

  @Test
  void shouldRejectABadCountryCode() {
    TaxonomyException e = failure(VALID.replace("country: US", "country: USA"));
    assertEquals("taxonomy t.yaml: companies.acme.country: bad country code 'USA' (expected ISO 3166 alpha-2 "
        + "in capitals, or EU)", e.getMessage());
  }

  @Test
  void shouldRejectAnEmptyAlias() {
    TaxonomyException e = failure(VALID.replace("aliases: [Acme AI]", "aliases: [Acme AI, \"\"]"));
    assertEquals("taxonomy t.yaml: companies.acme.aliases[1]: empty alias", e.getMessage());
  }

  @Test
  void shouldReportYamlSyntaxErrorsWithTheirLine() {
    TaxonomyException e = failure(VALID.replace("aliases: [Acme AI]", "aliases: [Acme AI"));
    assertEquals(true, e.getMessage().startsWith("taxonomy t.yaml: (file): YAML syntax error at line 9"),
        e.getMessage());
  }

  @Test
  void shouldRejectAnUnknownKeyInATerm() {
    TaxonomyException e = failure(VALID.replace("needsContext: ai,", "needContext: ai,"));
    assertEquals("taxonomy t.yaml: companies.acme.products[0]: unknown key 'needContext' (allowed: case, "
        + "match, needsContext, term, vetoes)", e.getMessage());
  }

  @Test
  void shouldRejectAnUnknownNeedsContext() {
    TaxonomyException e = failure(VALID.replace("needsContext: ai,", "needsContext: cars,"));
    assertEquals("taxonomy t.yaml: companies.acme.products[0] 'Roadrunner': unknown needsContext 'cars' "
        + "(expected ai, company or none)", e.getMessage());
  }

  @Test
  void shouldRejectATermThatWouldCountTwice() {
    TaxonomyException e = failure(VALID.replace("aliases: [Acme AI]", "aliases: [Acme AI, ACME ai]"));
    assertEquals("taxonomy t.yaml: companies.acme: duplicate term 'ACME ai' (same as 'Acme AI')", e.getMessage());
  }

  @Test
  void shouldRequireAVersion() {
    TaxonomyException e = failure(VALID.replace("version: \"test-1\"", "version: \"\""));
    assertEquals("taxonomy t.yaml: version: is required", e.getMessage());
  }

  @Test
  void shouldNameTheMissingFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(missing));
    assertEquals("taxonomy " + missing + ": file not found", e.getMessage());
  }

  @Test
  void shouldLoadTheFileNamedByTheEnvironment(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("custom.yaml"), VALID);
    Taxonomy t = Taxonomy.fromEnv(new Env(Map.of("AINEWS_TAXONOMY", file.toString())));
    assertEquals("test-1", t.version());
    assertEquals(file.toString(), t.source());
  }

  @Test
  void shouldBundleEveryCompanyOfTheDesign() {
    Taxonomy t = Taxonomy.fromEnv(new Env(Map.of()));
    assertEquals(List.of("deepseek", "alibaba", "baidu", "tencent", "bytedance", "moonshot", "zhipu", "minimax",
            "01ai", "huawei", "iflytek", "openai", "anthropic", "google", "meta", "microsoft", "nvidia", "xai",
            "amazon", "apple", "mistral", "cohere", "tii", "sakana", "naver", "lg", "huggingface", "stability"),
        t.companies().stream().map(Company::id).toList());
    assertEquals(List.of("safety", "cost", "regulation", "open_source", "geopolitics", "chips", "market"),
        t.themes().stream().map(Theme::id).toList());
  }
}
