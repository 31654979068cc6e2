package dev.ainews.enrich.taxonomy;

import dev.ainews.common.ConfigException;

/** A taxonomy file cannot be used; the message names the file, the entry and the problem. */
public class TaxonomyException extends ConfigException {
  public TaxonomyException(String message) {
    super(message);
  }
}
