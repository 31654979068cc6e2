package dev.ainews.enrich.taxonomy;

import java.util.List;

/**
 * A country (or "EU" for the bloc) and the phrases that show an item discusses it: names, demonyms, capitals used
 * for the government ("Beijing", "Washington") and institutions ("White House", "网信办").
 */
public record Country(String code, List<Term> terms) {
  public Country {
    terms = List.copyOf(terms);
  }
}
