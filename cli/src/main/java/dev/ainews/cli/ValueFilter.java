package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --filter FIELD=VALUE} on JSON values, all filters must hold: an array field
 * matches when it contains VALUE, any other field when its text equals VALUE (both
 * ignoring case, so {@code country=cn} finds {@code CN}). {@code company}, {@code theme}
 * and {@code country} name the enriched item's list fields; on trend and signal records,
 * which have no such lists, {@code company=deepseek} means dimension company, value deepseek.
 */
final class ValueFilter {

  private static final Map<String, String> ALIASES = Map.of(
      "company", "companies", "theme", "themes", "country", "countries");

  private record Condition(String field, String value) {}

  private final List<Condition> conditions;

  private ValueFilter(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** @throws IllegalArgumentException naming the bad filter */
  static ValueFilter parse(List<String> specs) {
    List<Condition> out = new ArrayList<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new IllegalArgumentException("filter '" + s + "' is not FIELD=VALUE (e.g. company=deepseek)");
      }
      out.add(new Condition(s.substring(0, eq).trim(), s.substring(eq + 1).trim()));
    }
    return new ValueFilter(List.copyOf(out));
  }

  boolean isEmpty() {
    return conditions.isEmpty();
  }

  boolean test(JsonNode value) {
    if (conditions.isEmpty()) {
      return true;
    }
    if (value == null || !value.isObject()) {
      return false;
    }
    for (Condition c : conditions) {
      if (!holds(c, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(Condition c, JsonNode value) {
    String alias = ALIASES.get(c.field());
    if (alias != null && value.has(alias)) {
      return matches(value.get(alias), c.value());
    }
    if (value.has(c.field())) {
      return matches(value.get(c.field()), c.value());
    }
    // a trend or signal record: {"dimension":"company","value":"deepseek",...}
    if (value.has("dimension") && value.has("value")) {
      return c.field().equalsIgnoreCase(value.get("dimension").asText())
          && c.value().equalsIgnoreCase(value.get("value").asText());
    }
    return false;
  }

  private static boolean matches(JsonNode field, String expected) {
    if (field.isArray()) {
      for (JsonNode e : field) {
        if (e.asText().equalsIgnoreCase(expected)) {
          return true;
        }
      }
      return false;
    }
    return !field.isNull() && field.asText().equalsIgnoreCase(expected);
  }
}
