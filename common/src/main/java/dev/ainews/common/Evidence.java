package dev.ainews.common;

/**
 * Why an item was tagged: one matched term.
 *
 * @param dimension "company", "country" or "theme"
 * @param id        canonical taxonomy id ("deepseek", "CN", "open_source")
 * @param term      the alias or phrase as written in the taxonomy
 * @param field     where it matched: "title", "summary" or "content"
 */
public record Evidence(String dimension, String id, String term, String field) {}
