package dev.ainews.enrich.tag;

import dev.ainews.common.Env;
import dev.ainews.common.Evidence;
import dev.ainews.enrich.taxonomy.Company;
import dev.ainews.enrich.taxonomy.Country;
import dev.ainews.enrich.taxonomy.Taxonomy;
import dev.ainews.enrich.taxonomy.Term;
import dev.ainews.enrich.taxonomy.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tags a news item by company, country and theme according to a {@link Taxonomy}. Built once per taxonomy (it
 * compiles every term into one {@link AhoCorasick} automaton), immutable and safe to share between threads: the
 * enrichment stream, the {@code ainews tag} command and replays all call {@link #tag}.
 *
 * <p>Rules, all driven by the taxonomy's data:
 * <ul>
 *   <li>text is NFKC-normalized and case-folded; Latin terms need word boundaries, CJK terms do not;</li>
 *   <li>a {@code case: exact} term counts only in its own capitalization (or in all capitals);</li>
 *   <li>a veto phrase cancels the occurrences it overlaps;</li>
 *   <li>{@code needsContext: ai} needs an AI-context term or an unambiguous company name in the item;
 *       {@code needsContext: company} needs another unambiguous name of the same company (or country);</li>
 *   <li>companies bring their headquarters country; other countries come from names, demonyms, capitals and
 *       institutions in the text;</li>
 *   <li>a theme needs, when the taxonomy says {@code requireContext: ai}, a strong AI-context term or a tagged
 *       company, and a score of its distinct terms (weight times title or body weight) at its threshold.</li>
 * </ul>
 */
public final class Tagger {

  static final String[] FIELDS = {"title", "summary", "content"};
  private static final int TITLE = 0;

  private static final int CTX_STRONG = 0;
  private static final int CTX_WEAK = 1;
  private static final int COMPANY = 2;
  private static final int COUNTRY = 3;
  private static final int THEME = 4;
  private static final int VETO = 5;

  private final Taxonomy taxonomy;
  private final AhoCorasick automaton;
  private final int[] kind;
  /** Entity index (company, country, theme) or, for a veto, the pattern it cancels. */
  private final int[] owner;
  private final Term[] term;
  private final String[] exactForm;
  private final String[] exactUpper;
  private final byte[] startKind;
  private final byte[] endKind;
  private final boolean[] strict;
  private final String[] companyIds;
  private final String[] companyCountry;
  private final String[] countryCodes;
  private final String[] themeIds;
  private final double[] themeThreshold;
  /** The longest pattern, in folded characters. */
  private final int maxPatternLength;
  /** Sort positions of ids and terms (see {@link #resolve}), and the sorted values. */
  private final int[] companyRank;
  private final String[] companyByRank;
  private final int[] countryRank;
  private final int[] companyCountryRank;
  private final String[] countryByRank;
  private final int[] themeRank;
  private final String[] themeByRank;
  private final int[] termRank;
  private final String[] termByRank;

  public Tagger(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
    List<Integer> kinds = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    Builder b = new Builder(kinds, owners, terms, patterns);
    taxonomy.aiContext().forEach(t -> b.add(CTX_STRONG, 0, t));
    taxonomy.aiContextWeak().forEach(t -> b.add(CTX_WEAK, 0, t));
    List<Company> companies = taxonomy.companies();
    companyIds = new String[companies.size()];
    companyCountry = new String[companies.size()];
    for (int i = 0; i < companies.size(); i++) {
      companyIds[i] = companies.get(i).id();
      companyCountry[i] = companies.get(i).country();
      for (Term t : companies.get(i).terms()) {
        b.add(COMPANY, i, t);
      }
    }
    List<Country> countries = taxonomy.countries();
    countryCodes = new String[countries.size()];
    for (int i = 0; i < countries.size(); i++) {
      countryCodes[i] = countries.get(i).code();
      for (Term t : countries.get(i).terms()) {
        b.add(COUNTRY, i, t);
      }
    }
    List<Theme> themes = taxonomy.themes();
    themeIds = new String[themes.size()];
    themeThreshold = new double[themes.size()];
    for (int i = 0; i < themes.size(); i++) {
      themeIds[i] = themes.get(i).id();
      themeThreshold[i] = themes.get(i).threshold();
      for (Term t : themes.get(i).terms()) {
        b.add(THEME, i, t);
      }
    }
    int n = patterns.size();
    kind = kinds.stream().mapToInt(Integer::intValue).toArray();
    owner = owners.stream().mapToInt(Integer::intValue).toArray();
    term = terms.toArray(new Term[0]);
    exactForm = new String[n];
    exactUpper = new String[n];
    startKind = new byte[n];
    endKind = new byte[n];
    strict = new boolean[n];
    List<String> folded = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      String norm = TextNormalizer.normalize(patterns.get(p));
      char[] f = TextNormalizer.fold(norm);
      folded.add(new String(f));
      startKind[p] = charKind(f[0]);
      // Short acronyms ("UE", "EU", "AI", "H20") are strict: "UE8M0" is a number format, not the Union.
      strict[p] = isAcronym(patterns.get(p));
      // A stem ("Halbleiter") may run on into a longer word; everything else, vetoes included, ends a word.
      endKind[p] = term[p] != null && term[p].prefix() ? 0 : charKind(f[f.length - 1]);
      if (term[p] != null && term[p].exactCase()) {
        exactForm[p] = norm;
        String upper = norm.toUpperCase(Locale.ROOT);
        exactUpper[p] = upper.length() == norm.length() ? upper : norm;
      }
    }
    automaton = new AhoCorasick(folded);
    maxPatternLength = folded.stream().mapToInt(String::length).max().orElse(0);

    List<String> sorted = new ArrayList<>();
    companyRank = ranks(companyIds, sorted);
    companyByRank = sorted.toArray(new String[0]);
    // Countries come from the country list and from companies' headquarters: one numbering for both.
    String[] codes = Arrays.copyOf(countryCodes, countryCodes.length + companyCountry.length);
    System.arraycopy(companyCountry, 0, codes, countryCodes.length, companyCountry.length);
    sorted.clear();
    int[] codeRank = ranks(codes, sorted);
    countryByRank = sorted.toArray(new String[0]);
    countryRank = Arrays.copyOf(codeRank, countryCodes.length);
    companyCountryRank = Arrays.copyOfRange(codeRank, countryCodes.length, codes.length);
    sorted.clear();
    themeRank = ranks(themeIds, sorted);
    themeByRank = sorted.toArray(new String[0]);
    String[] texts = new String[n];
    for (int p = 0; p < n; p++) {
      texts[p] = term[p] != null ? term[p].text() : patterns.get(p);
    }
    sorted.clear();
    termRank = ranks(texts, sorted);
    termByRank = sorted.toArray(new String[0]);
  }

  /** The bundled taxonomy ({@code taxonomy/taxonomy.yaml} on the classpath). */
  public static Tagger fromClasspath() {
    return new Tagger(Taxonomy.fromClasspath());
  }

  public static Tagger load(Path taxonomyFile) {
    return new Tagger(Taxonomy.load(taxonomyFile));
  }

  /** The taxonomy named by {@code AINEWS_TAXONOMY}, else the bundled one. */
  public static Tagger fromEnv(Env env) {
    return new Tagger(Taxonomy.fromEnv(env));
  }

  public String taxonomyVersion() {
    return taxonomy.version();
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * Tags one item. Any argument but {@code title} may be null; {@code lang} is accepted for the record but not
   * used: feeds mislabel languages and mix them, so every term is tried on every item.
   */
  public Tags tag(String title, String summary, String content, String lang) {
    Occurrences occ = new Occurrences();
    String[] texts = {title, summary, content};
    for (int f = 0; f < texts.length; f++) {
      if (texts[f] != null && !texts[f].isBlank()) {
        scanField(f, texts[f], occ);
      }
    }
    return occ.size == 0 ? Tags.NONE : resolve(occ);
  }

  private void scanField(int field, String text, Occurrences occ) {
    TextNormalizer.Folded normalized = TextNormalizer.normalizeAndFold(text);
    String norm = normalized.normalized();
    char[] folded = normalized.folded();
    Occurrences hits = new Occurrences();
    automaton.scan(folded, (p, end) -> {
      int start = end - automaton.patternLength(p);
      if (boundaryOk(folded, start, end, p)) {
        hits.add(p, field, start, end);
      }
    });
    boolean anyVeto = false;
    for (int h = 0; h < hits.size && !anyVeto; h++) {
      anyVeto = kind[hits.pattern[h]] == VETO;
    }
    for (int h = 0; h < hits.size; h++) {
      int p = hits.pattern[h];
      if (kind[p] == VETO) {
        continue;
      }
      if (exactForm[p] != null && !norm.startsWith(exactForm[p], hits.start[h])
          && !norm.startsWith(exactUpper[p], hits.start[h])) {
        continue;
      }
      if (anyVeto && vetoed(hits, h)) {
        continue;
      }
      occ.add(p, field, hits.start[h], hits.end[h]);
    }
  }

  private boolean vetoed(Occurrences hits, int h) {
    int p = hits.pattern[h];
    for (int v = 0; v < hits.size; v++) {
      int vp = hits.pattern[v];
      if (kind[vp] == VETO && owner[vp] == p && hits.start[v] < hits.end[h] && hits.start[h] < hits.end[v]) {
        return true;
      }
    }
    return false;
  }

  /**
   * A Latin term must not continue a word: "Meta" is not in "metadata", "o3" not in "co3", "GPT-4" not in
   * "GPT-40". A change between letters and digits is a boundary, since model names glue versions on ("Qwen2.5",
   * "Llama3"); hyphens and apostrophes are boundaries ("Meta-owned", "OpenAI's").
   */
  private boolean boundaryOk(char[] text, int start, int end, int p) {
    if (startKind[p] != 0 && start > 0) {
      byte before = charKind(text[start - 1]);
      if (before == startKind[p] || (strict[p] && before != 0)) {
        return false;
      }
    }
    if (endKind[p] == 0 || end >= text.length) {
      return true;
    }
    byte after = charKind(text[end]);
    return after != endKind[p] && !(strict[p] && after != 0);
  }

  private static boolean isAcronym(String text) {
    if (text.length() > 4) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** 0: not part of a Latin-script word (including CJK, which has no word boundaries); 1: letter; 2: digit. */
  private static byte charKind(char c) {
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return 1;
      }
      return (byte) (c >= '0' && c <= '9' ? 2 : 0);
    }
    if (c >= 0x2E80) {
      return 0;
    }
    if (Character.isDigit(c)) {
      return 2;
    }
    return (byte) (Character.isLetter(c) ? 1 : 0);
  }

  private Tags resolve(Occurrences occ) {
    boolean aiStrong = false;
    boolean aiWeak = false;
    boolean strongCompany = false;
    boolean[] accepted = new boolean[occ.size];
    boolean[] companyNamed = new boolean[companyIds.length];
    boolean[] countryNamed = new boolean[countryCodes.length];
    for (int i = 0; i < occ.size; i++) {
      int p = occ.pattern[i];
      switch (kind[p]) {
        case CTX_STRONG -> aiStrong = true;
        case CTX_WEAK -> aiWeak = true;
        case COMPANY -> {
          if (term[p].needsContext() == Term.NeedsContext.NONE) {
            strongCompany = true;
          }
        }
        default -> { }
      }
    }
    boolean aiContext = aiStrong || aiWeak || strongCompany;
    // Context-free and AI-context terms first; "same company" terms then lean on what those confirmed.
    for (int i = 0; i < occ.size; i++) {
      int p = occ.pattern[i];
      if (kind[p] < COMPANY || term[p].needsContext() == Term.NeedsContext.COMPANY) {
        continue;
      }
      accepted[i] = term[p].needsContext() == Term.NeedsContext.NONE || aiContext;
      if (accepted[i] && kind[p] == COMPANY) {
        companyNamed[owner[p]] = true;
      } else if (accepted[i] && kind[p] == COUNTRY) {
        countryNamed[owner[p]] = true;
      }
    }
    boolean anyCompany = false;
    for (int i = 0; i < occ.size; i++) {
      int p = occ.pattern[i];
      if (kind[p] >= COMPANY && term[p].needsContext() == Term.NeedsContext.COMPANY) {
        accepted[i] = switch (kind[p]) {
          case COMPANY -> companyNamed[owner[p]];
          case COUNTRY -> countryNamed[owner[p]];
          default -> false;
        };
      }
      anyCompany |= accepted[i] && kind[p] == COMPANY;
    }
    dropContained(occ, accepted);

    boolean themesAllowed = !taxonomy.themeRules().requireAiContext() || aiStrong || anyCompany;
    boolean countriesAllowed = !taxonomy.countriesRequireAiContext() || aiStrong || anyCompany;
    // Tags and evidence are collected as ranks, not strings: ids and terms are numbered in their sort order once,
    // at construction, so ordering and de-duplicating an item's evidence is a sort of longs.
    boolean[] company = new boolean[companyIds.length];
    boolean[] country = new boolean[countryByRank.length];
    long[] ev = new long[2 * occ.size];
    int evs = 0;
    long[] themeTerms = new long[occ.size];
    int themeTermCount = 0;
    for (int i = 0; i < occ.size; i++) {
      if (!accepted[i]) {
        continue;
      }
      int p = occ.pattern[i];
      int e = owner[p];
      int field = occ.field[i];
      switch (kind[p]) {
        case COMPANY -> {
          company[e] = true;
          country[companyCountryRank[e]] = true;
          ev[evs++] = evidenceKey(EV_COMPANY, companyRank[e], field, termRank[p]);
          ev[evs++] = evidenceKey(EV_COUNTRY, companyCountryRank[e], field, termRank[p]);
        }
        case COUNTRY -> {
          if (countriesAllowed) {
            country[countryRank[e]] = true;
            ev[evs++] = evidenceKey(EV_COUNTRY, countryRank[e], field, termRank[p]);
          }
        }
        case THEME -> {
          if (themesAllowed) {
            themeTerms[themeTermCount++] = ((long) (field == TITLE ? 0 : 1) << 62) | ((long) p << 32) | i;
          }
        }
        default -> { }
      }
    }
    boolean[] theme = new boolean[themeIds.length];
    if (themesAllowed) {
      // A term scores once in the title and once in the body, however often it occurs there: the first occurrence
      // of each (title or body, term) counts, and the scores add up in occurrence order, as floating-point sums
      // depend on their order.
      Arrays.sort(themeTerms, 0, themeTermCount);
      int[] counted = new int[themeTermCount];
      int n = 0;
      for (int k = 0; k < themeTermCount; k++) {
        if (k == 0 || (themeTerms[k] >>> 32) != (themeTerms[k - 1] >>> 32)) {
          counted[n++] = (int) themeTerms[k];
        }
      }
      Arrays.sort(counted, 0, n);
      double[] score = new double[themeIds.length];
      for (int k = 0; k < n; k++) {
        int p = occ.pattern[counted[k]];
        score[owner[p]] += term[p].weight() * (occ.field[counted[k]] == TITLE
            ? taxonomy.themeRules().titleWeight() : taxonomy.themeRules().bodyWeight());
      }
      for (int t = 0; t < themeIds.length; t++) {
        theme[t] = score[t] >= themeThreshold[t];
      }
      for (int i = 0; i < occ.size; i++) {
        int p = occ.pattern[i];
        if (accepted[i] && kind[p] == THEME && theme[owner[p]]) {
          if (evs == ev.length) {
            ev = Arrays.copyOf(ev, evs * 2);
          }
          ev[evs++] = evidenceKey(EV_THEME, themeRank[owner[p]], occ.field[i], termRank[p]);
        }
      }
    }
    Arrays.sort(ev, 0, evs);
    List<Evidence> evidence = new ArrayList<>(evs);
    for (int k = 0; k < evs; k++) {
      if (k == 0 || ev[k] != ev[k - 1]) {
        evidence.add(evidence(ev[k]));
      }
    }
    return new Tags(inRankOrder(company, companyRank, companyIds.length, companyByRank),
        inRankOrder(country, null, country.length, countryByRank),
        inRankOrder(theme, themeRank, themeIds.length, themeByRank), evidence);
  }

  private static final int EV_COMPANY = 0;
  private static final int EV_COUNTRY = 1;
  private static final int EV_THEME = 2;
  private static final String[] EV_DIMENSION = {"company", "country", "theme"};

  /** Orders as the evidence list does: dimension, id, field (title, summary, content), term. */
  private static long evidenceKey(int dimension, int idRank, int field, int termRank) {
    return ((long) dimension << 56) | ((long) idRank << 34) | ((long) field << 32) | termRank;
  }

  private Evidence evidence(long key) {
    int dimension = (int) (key >>> 56);
    int idRank = (int) ((key >>> 34) & 0x3FFFFF);
    String id = switch (dimension) {
      case EV_COMPANY -> companyByRank[idRank];
      case EV_COUNTRY -> countryByRank[idRank];
      default -> themeByRank[idRank];
    };
    return new Evidence(EV_DIMENSION[dimension], id, termByRank[(int) key], FIELDS[(int) (key >>> 32) & 3]);
  }

  /**
   * The ids flagged, sorted: {@code flagged} is indexed by entity (or, with a null {@code rank}, by rank already).
   */
  private static List<String> inRankOrder(boolean[] flagged, int[] rank, int n, String[] byRank) {
    boolean[] byR = flagged;
    if (rank != null) {
      byR = new boolean[n];
      for (int e = 0; e < n; e++) {
        byR[rank[e]] |= flagged[e];
      }
    }
    List<String> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (byR[r]) {
        out.add(byRank[r]);
      }
    }
    return out;
  }

  /** Each distinct string's position in sorted order; {@code byRank} receives the sorted distinct strings. */
  private static int[] ranks(String[] values, List<String> byRank) {
    TreeSet<String> sorted = new TreeSet<>(Arrays.asList(values));
    byRank.addAll(sorted);
    Map<String, Integer> pos = new HashMap<>();
    for (String v : byRank) {
      pos.put(v, pos.size());
    }
    int[] r = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = pos.get(values[i]);
    }
    return r;
  }

  /**
   * Within one entity and field, a term inside a longer matched term is the same mention: "AI chips" must not
   * also score "chips", and "Google DeepMind" is one piece of evidence, not three. Across themes too: the
   * "Digital Markets Act" is regulation, not a "markets" story; "export rules" are geopolitics, not "rules".
   */
  private void dropContained(Occurrences occ, boolean[] accepted) {
    // The occurrences are in (field, end) order: scanField adds each field's hits in order of end offset, fields in
    // order. An occurrence that contains i is in i's field, ends at or after i and starts at or before i, so it ends
    // at most maxPatternLength after i's start: only that neighbourhood is searched, not every pair (which was a
    // quarter of the tagger's time on long articles).
    int from = 0;
    for (int i = 0; i < occ.size; i++) {
      while (occ.field[from] < occ.field[i] || (occ.field[from] == occ.field[i] && occ.end[from] < occ.end[i])) {
        from++;
      }
      if (!accepted[i]) {
        continue;
      }
      int p = occ.pattern[i];
      for (int j = from; j < occ.size && occ.field[j] == occ.field[i] && occ.end[j] - maxPatternLength <= occ.start[i];
          j++) {
        int q = occ.pattern[j];
        if (j != i && accepted[j] && kind[q] == kind[p] && (owner[q] == owner[p] || kind[p] == THEME)
            && occ.start[j] <= occ.start[i] && occ.end[j] >= occ.end[i]
            && occ.end[j] - occ.start[j] > occ.end[i] - occ.start[i]) {
          accepted[i] = false;
          break;
        }
      }
    }
  }

  /** Growable parallel arrays of (pattern, field, start, end); local to one call. */
  private static final class Occurrences {
    int size;
    int[] pattern = new int[32];
    int[] field = new int[32];
    int[] start = new int[32];
    int[] end = new int[32];

    void add(int p, int f, int s, int e) {
      if (size == pattern.length) {
        int n = size * 2;
        pattern = Arrays.copyOf(pattern, n);
        field = Arrays.copyOf(field, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
      }
      pattern[size] = p;
      field[size] = f;
      start[size] = s;
      end[size] = e;
      size++;
    }
  }

  /** Collects patterns: each term, then its veto phrases pointing back at it. */
  private record Builder(List<Integer> kinds, List<Integer> owners, List<Term> terms, List<String> patterns) {
    void add(int kind, int owner, Term t) {
      int p = patterns.size();
      kinds.add(kind);
      owners.add(owner);
      terms.add(t);
      patterns.add(t.text());
      for (String veto : t.vetoes()) {
        kinds.add(VETO);
        owners.add(p);
        terms.add(null);
        patterns.add(veto);
      }
    }
  }
}
