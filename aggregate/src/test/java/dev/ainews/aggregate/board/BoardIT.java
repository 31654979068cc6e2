package dev.ainews.aggregate.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.aggregate.AggregateApp;
import dev.ainews.aggregate.AggregateConfig;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Env;
import dev.ainews.common.Json;
import dev.ainews.common.Topics;
import dev.ainews.common.http.HttpEndpoint;
import dev.ainews.common.kafka.EmbeddedKafka;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.testing.KafkaTestSupport;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live board in a real headless Chromium against the aggregate app on a real broker: "No data yet" while
 * the stores are empty, then, without a reload, the very numbers the API serves, drawn in the same Chart.js
 * instances; no console error, warning or failed load on the way.
 */
class BoardIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String COMPANIES = "companies-chart";

  /**
   * January 2025 news, one item per entry, "company:theme" at 09:00, 09:05, ... of the day. Historical on
   * purpose: the board must find these windows, not the last 30 days of the wall clock. The 28th is a burst
   * of DeepSeek (6 against a week of 1 a day).
   */
  private static final Map<Integer, List<String>> NEWS = new LinkedHashMap<>();

  static {
    for (int day = 20; day <= 26; day++) {
      List<String> items = new ArrayList<>(List.of("deepseek:cost", "openai:safety"));
      if (day % 2 == 1 && day < 26) {
        items.add("alibaba:open_source");
      } else if (day == 22 || day == 24) {
        items.add("mistral:regulation");
      }
      NEWS.put(day, items);
    }
    List<String> burst = new ArrayList<>(Collections.nCopies(6, "deepseek:cost"));
    burst.addAll(List.of("openai:safety", "openai:safety", "anthropic:safety"));
    NEWS.put(28, burst);
  }

  private static EmbeddedKafka kafka;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void startBroker() {
    Chromium.binary(); // a missing Chromium fails here, before a broker is started for nothing
    kafka = EmbeddedKafka.startTemporary();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldShowNoDataYetThenDrawTheApiDataInPlaceWithoutConsoleProblems() throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    vars.put("AINEWS_STATE_DIR", tmp.resolve("state").toString());
    vars.put("AINEWS_AGGREGATE_COMMIT_INTERVAL", "200ms");
    vars.put("AINEWS_PARTITIONS", "2");
    // A week of history is enough to call the 28th a burst.
    vars.put("AINEWS_BURST_WARMUP_1D", "3");
    vars.put("AINEWS_BURST_MIN_1D", "3");
    AggregateConfig config = AggregateConfig.fromEnv(new Env(vars));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (HttpEndpoint http = HttpEndpoint.start("127.0.0.1", 0, registry);
        AggregateApp app = new AggregateApp(config, registry)) {
      app.registerHandlers(http);
      app.start();
      String base = "http://127.0.0.1:" + http.port();
      KafkaTestSupport.waitUntil(() -> get(base + "/api/range").statusCode() == 200, WAIT,
          "the state stores to answer /api/range");
      assertEquals("{\"1h\":{},\"1d\":{}}",
          get(base + "/api/range").body());

      try (Chromium chrome = Chromium.start(Files.createDirectory(tmp.resolve("chromium")), 1400, 1000)) {
        chrome.open(base + "/?refresh=1000");
        chrome.waitFor("window.__board !== undefined && window.__board.renders >= 1", WAIT);
        JsonNode empty = chrome.eval("({"
            + "status: document.getElementById('status').textContent,"
            + "empties: [...document.querySelectorAll('.empty')].filter(e => !e.hidden).map(e => e.textContent),"
            + "datasets: ['companies-chart', 'share-chart', 'themes-chart']"
            + "  .map(id => Chart.getChart(id).data.datasets.length)})");
        assertEquals("No data yet: waiting for enriched items (polling every 1 s)", empty.get("status").asText());
        assertEquals(List.of("No data yet", "No data yet", "No data yet", "No bursts yet"),
            strings(empty.get("empties")));
        assertEquals("[0,2,0]", empty.get("datasets").toString(), "only the (empty) CN and US share lines");
        chrome.eval("window.__firstCompaniesChart = Chart.getChart('companies-chart'), true");

        produce(base);
        int renders = chrome.eval("window.__board.renders").asInt();
        // Two more renders: the second one fetched everything after the API had settled.
        chrome.waitFor("window.__board.renders >= " + (renders + 2), WAIT);
        JsonNode board = chrome.eval(probe());

        List<String> labels = strings(board.get("companies").get("labels"));
        assertEquals(30, labels.size());
        assertEquals("2024-12-30", labels.get(0));
        assertEquals("2025-01-28", labels.get(29));
        Map<String, List<Double>> companies = datasets(board.get("companies"));
        assertEquals(List.of("deepseek", "openai", "alibaba", "mistral", "anthropic", "burst"),
            List.copyOf(companies.keySet()), "top companies by items, then the burst markers");
        assertEquals(perDay(Map.of(20, 1, 21, 1, 22, 1, 23, 1, 24, 1, 25, 1, 26, 1, 28, 6), 0.0),
            companies.get("deepseek"));
        assertEquals(perDay(Map.of(21, 1, 23, 1, 25, 1), 0.0), companies.get("alibaba"));
        assertEquals(perDay(Map.of(28, 6), null), companies.get("burst"), "one marker: DeepSeek on the 28th");
        String from = "2024-12-30T00:00:00Z";
        String to = "2025-01-28T00:00:00Z";
        List<TrendCount> apiCompanies = Json.MAPPER.readValue(get(base + "/api/trends?dimension=company&window=1d"
            + "&from=" + from + "&to=" + to).body(), new TypeReference<List<TrendCount>>() {});
        for (String company : List.of("deepseek", "openai", "alibaba", "mistral", "anthropic")) {
          assertEquals(series(apiCompanies, company, labels), companies.get(company), company + " as the API has it");
        }

        Map<String, List<Double>> share = datasets(board.get("share"));
        assertEquals(perDay(Map.of(20, 50.0, 21, 66.7, 22, 33.3, 23, 66.7, 24, 33.3, 25, 66.7, 26, 50.0, 28, 66.7),
            null), share.get("CN"));
        assertEquals(perDay(Map.of(20, 50.0, 21, 33.3, 22, 33.3, 23, 33.3, 24, 33.3, 25, 33.3, 26, 50.0, 28, 33.3),
            null), share.get("US"));

        Map<String, List<Double>> themes = datasets(board.get("themes"));
        assertEquals(List.of("safety", "cost", "regulation", "open_source"), List.copyOf(themes.keySet()));
        assertEquals(perDay(Map.of(20, 1, 21, 1, 22, 1, 23, 1, 24, 1, 25, 1, 26, 1, 28, 3), 0.0), themes.get("safety"));
        assertEquals(perDay(Map.of(22, 1, 24, 1), 0.0), themes.get("regulation"));
        List<TrendCount> apiThemes = Json.MAPPER.readValue(get(base + "/api/trends?dimension=theme&window=1d"
            + "&from=" + from + "&to=" + to).body(), new TypeReference<List<TrendCount>>() {});
        for (String theme : themes.keySet()) {
          assertEquals(series(apiThemes, theme, labels), themes.get(theme), theme + " as the API has it");
        }

        List<Signal> apiSignals = Json.MAPPER.readValue(get(base + "/api/signals?from=" + from
            + "&to=2025-01-28T23:59:59.999Z").body(), new TypeReference<List<Signal>>() {});
        Set<String> expectedRows = new TreeSet<>();
        for (Signal s : apiSignals) {
          expectedRows.add(s.windowStart().toString().replace("T", " ").replace(":00Z", "") + "|" + s.window() + "|"
              + s.dimension() + "|" + s.value() + "|" + s.observed());
        }
        assertTrue(expectedRows.contains("2025-01-28 00:00|1d|company|deepseek|6"), expectedRows.toString());
        Set<String> rows = new TreeSet<>();
        for (JsonNode row : board.get("rows")) {
          rows.add(String.join("|", strings(row).subList(0, 5)));
        }
        assertEquals(expectedRows, rows, "the burst table holds the API's signals");

        assertTrue(board.get("sameChart").asBoolean(), "the company chart was updated in place, not recreated");
        assertEquals(List.of(), strings(board.get("empties")), "no 'No data yet' left");
        chrome.screenshot(Path.of("target", "board.png"));

        // Hourly windows: the last 7 days with data, 168 hours ending at the 28th 09:00.
        renders = chrome.eval("const w = document.getElementById('window'); w.value = '1h';"
            + " w.dispatchEvent(new Event('change')); window.__board.renders").asInt();
        chrome.waitFor("window.__board.renders > " + renders + " && window.__board.range.window === '1h'", WAIT);
        JsonNode hourly = chrome.eval(probe());
        List<String> hours = strings(hourly.get("companies").get("labels"));
        assertEquals(168, hours.size());
        assertEquals("01-21 10:00", hours.get(0));
        assertEquals("01-28 09:00", hours.get(167));
        List<Double> deepseek = datasets(hourly.get("companies")).get("deepseek");
        assertEquals(6.0, deepseek.get(167));
        List<TrendCount> apiHourly = read(get(base + "/api/trends?dimension=company&value=deepseek&window=1h"
            + "&from=2025-01-21T10:00:00Z&to=2025-01-28T09:00:00Z").body(), new TypeReference<List<TrendCount>>() {});
        Double[] expectedHourly = new Double[hours.size()];
        Arrays.fill(expectedHourly, 0.0);
        for (TrendCount c : apiHourly) {
          String label = c.windowStart().toString();
          expectedHourly[hours.indexOf(label.substring(5, 10) + " " + label.substring(11, 16))] = (double) c.items();
        }
        assertEquals(Arrays.asList(expectedHourly), deepseek, "deepseek hourly as the API has it");
        assertEquals(11.0, deepseek.stream().mapToDouble(Double::doubleValue).sum(), "09:00 of the 22nd to 26th + 6");

        assertEquals(List.of(), chrome.problems(), "console errors, warnings, uncaught exceptions, failed loads");
      }
    }
  }

  /** Labels, and datasets as label -> data, of the three charts, as Chart.js holds them; plus the table. */
  private static String probe() {
    return "(() => {"
        + " const chart = (id) => { const c = Chart.getChart(id);"
        + "   return { labels: c.data.labels,"
        + "     datasets: c.data.datasets.map(d => ({ label: d.label, data: d.data })) }; };"
        + " return { companies: chart('companies-chart'), share: chart('share-chart'), themes: chart('themes-chart'),"
        + "   sameChart: Chart.getChart('" + COMPANIES + "') === window.__firstCompaniesChart,"
        + "   empties: [...document.querySelectorAll('.empty')].filter(e => !e.hidden).map(e => e.textContent),"
        + "   rows: [...document.querySelectorAll('#signals tbody tr')]"
        + "     .map(tr => [...tr.children].map(td => td.textContent)) };"
        + "})()";
  }

  private void produce(String base) throws Exception {
    List<EnrichedItem> items = new ArrayList<>();
    NEWS.forEach((day, entries) -> {
      for (int i = 0; i < entries.size(); i++) {
        String[] tag = entries.get(i).split(":");
        Instant at = Instant.parse(String.format("2025-01-%02dT09:%02d:00Z", day, i * 5));
        String id = day + "-" + i;
        items.add(new EnrichedItem(id, "feed", "source", "https://example.com/" + id, "title " + id, null, null, null,
            "en", at, Instant.now(), List.of(tag[0]), List.of(), List.of(tag[1]), List.of(), "story-" + id, "test"));
      }
    });
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        KafkaClients.producerConfig(kafka.bootstrapServers(), "board-it"), new StringSerializer(),
        new ByteArraySerializer())) {
      // One partition, in publish order: the counter sees event time advance monotonically and no window closes
      // before all its items are in (two partitions are read interleaved, and the hourly grace is only 6 h).
      for (EnrichedItem i : items) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), 0, i.publishedAt().toEpochMilli(), i.id(),
            Topics.ENRICHED.valueSerde().serializer().serialize(Topics.ENRICHED.name(), i)));
      }
    }
    // Settled: every item counted in the daily windows of its company and theme, the burst fired with its
    // final count; the API answers the same from now on.
    Map<String, Long> companies = Map.of("deepseek", 13L, "openai", 9L, "alibaba", 3L, "mistral", 2L, "anthropic", 1L);
    Map<String, Long> themes = Map.of("cost", 13L, "safety", 10L, "open_source", 3L, "regulation", 2L);
    KafkaTestSupport.waitUntil(() -> totals(base, "company").equals(companies) && totals(base, "theme").equals(themes)
        && get(base + "/api/share?window=1d&name=cn_company_mentions&from=2025-01-28&to=2025-01-28").body()
            .contains("\"part\":6,\"whole\":9")
        && read(get(base + "/api/signals?window=1d&from=2025-01-28&to=2025-01-28").body(),
            new TypeReference<List<Signal>>() {}).stream()
            .anyMatch(x -> x.value().equals("deepseek") && x.observed() == 6),
        WAIT, "the aggregate API to serve all " + items.size() + " items and the DeepSeek burst");
  }

  private static Map<String, Long> totals(String base, String dimension) {
    Map<String, Long> out = new HashMap<>();
    for (TrendCount c : read(get(base + "/api/trends?dimension=" + dimension + "&window=1d&from=2025-01-01"
        + "&to=2025-01-31").body(), new TypeReference<List<TrendCount>>() {})) {
      out.merge(c.value(), c.items(), Long::sum);
    }
    return out;
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (java.io.IOException e) {
      throw new AssertionError("unreadable API answer " + json, e);
    }
  }

  /** One value per day of the 30 shown (2024-12-30 to 2025-01-28), January days from the map, else the default. */
  private static List<Double> perDay(Map<Integer, ? extends Number> january, Double otherwise) {
    List<Double> out = new ArrayList<>();
    for (LocalDate d = LocalDate.parse("2024-12-30"); !d.isAfter(LocalDate.parse("2025-01-28")); d = d.plusDays(1)) {
      Number n = d.getMonthValue() == 1 ? january.get(d.getDayOfMonth()) : null;
      out.add(n == null ? otherwise : Double.valueOf(n.doubleValue()));
    }
    return out;
  }

  private static List<Double> series(List<TrendCount> counts, String value, List<String> labels) {
    Double[] out = new Double[labels.size()];
    Arrays.fill(out, 0.0);
    for (TrendCount c : counts) {
      int i = labels.indexOf(c.windowStart().toString().substring(0, 10));
      if (c.value().equals(value) && i >= 0) {
        out[i] = (double) c.items();
      }
    }
    return Arrays.asList(out);
  }

  private static Map<String, List<Double>> datasets(JsonNode chart) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (JsonNode d : chart.get("datasets")) {
      out.put(d.get("label").asText(), Json.MAPPER.convertValue(d.get("data"), new TypeReference<List<Double>>() {}));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    return Json.MAPPER.convertValue(array, new TypeReference<List<String>>() {});
  }

  private static HttpResponse<String> get(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    }
  }
}
