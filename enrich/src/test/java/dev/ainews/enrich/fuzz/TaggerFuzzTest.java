package dev.ainews.enrich.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ainews.common.Evidence;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.tag.Tags;
import dev.ainews.enrich.taxonomy.Company;
import dev.ainews.enrich.taxonomy.Country;
import dev.ainews.enrich.taxonomy.Theme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fuzzes {@link Tagger#tag} with arbitrary text. Whatever a feed puts in a title, the tagger never throws, answers
 * promptly, returns sorted distinct taxonomy ids, and every tag is backed by evidence (and every piece of evidence
 * by a tag) from a field that was actually given.
 *
 * <p>An input is UTF-8 text: its first line is the title, its second the summary, the rest the content (a field is
 * null when the input has no such line). A normal build runs the seeds under
 * {@code src/test/resources/dev/ainews/enrich/fuzz/TaggerFuzzTestInputs/} (dev-set items and the taxonomy's traps);
 * to fuzz for {@code maxDuration}:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -B -pl enrich test -Dtest='TaggerFuzzTest'
 * </pre>
 */
class TaggerFuzzTest {

  private static final Tagger TAGGER = Tagger.fromClasspath();
  private static final Duration MAX_TAG_TIME = Duration.ofSeconds(2);
  private static final List<String> FIELDS = List.of("title", "summary", "content");
  private static final List<String> DIMENSIONS = List.of("company", "country", "theme");

  private static final Set<String> COMPANY_IDS =
      TAGGER.taxonomy().companies().stream().map(Company::id).collect(Collectors.toSet());
  private static final Set<String> COUNTRY_CODES = countryCodes();
  private static final Set<String> THEME_IDS =
      TAGGER.taxonomy().themes().stream().map(Theme::id).collect(Collectors.toSet());

  private static Set<String> countryCodes() {
    Set<String> codes = TAGGER.taxonomy().countries().stream().map(Country::code)
        .collect(Collectors.toCollection(java.util.HashSet::new));
    // A company brings its headquarters country even when the countries list does not name it.
    TAGGER.taxonomy().companies().forEach(c -> codes.add(c.country()));
    return codes;
  }

  @FuzzTest(maxDuration = "60s")
  void tagNeverThrowsAndEveryTagHasEvidence(byte[] input) {
    String[] fields = split(new String(input, StandardCharsets.UTF_8));
    long start = System.nanoTime();
    Tags tags = TAGGER.tag(fields[0], fields[1], fields[2], "en");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(MAX_TAG_TIME) <= 0, "tagging " + input.length + " bytes took " + took.toMillis()
        + " ms");

    assertSortedDistinctWithin(tags.companies(), COMPANY_IDS, "companies");
    assertSortedDistinctWithin(tags.countries(), COUNTRY_CODES, "countries");
    assertSortedDistinctWithin(tags.themes(), THEME_IDS, "themes");

    assertEquals(tags.companies(), evidenced(tags, "company"), "companies and company evidence agree");
    assertEquals(tags.countries(), evidenced(tags, "country"), "countries and country evidence agree");
    assertEquals(tags.themes(), evidenced(tags, "theme"), "themes and theme evidence agree");
    for (Evidence e : tags.evidence()) {
      int field = FIELDS.indexOf(e.field());
      assertTrue(field >= 0, "evidence names a field: " + e);
      assertTrue(fields[field] != null && !fields[field].isBlank(), "evidence from a field that was given: " + e);
      assertTrue(e.term() != null && !e.term().isBlank(), "evidence names its term: " + e);
    }
    assertEquals(sortedDistinctEvidence(tags.evidence()), tags.evidence(),
        "evidence sorted by dimension, id, field, term and distinct");

    assertEquals(tags, TAGGER.tag(fields[0], fields[1], fields[2], "zh"), "the same text tags the same way");
  }

  /** Title, summary, content: the first line, the second, the rest; null where the input stops. */
  private static String[] split(String text) {
    String[] parts = text.split("\n", 3);
    String[] fields = new String[3];
    System.arraycopy(parts, 0, fields, 0, parts.length);
    return fields;
  }

  private static void assertSortedDistinctWithin(List<String> ids, Set<String> known, String what) {
    assertEquals(List.copyOf(new TreeSet<>(ids)), ids, what + " sorted and distinct");
    assertTrue(known.containsAll(ids), what + " are taxonomy ids: " + ids);
  }

  private static List<String> evidenced(Tags tags, String dimension) {
    return List.copyOf(tags.evidence().stream().filter(e -> e.dimension().equals(dimension)).map(Evidence::id)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static List<Evidence> sortedDistinctEvidence(List<Evidence> evidence) {
    List<Evidence> out = new ArrayList<>(new java.util.LinkedHashSet<>(evidence));
    out.sort((a, b) -> {
      int c = Integer.compare(DIMENSIONS.indexOf(a.dimension()), DIMENSIONS.indexOf(b.dimension()));
      c = c != 0 ? c : a.id().compareTo(b.id());
      c = c != 0 ? c : Integer.compare(FIELDS.indexOf(a.field()), FIELDS.indexOf(b.field()));
      return c != 0 ? c : a.term().compareTo(b.term());
    });
    return out;
  }
}
