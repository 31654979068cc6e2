package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.Dlq;
import dev.ainews.common.EnrichedItem;
import dev.ainews.common.Json;
import dev.ainews.common.RawItem;
import dev.ainews.common.trends.Share;
import dev.ainews.common.trends.Signal;
import dev.ainews.common.trends.TrendCount;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ainews export}: a bounded read of one topic into CSV or JSON lines for a
 * notebook. It reads up to the end offsets seen when it starts (a live topic keeps
 * growing; the export still ends), partition by partition in offset order, and keeps
 * the records whose timestamp lies in [from, to).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a topic (records with timestamps in [--from, --to)) to CSV or JSON lines.",
        "Enriched items: one row per item, companies/countries/themes joined with '|'.",
        "Trend, share and signal topics (compacted): the latest record per key, one row per window.",
        "Example: ainews export --topic ainews.trends.company.1d.v1 --from 2025-01-01 --format csv --out company.csv"})
final class ExportCommand implements Callable<Integer> {

  enum Format { csv, jsonl }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  BrokerOption broker;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "e.g. ainews.enriched.v1")
  String topic;

  @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
      description = "first record time, inclusive: 2025-01-27 (UTC) or 2025-01-27T10:00:00Z")
  Instant from;

  @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
      description = "last record time, exclusive")
  Instant to;

  @Option(names = "--format", required = true, paramLabel = "csv|jsonl", description = "csv or jsonl")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "output file (default: stdout)")
  Path out;

  @Option(names = "--all-updates",
      description = "on compacted topics, every update of a window instead of only the latest")
  boolean allUpdates;

  @Override
  public Integer call() throws IOException {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is not after --from " + from);
    }
    String bootstrap = broker.bootstrap();
    Services.awaitBroker(bootstrap);
    TopicCatalog.Entry contract = TopicCatalog.find(topic).orElse(null);
    List<String> columns = columnsOf(contract);
    boolean latestOnly = !allUpdates && contract != null && contract.compacted();
    List<TopicPartition> tps;
    Map<TopicPartition, Long> start;
    Map<TopicPartition, Long> end;
    try (Admin admin = KafkaReads.admin(bootstrap)) {
      tps = KafkaReads.partitions(admin, topic, bootstrap);
      end = KafkaReads.endOffsets(admin, tps);
      start = KafkaReads.offsetsAt(admin, tps, from);
    }
    long total = KafkaReads.sum(end, start);
    Progress progress = new Progress("export " + topic, total);
    Writer w = out == null
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    long written = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = KafkaReads.consumer(bootstrap, "ainews-export")) {
      Rows rows = new Rows(w, format, columns);
      Map<String, JsonNode> latest = new LinkedHashMap<>();
      long read = 0;
      for (TopicPartition tp : tps) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, start.get(tp));
        while (consumer.position(tp) < end.get(tp)) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.offset() >= end.get(tp)) {
              break;
            }
            read++;
            if (!inRange(r.timestamp())) {
              continue;
            }
            JsonNode row = row(r, contract);
            if (latestOnly) {
              String key = KafkaReads.key(r.key());
              latest.remove(key); // re-insert: the order is that of the latest update
              if (row != null) {
                latest.put(key, row);
              }
            } else if (row != null) {
              rows.write(row);
              written++;
            }
          }
          progress.update(read);
        }
      }
      for (JsonNode row : latest.values()) {
        rows.write(row);
        written++;
      }
      w.flush();
    } finally {
      if (out != null) {
        w.close();
      }
    }
    progress.finish("exported " + written + " records of " + topic + (out == null ? "" : " to " + out));
    return 0;
  }

  private boolean inRange(long timestamp) {
    return (from == null || timestamp >= from.toEpochMilli()) && (to == null || timestamp < to.toEpochMilli());
  }

  /** The value to export; DLQ records become their headers and original bytes; null for a tombstone. */
  private static JsonNode row(ConsumerRecord<byte[], byte[]> r, TopicCatalog.Entry contract) {
    if (contract != null && TopicCatalog.valueType(contract.topic()) == null) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("key", KafkaReads.key(r.key()));
      o.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
      o.put("stage", Dlq.header(r.headers(), Dlq.STAGE));
      o.put("exception", Dlq.header(r.headers(), Dlq.EXCEPTION));
      o.put("message", Dlq.header(r.headers(), Dlq.MESSAGE));
      o.put("topic", Dlq.header(r.headers(), Dlq.TOPIC));
      o.put("partition", Dlq.header(r.headers(), Dlq.PARTITION));
      o.put("offset", Dlq.header(r.headers(), Dlq.OFFSET));
      o.put("value", r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
      return o;
    }
    return KafkaReads.value(r.value());
  }

  /** CSV columns of a contract type; null: the fields of the first record. */
  static List<String> columnsOf(TopicCatalog.Entry contract) {
    if (contract == null) {
      return null;
    }
    Class<?> type = TopicCatalog.valueType(contract.topic());
    if (type == null) {
      return List.of("key", "timestamp", "stage", "exception", "message", "topic", "partition", "offset", "value");
    }
    if (type == EnrichedItem.class) {
      return List.of("id", "publishedAt", "feed", "source", "language", "title", "url", "companies", "countries",
          "themes", "storyId", "taxonomyVersion");
    }
    if (type == RawItem.class) {
      return List.of("id", "publishedAt", "fetchedAt", "feed", "source", "language", "title", "url", "author",
          "summary");
    }
    if (type == TrendCount.class) {
      return List.of("dimension", "value", "window", "windowStart", "windowEnd", "items", "stories");
    }
    if (type == Share.class) {
      return List.of("name", "windowStart", "windowEnd", "part", "whole", "share");
    }
    if (type == Signal.class) {
      return List.of("dimension", "value", "window", "windowStart", "windowEnd", "observed", "baseline", "stddev",
          "score");
    }
    return null;
  }

  /** Writes rows as CSV (RFC 4180 quoting, lists joined with '|') or as compact JSON lines. */
  static final class Rows {
    private final Writer w;
    private final Format format;
    private List<String> columns;

    Rows(Writer w, Format format, List<String> columns) throws IOException {
      this.w = w;
      this.format = format;
      this.columns = columns;
      if (format == Format.csv && columns != null) {
        header();
      }
    }

    void write(JsonNode row) throws IOException {
      if (format == Format.jsonl) {
        w.write(Json.MAPPER.writeValueAsString(row));
        w.write('\n');
        return;
      }
      if (columns == null) {
        List<String> names = new ArrayList<>();
        if (row.isObject()) {
          row.fieldNames().forEachRemaining(names::add);
        } else {
          names.add("value");
        }
        columns = List.copyOf(names);
        header();
      }
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        JsonNode v = row.isObject() ? row.get(columns.get(i)) : row;
        line.append(quote(cell(v)));
      }
      line.append("\r\n");
      w.write(line.toString());
    }

    private void header() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        line.append(i > 0 ? "," : "").append(quote(columns.get(i)));
      }
      w.write(line.append("\r\n").toString());
    }

    static String cell(JsonNode v) throws IOException {
      if (v == null || v.isNull()) {
        return "";
      }
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
          JsonNode e = it.next();
          parts.add(e.isValueNode() ? e.asText() : Json.MAPPER.writeValueAsString(e));
        }
        return String.join("|", parts);
      }
      return v.isValueNode() ? v.asText() : Json.MAPPER.writeValueAsString(v);
    }

    static String quote(String s) {
      if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
        return s;
      }
      return '"' + s.replace("\"", "\"\"") + '"';
    }
  }
}
