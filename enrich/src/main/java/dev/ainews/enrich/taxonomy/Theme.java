package dev.ainews.enrich.taxonomy;

import java.util.List;

/**
 * A theme and its weighted terms; the item carries the theme when the weighted score of its distinct matched terms
 * reaches {@code threshold}.
 */
public record Theme(String id, double threshold, List<Term> terms) {
  public Theme {
    terms = List.copyOf(terms);
  }
}
