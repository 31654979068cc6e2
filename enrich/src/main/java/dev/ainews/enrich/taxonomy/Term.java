package dev.ainews.enrich.taxonomy;

import java.util.List;
import java.util.Objects;

/**
 * One matchable phrase of the taxonomy (a company alias, a country name, a theme term, an AI-context word) with
 * the rules that keep it from firing on the wrong sense of the word.
 *
 * @param text         the phrase as written in the taxonomy; reported as {@code Evidence.term}
 * @param exactCase    true when only this capitalization counts ("Meta", not "meta"); an all-capitals rendering
 *                     ("META") also counts because headlines in capitals carry no case information
 * @param needsContext what else the item must contain before this phrase counts
 * @param vetoes       phrases that cancel an occurrence they overlap ("Claude Monet" cancels "Claude")
 * @param weight       contribution to a theme score; 1 elsewhere
 * @param prefix       true when the phrase may begin a longer word: a German or French stem
 *                     ("Halbleiter" in "Halbleiterindustrie", "chinois" in "chinoises")
 */
public record Term(String text, boolean exactCase, NeedsContext needsContext, List<String> vetoes, double weight,
    boolean prefix) {

  public Term {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(needsContext, "needsContext");
    vetoes = List.copyOf(vetoes);
  }

  public static Term of(String text) {
    return new Term(text, false, NeedsContext.NONE, List.of(), 1.0, false);
  }

  /** What an ambiguous phrase needs besides itself. */
  public enum NeedsContext {
    /** Nothing: the phrase is unambiguous. */
    NONE,
    /** An AI-context term (strong or weak) or an unambiguous company match somewhere in the item. */
    AI,
    /** Another, unambiguous match of the same company ("Seed" counts only beside "ByteDance"). */
    COMPANY
  }
}
