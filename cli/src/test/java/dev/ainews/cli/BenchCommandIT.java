package dev.ainews.cli;

import static dev.ainews.cli.InProcess.ainews;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ainews bench} on a tiny workload: every suite runs on its embedded broker and
 * the JSON report carries every figure. The figures themselves are not asserted (a
 * shared 2-core machine makes them noise at this size); that they exist, are
 * positive and that the targets are judged is what a reader of the report relies on.
 */
class BenchCommandIT {

  private static final Map<String, List<String>> FIGURES = Map.of(
      "poll", List.of("feeds", "wall_s", "fetches_per_s", "process_cpu_s", "ingest_threads_cpu_s"),
      "enrich", List.of("items", "items_per_s", "passthrough_items_per_s", "ratio", "cpu_us_per_item",
          "passthrough_cpu_us_per_item", "work_items_per_s_per_core"),
      "aggregate", List.of("items", "items_per_s", "passthrough_items_per_s", "ratio", "cpu_us_per_item"),
      "pipeline", List.of("items", "items_per_s", "passthrough_items_per_s", "ratio", "peak_heap_mib", "peak_rss_mib",
          "e2e_p50_ms", "e2e_p99_ms"),
      "replay", List.of("items", "items_per_s"));

  @Test
  void everySuiteReportsItsFiguresAndPositiveRatiosAsOneJsonObject() throws Exception {
    InProcess.Result r = ainews("bench", "poll", "enrich", "aggregate", "pipeline", "replay", "--items", "2000",
        "--feeds", "40", "--rate", "200", "--seconds", "3", "--warmup", "500", "--json");

    assertEquals(0, r.exit(), r.err());
    // The JSON is one line; under the test logging config, log lines share stdout with it.
    String json = r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    JsonNode report = Json.MAPPER.readTree(json);
    JsonNode machine = report.path("machine");
    assertEquals(Runtime.getRuntime().availableProcessors(), machine.path("cores").asInt());
    assertTrue(machine.path("jdk").asText().contains(System.getProperty("java.runtime.version")), machine.toString());
    JsonNode suites = report.path("suites");
    assertEquals(List.of("poll", "enrich", "aggregate", "pipeline", "replay"), names(suites));
    for (Map.Entry<String, List<String>> suite : FIGURES.entrySet()) {
      for (String figure : suite.getValue()) {
        JsonNode v = suites.path(suite.getKey()).path(figure);
        assertTrue(v.isNumber() && v.asDouble() > 0, suite.getKey() + "." + figure + " is a positive number: " + v);
      }
    }
    assertEquals(2000, suites.path("enrich").path("items").asInt());
    assertEquals(500, report.path("warmup").path("items").asInt());
    assertEquals(40, suites.path("poll").path("feeds").asInt());
    assertEquals(0, suites.path("pipeline").path("latency_items_not_visible").asInt());
    assertEquals(600, suites.path("pipeline").path("latency_items").asInt());
    List<String> targets = new ArrayList<>();
    report.path("targets").forEach(t -> {
      targets.add(t.path("target").asText());
      assertTrue(t.path("met").isBoolean(), "each target is judged met or not: " + t);
    });
    assertEquals(List.of("enrich throughput vs pass-through", "pipeline throughput vs pass-through chain",
        "end-to-end p99 at 200 items/s", "replay throughput"), targets);
  }

  @Test
  void anUnknownSuiteIsAUsageError() {
    InProcess.Result r = ainews("bench", "everything");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown suite 'everything'"), r.err());
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
