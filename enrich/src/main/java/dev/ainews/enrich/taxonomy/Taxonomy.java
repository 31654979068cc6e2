package dev.ainews.enrich.taxonomy;

import dev.ainews.common.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The tagging taxonomy: companies, countries, themes and the AI-context vocabulary, loaded from one versioned YAML
 * file ({@code taxonomy/taxonomy.yaml} on the classpath, or the file named by {@code AINEWS_TAXONOMY}).
 *
 * @param version        the file's {@code version}; stamped on every enriched item so a replay can tell taxonomies apart
 * @param source         where it was loaded from, for messages
 * @param aiContext      terms that make an item AI news ("LLM", "人工智能")
 * @param aiContextWeak  terms that confirm an ambiguous name but do not by themselves make an item AI news ("model")
 * @param countriesRequireAiContext countries discussed in the text count only in AI news (a strong AI-context term
 *                       or a tagged company): a story about the mistral wind in France is not a French AI story
 */
public record Taxonomy(
    String version,
    String source,
    List<Company> companies,
    List<Country> countries,
    List<Theme> themes,
    List<Term> aiContext,
    List<Term> aiContextWeak,
    boolean countriesRequireAiContext,
    ThemeRules themeRules) {

  /** The classpath resource of the bundled taxonomy. */
  public static final String CLASSPATH_RESOURCE = "/taxonomy/taxonomy.yaml";

  /** Environment variable naming a taxonomy file that replaces the bundled one. */
  public static final String ENV_VAR = "AINEWS_TAXONOMY";

  /**
   * The theme ids of DESIGN.md. A theme outside this set is refused: every id becomes a trend series and a topic
   * value downstream apps rely on, so a typo must not silently start a new one.
   */
  public static final Set<String> THEMES =
      Set.of("safety", "cost", "regulation", "open_source", "geopolitics", "chips", "market");

  public Taxonomy {
    companies = List.copyOf(companies);
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    aiContext = List.copyOf(aiContext);
    aiContextWeak = List.copyOf(aiContextWeak);
  }

  public static Taxonomy fromClasspath() {
    return TaxonomyLoader.fromClasspath(CLASSPATH_RESOURCE);
  }

  public static Taxonomy load(Path file) {
    return TaxonomyLoader.fromFile(file);
  }

  /** The file named by {@code AINEWS_TAXONOMY} if set, else the bundled taxonomy. */
  public static Taxonomy fromEnv(Env env) {
    String path = env.string(ENV_VAR, null);
    return path == null ? fromClasspath() : load(Path.of(path));
  }
}
