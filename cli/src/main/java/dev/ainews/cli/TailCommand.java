package dev.ainews.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ainews tail TOPIC}: follow a topic, one JSON line per record. No consumer group:
 * it assigns every partition itself, so tailing leaves no offsets or group behind.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print the records of an ainews topic as JSON lines (key, timestamp, partition, offset, value).",
        "Starts at the end and follows new records until Ctrl-C, --max or, with --from-beginning, from the start.",
        "Example: ainews tail ainews.enriched.v1 --from-beginning --filter company=deepseek --filter theme=cost"})
final class TailCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  BrokerOption broker;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "e.g. ainews.enriched.v1 (see: ainews topics)")
  String topic;

  @Option(names = "--from-beginning", description = "start at the oldest record instead of the end")
  boolean fromBeginning;

  @Option(names = "--filter", paramLabel = "FIELD=VALUE",
      description = "keep records whose value field contains (arrays) or equals VALUE; repeatable, all must hold."
          + " company, theme, country stand for companies, themes, countries")
  List<String> filters = new ArrayList<>();

  @Option(names = "--max", paramLabel = "N", description = "exit after N matching records")
  Long max;

  @Option(names = "--pretty", description = "indented JSON instead of one line per record")
  boolean pretty;

  @Override
  public Integer call() {
    ValueFilter filter;
    try {
      filter = ValueFilter.parse(filters);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (max != null && max < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, was " + max);
    }
    String bootstrap = broker.bootstrap();
    Services.awaitBroker(bootstrap);
    List<TopicPartition> tps;
    try (Admin admin = KafkaReads.admin(bootstrap)) {
      tps = KafkaReads.partitions(admin, topic, bootstrap);
    }
    KafkaConsumer<byte[], byte[]> consumer = KafkaReads.consumer(bootstrap, "ainews-tail");
    consumer.assign(tps);
    if (fromBeginning) {
      consumer.seekToBeginning(tps);
    } else {
      consumer.seekToEnd(tps);
    }
    // Resolve the positions now: a record written right after "tail" started must be shown.
    tps.forEach(consumer::position);
    ObjectWriter writer = pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter() : Json.MAPPER.writer();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    PrintStream out = System.out;
    return Services.runUntilShutdown("tail", () -> {
      long shown = 0;
      try {
        while (max == null || shown < max) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            ObjectNode o = KafkaReads.envelope(r);
            if (!filter.test(o.get("value"))) {
              continue;
            }
            out.println(writer.writeValueAsString(o));
            if (max != null && ++shown >= max) {
              break;
            }
          }
          out.flush();
        }
      } catch (WakeupException stopping) {
        // Ctrl-C
      } catch (Exception e) {
        failure.set(e);
      }
      out.flush();
    }, consumer::wakeup, consumer::close, failure::get);
  }
}
