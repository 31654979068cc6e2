package dev.ainews.enrich;

import dev.ainews.common.EnrichedItem;
import java.util.Objects;

/**
 * An enriched item on its way to story clustering, with the SimHash of its text
 * computed in the parallel stage. Internal to the enrich app (its repartition
 * topic), not part of the public contract.
 */
public record Tagged(EnrichedItem item, long simhash) {
  public Tagged {
    Objects.requireNonNull(item, "item");
  }
}
