package dev.ainews.enrich.taxonomy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a taxonomy YAML file. Every problem is reported as a {@link TaxonomyException} whose message
 * names the file, the entry (a path such as {@code companies.meta.aliases[2]}) and what is wrong, because the person
 * who edits the taxonomy is an analyst, not the author of this class.
 */
final class TaxonomyLoader {

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final Pattern COMPANY_ID = Pattern.compile("[a-z0-9][a-z0-9_]*");
  private static final Set<String> COUNTRY_CODES = countryCodes();
  private static final List<String> COMPANY_LISTS = List.of("aliases", "products", "people");
  private static final List<String> COUNTRY_LISTS = List.of("names", "demonyms", "capitals", "institutions");

  private final String file;

  private TaxonomyLoader(String file) {
    this.file = file;
  }

  static Taxonomy fromClasspath(String resource) {
    try (InputStream in = TaxonomyLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new TaxonomyException("taxonomy classpath:" + resource + ": not found on the classpath");
      }
      return new TaxonomyLoader("classpath:" + resource).parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy classpath:" + resource, e);
    }
  }

  static Taxonomy fromFile(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new TaxonomyException("taxonomy " + path + ": file not found");
    } catch (IOException e) {
      throw new TaxonomyException("taxonomy " + path + ": cannot read: " + e.getMessage());
    }
    return new TaxonomyLoader(path.toString()).parse(bytes);
  }

  /** Visible for tests: parse YAML text attributed to {@code file}. */
  static Taxonomy parse(String file, String yaml) {
    return new TaxonomyLoader(file).parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Taxonomy parse(byte[] bytes) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw fail("(file)", "YAML syntax error" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw fail("(file)", "cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail("(file)", "expected a mapping with version, context, companies, countries and themes");
    }
    allowOnly(root, "(root)", Set.of("version", "context", "companies", "countries", "themes"));
    String version = requiredText(root, "version", "version");

    JsonNode context = requiredObject(root, "context", "context");
    allowOnly(context, "context", Set.of("ai", "aiWeak"));
    List<Term> ai = terms(context.get("ai"), "context.ai", false);
    List<Term> aiWeak = terms(context.get("aiWeak"), "context.aiWeak", false);
    if (ai.isEmpty()) {
      throw fail("context.ai", "at least one AI-context term is required");
    }

    JsonNode countriesNode = requiredObject(root, "countries", "countries");
    allowOnly(countriesNode, "countries", Set.of("requireContext", "items"));
    boolean countriesRequireAi = requireContext(countriesNode, "countries.requireContext");
    List<Country> countries = countries(requiredObject(countriesNode, "items", "countries.items"));
    List<Company> companies = companies(requiredObject(root, "companies", "companies"));
    JsonNode themesNode = requiredObject(root, "themes", "themes");
    allowOnly(themesNode, "themes", Set.of("requireContext", "threshold", "titleWeight", "bodyWeight", "items"));
    ThemeRules rules = themeRules(themesNode);
    double threshold = positive(themesNode, "threshold", "themes.threshold", null);
    List<Theme> themes = themes(requiredObject(themesNode, "items", "themes.items"), threshold);
    return new Taxonomy(version, file, companies, countries, themes, ai, aiWeak, countriesRequireAi, rules);
  }

  private List<Company> companies(JsonNode node) {
    List<Company> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = e.getKey();
      String where = "companies." + id;
      if (!COMPANY_ID.matcher(id).matches()) {
        throw fail(where, "company id must be lowercase letters, digits or _");
      }
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw fail(where, "expected a mapping with country and aliases");
      }
      Set<String> allowed = new HashSet<>(COMPANY_LISTS);
      allowed.add("country");
      allowOnly(c, where, allowed);
      String country = countryCode(requiredText(c, "country", where + ".country"), where + ".country");
      List<Term> terms = new ArrayList<>();
      for (String list : COMPANY_LISTS) {
        terms.addAll(terms(c.get(list), where + "." + list, false));
      }
      if (terms.isEmpty()) {
        throw fail(where, "a company needs at least one alias");
      }
      noDuplicates(terms, where);
      out.add(new Company(id, country, terms));
    }
    return out;
  }

  private List<Country> countries(JsonNode node) {
    List<Country> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "countries.items." + e.getKey();
      String code = countryCode(e.getKey(), where);
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw fail(where, "expected a mapping with names, demonyms, capitals, institutions");
      }
      allowOnly(c, where, new HashSet<>(COUNTRY_LISTS));
      List<Term> terms = new ArrayList<>();
      for (String list : COUNTRY_LISTS) {
        terms.addAll(terms(c.get(list), where + "." + list, false));
      }
      if (terms.isEmpty()) {
        throw fail(where, "a country needs at least one name");
      }
      noDuplicates(terms, where);
      out.add(new Country(code, terms));
    }
    return out;
  }

  private boolean requireContext(JsonNode node, String where) {
    JsonNode req = node.get("requireContext");
    if (req == null || req.isNull() || "none".equals(req.asText())) {
      return false;
    }
    if ("ai".equals(req.asText())) {
      return true;
    }
    throw fail(where, "unknown context '" + req.asText() + "' (expected ai or none)");
  }

  private ThemeRules themeRules(JsonNode node) {
    boolean requireAi = requireContext(node, "themes.requireContext");
    return new ThemeRules(requireAi, positive(node, "titleWeight", "themes.titleWeight", 3.0),
        positive(node, "bodyWeight", "themes.bodyWeight", 1.0));
  }

  private List<Theme> themes(JsonNode node, double defaultThreshold) {
    List<Theme> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = e.getKey();
      String where = "themes.items." + id;
      if (!Taxonomy.THEMES.contains(id)) {
        throw fail(where, "unknown theme '" + id + "' (known: " + String.join(", ", Taxonomy.THEMES.stream().sorted().toList()) + ")");
      }
      JsonNode t = e.getValue();
      if (!t.isObject()) {
        throw fail(where, "expected a mapping with terms");
      }
      allowOnly(t, where, Set.of("threshold", "terms"));
      double threshold = positive(t, "threshold", where + ".threshold", defaultThreshold);
      List<Term> terms = terms(t.get("terms"), where + ".terms", true);
      if (terms.isEmpty()) {
        throw fail(where, "a theme needs at least one term");
      }
      noDuplicates(terms, where);
      out.add(new Theme(id, threshold, terms));
    }
    return out;
  }

  private List<Term> terms(JsonNode node, String where, boolean weighted) {
    List<Term> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw fail(where, "expected a list");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(term(node.get(i), where + "[" + i + "]", weighted));
    }
    return out;
  }

  private Term term(JsonNode node, String where, boolean weighted) {
    if (node.isTextual()) {
      return new Term(nonEmpty(node.asText(), where), false, Term.NeedsContext.NONE, List.of(), 1.0, false);
    }
    if (!node.isObject()) {
      throw fail(where, "expected a string or a mapping with term");
    }
    allowOnly(node, where, weighted
        ? Set.of("term", "case", "match", "needsContext", "vetoes", "weight")
        : Set.of("term", "case", "match", "needsContext", "vetoes"));
    JsonNode textNode = node.get("term");
    String text = nonEmpty(textNode == null || textNode.isNull() ? "" : textNode.asText(), where);
    String shown = where + " '" + text + "'";
    boolean exact = switch (optionalText(node, "case", "fold")) {
      case "exact" -> true;
      case "fold" -> false;
      default -> throw fail(shown, "unknown case '" + node.get("case").asText() + "' (expected exact or fold)");
    };
    boolean prefix = switch (optionalText(node, "match", "word")) {
      case "word" -> false;
      case "prefix" -> true;
      default -> throw fail(shown, "unknown match '" + node.get("match").asText() + "' (expected word or prefix)");
    };
    Term.NeedsContext needs = switch (optionalText(node, "needsContext", "none")) {
      case "none" -> Term.NeedsContext.NONE;
      case "ai" -> Term.NeedsContext.AI;
      case "company" -> Term.NeedsContext.COMPANY;
      default -> throw fail(shown, "unknown needsContext '" + node.get("needsContext").asText()
          + "' (expected ai, company or none)");
    };
    List<String> vetoes = new ArrayList<>();
    JsonNode v = node.get("vetoes");
    if (v != null && !v.isNull()) {
      if (!v.isArray()) {
        throw fail(shown + ".vetoes", "expected a list of phrases");
      }
      for (int i = 0; i < v.size(); i++) {
        vetoes.add(nonEmpty(v.get(i).asText(), shown + ".vetoes[" + i + "]"));
      }
    }
    double weight = weighted ? positive(node, "weight", shown + ".weight", 1.0) : 1.0;
    return new Term(text, exact, needs, vetoes, weight, prefix);
  }

  /**
   * Two terms of one entry that match the same text would count a mention twice (and double a theme score). Two
   * exact-case spellings ("Llama", "LLaMA") are distinct; a folded term covers every spelling.
   */
  private void noDuplicates(List<Term> terms, String where) {
    Map<String, Term> seen = new java.util.HashMap<>();
    for (Term t : terms) {
      String key = t.text().toLowerCase(Locale.ROOT);
      Term other = seen.get(key);
      if (other != null && (!t.exactCase() || !other.exactCase() || t.text().equals(other.text()))) {
        throw fail(where, "duplicate term '" + t.text() + "' (same as '" + other.text() + "')");
      }
      seen.putIfAbsent(key, t);
    }
  }

  private String nonEmpty(String text, String where) {
    if (text == null || text.isBlank()) {
      throw fail(where, "empty alias");
    }
    return text.strip();
  }

  private String countryCode(String code, String where) {
    if (!COUNTRY_CODES.contains(code)) {
      throw fail(where, "bad country code '" + code + "' (expected ISO 3166 alpha-2 in capitals, or EU)");
    }
    return code;
  }

  private double positive(JsonNode node, String field, String where, Double defaultValue) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (defaultValue == null) {
        throw fail(where, "is required");
      }
      return defaultValue;
    }
    if (!v.isNumber() || v.asDouble() <= 0) {
      throw fail(where, "expected a positive number, got '" + v.asText() + "'");
    }
    return v.asDouble();
  }

  private String requiredText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw fail(where, "is required");
    }
    return v.asText().strip();
  }

  private static String optionalText(JsonNode node, String field, String defaultValue) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? defaultValue : v.asText();
  }

  private JsonNode requiredObject(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw fail(where, "is required and must be a mapping");
    }
    return v;
  }

  private void allowOnly(JsonNode node, String where, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw fail(where, "unknown key '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private TaxonomyException fail(String entry, String problem) {
    return new TaxonomyException("taxonomy " + file + ": " + entry + ": " + problem);
  }

  private static Set<String> countryCodes() {
    Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
    codes.add("EU");
    return Set.copyOf(codes);
  }
}
