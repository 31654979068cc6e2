package dev.ainews.enrich.tag;

import dev.ainews.common.Evidence;
import java.util.List;

/**
 * The tags of one item: canonical ids, each list sorted and distinct, and the evidence that produced them
 * (sorted by dimension — company, country, theme — then id, field and term).
 */
public record Tags(List<String> companies, List<String> countries, List<String> themes, List<Evidence> evidence) {

  public static final Tags NONE = new Tags(List.of(), List.of(), List.of(), List.of());

  public Tags {
    companies = List.copyOf(companies);
    countries = List.copyOf(countries);
    themes = List.copyOf(themes);
    evidence = List.copyOf(evidence);
  }
}
