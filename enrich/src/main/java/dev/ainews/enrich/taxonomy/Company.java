package dev.ainews.enrich.taxonomy;

import java.util.List;

/**
 * A company of the taxonomy.
 *
 * @param id      canonical id ("deepseek")
 * @param country ISO 3166 alpha-2 code of its headquarters; tagged whenever the company is
 * @param terms   names, products and people that identify it, in every language of the file
 */
public record Company(String id, String country, List<Term> terms) {
  public Company {
    terms = List.copyOf(terms);
  }
}
