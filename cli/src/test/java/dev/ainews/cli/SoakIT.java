package dev.ainews.cli;

import static dev.ainews.cli.InProcess.ainews;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.cli.bench.Corpus;
import dev.ainews.common.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ainews bench soak} for 45 s at 40 items/s with a fault every 8 s (poison raw,
 * poison enriched, restart enrich): every item enriched exactly once, every poison
 * record in the DLQ, both apps caught up after the drain, and the sample series reported.
 */
class SoakIT {

  private static final int RATE = 40;
  private static final int SECONDS = 45;

  @Test
  void shouldEnrichEveryItemOnceAndDeadLetterEveryPoisonAcrossRestarts() throws Exception {
    Instant started = Instant.now();
    InProcess.Result r = ainews("bench", "soak", "--minutes", "0.75", "--rate", Integer.toString(RATE),
        "--fault-every", "8", "--json");

    assertEquals(0, r.exit(), r.err());
    String json = r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    JsonNode soak = Json.MAPPER.readTree(json).path("suites").path("soak");
    int offered = RATE * SECONDS;
    int distinct = 0;
    Corpus corpus = Corpus.standard();
    for (int i = 0; i < offered; i++) {
      distinct += corpus.isRepeat(i) ? 0 : 1;
    }
    assertEquals(offered, soak.path("items_offered").asInt());
    assertEquals(distinct, soak.path("items_offered_distinct").asInt());
    assertEquals(distinct, soak.path("items_enriched").asInt());
    assertTrue(soak.path("enriched_exactly_once").asBoolean(), soak.toString());

    // The default clock: four hours of publish time per second of load, ending at the wall clock
    // (a broker refuses timestamps more than an hour ahead of its own).
    assertEquals(14_400, soak.path("time_scale").asInt());
    Instant from = Instant.parse(soak.path("published_from").asText());
    Instant to = Instant.parse(soak.path("published_to").asText());
    double simulated = Duration.between(from, to).toSeconds();
    assertTrue(Math.abs(simulated - SECONDS * 14_400.0) < 0.05 * SECONDS * 14_400, "publish time covered " + simulated
        + " s, " + from + " to " + to);
    assertTrue(from.isBefore(started) && !to.isAfter(Instant.now()), from + " to " + to);

    List<String> faults = new ArrayList<>();
    soak.path("faults").forEach(f -> {
      faults.add(f.path("fault").asText());
      assertTrue(f.path("ok").asBoolean(), "fault went through: " + f);
      // A closed app leaves its group, so the new instance gets its partitions at once: no 45 s session wait.
      assertTrue(f.path("took_s").asDouble() < 20, "fault took too long: " + f);
    });
    // One fault every 8 s within 45 s: the whole rotation.
    assertEquals(List.of("poison-raw", "poison-enriched", "restart-enrich", "restart-aggregate",
        "replace-enrich-thread"), faults);
    assertEquals(6, soak.path("poison_records").asLong());
    assertEquals(6, soak.path("dlq_records").asLong());
    assertEquals(3, soak.path("dlq_records_by_stage").path("enrich.read").asLong());
    assertEquals(3, soak.path("dlq_records_by_stage").path("aggregate.read").asLong());

    assertTrue(soak.path("drained").asBoolean(), soak.toString());
    assertTrue(soak.path("passed").asBoolean(), soak.toString());

    JsonNode samples = soak.path("samples");
    assertTrue(samples.size() >= 9, "a sample every 5 s of the load and one at the end: " + samples.size());
    for (JsonNode s : samples) {
      for (String field : List.of("t_s", "heap_mib", "rss_mib", "native_mib", "enrich_lag", "aggregate_lag", "offered", "enriched",
          "dlq", "gc_ms")) {
        assertTrue(s.path(field).isNumber(), field + " in " + s);
      }
    }
    JsonNode end = samples.get(samples.size() - 1);
    assertEquals("end", end.path("phase").asText());
    assertEquals(offered, end.path("offered").asInt());
    assertTrue(end.path("heap_mib").asDouble() > 0 && end.path("rss_mib").asDouble() > 0, end.toString());
    for (String series : List.of("heap_after_gc", "rss", "native", "enrich_lag", "aggregate_lag")) {
      String verdict = soak.path("trends").path(series).path("verdict").asText();
      assertTrue(verdict.equals("flat") || verdict.equals("growing"), series + " judged: " + verdict);
    }
  }
}
