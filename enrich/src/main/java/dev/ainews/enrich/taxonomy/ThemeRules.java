package dev.ainews.enrich.taxonomy;

/**
 * How theme scores are computed.
 *
 * @param requireAiContext themes only on AI news: an item needs a strong AI-context term or a tagged company, so a
 *                         car safety recall or a bank regulation story gets no theme
 * @param titleWeight      multiplier of a term found in the title
 * @param bodyWeight       multiplier of a term found in the summary or the content (counted once for both, since
 *                         feeds often repeat the summary as the first paragraph)
 */
public record ThemeRules(boolean requireAiContext, double titleWeight, double bodyWeight) {}
