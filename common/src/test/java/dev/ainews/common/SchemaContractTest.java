package dev.ainews.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each published JSON Schema describes exactly the fields its record writes. */
class SchemaContractTest {

  @ParameterizedTest
  @ValueSource(classes = {FeedSubscription.class, RawItem.class, FeedState.class, EnrichedItem.class})
  void shouldDescribeEveryFieldOfTheRecordAndNoOther(Class<? extends Record> type) throws Exception {
    JsonNode schema;
    try (InputStream in = type.getResourceAsStream("/schemas/" + type.getSimpleName() + ".schema.json")) {
      assertNotNull(in, "no schema for " + type.getSimpleName());
      schema = Json.MAPPER.readTree(in);
    }
    Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> described = new TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(described::add);
    assertEquals(fields, described, type.getSimpleName());
    schema.get("required").forEach(r -> assertTrue(fields.contains(r.asText()), "required " + r + " is no field"));
    assertEquals(type.getSimpleName(), schema.get("title").asText());
  }
}
