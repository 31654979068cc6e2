package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ainews.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the aggregate's own API (the same one the board uses) for the terminal's status and summaries. */
final class TopLine {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private TopLine() {}

  /** " | today: deepseek 26, nvidia 15 | themes: open_source 16, cost 15", or "" while there is nothing. */
  static String of(Pipeline p) {
    String companies = top(p, "company", 3);
    String themes = top(p, "theme", 3);
    if (companies.isEmpty() && themes.isEmpty()) {
      return "";
    }
    return " | latest day: " + (companies.isEmpty() ? "-" : companies) + " | themes: " + (themes.isEmpty() ? "-" : themes);
  }

  static String top(Pipeline p, String dimension, int n) {
    JsonNode arr = get(p, "/api/top?dimension=" + dimension + "&window=1d&n=" + n);
    List<String> parts = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      for (JsonNode t : arr) {
        parts.add(t.path("value").asText() + " " + t.path("items").asLong());
      }
    }
    return String.join(", ", parts);
  }

  /** GET a path of this pipeline's API; null when it is not answering (yet). */
  static JsonNode get(Pipeline p, String pathAndQuery) {
    try {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + p.http.port() + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
