package dev.ainews.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FetchOutcomeTest {

  @Test
  void shouldExposeStableMetricLabels() {
    // Dashboards and alerts match these strings: renaming one is a breaking change.
    assertEquals(List.of("ok", "not_modified", "client_error", "server_error", "rate_limited",
            "timeout", "too_large", "blocked", "network_error", "too_many_redirects"),
        Arrays.stream(FetchOutcome.values()).map(FetchOutcome::label).collect(Collectors.toList()));
  }

  @Test
  void shouldCountOnlyOkAndNotModifiedAsSuccess() {
    assertEquals(List.of(FetchOutcome.OK, FetchOutcome.NOT_MODIFIED),
        Arrays.stream(FetchOutcome.values()).filter(FetchOutcome::isSuccess)
            .collect(Collectors.toList()));
  }
}
